import Catalog

/// One `--pool name=uri[,weight=N]` command-line value.
struct PoolOption: Equatable {
    static let defaultWeight = 100

    var pool: Pool
    var host: String
    var port: Int

    /// Parses `name=herald://host:port[,weight=N]`; `nil` with a reason in `error` otherwise.
    static func parse(_ text: String) -> Result<PoolOption, PoolOptionError> {
        guard let equals = text.firstIndex(of: "=") else { return .failure(.init("expected name=uri[,weight=N]: \(text)")) }
        let name = String(text[..<equals])
        guard !name.isEmpty else { return .failure(.init("empty pool name in \(text)")) }
        let parts = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
        guard let uri = parts.first.map(String.init), !uri.isEmpty else { return .failure(.init("missing uri in \(text)")) }
        var weight = defaultWeight
        for part in parts.dropFirst() {
            guard part.hasPrefix("weight="), let value = Int(part.dropFirst("weight=".count)) else {
                return .failure(.init("unknown pool option \(part) in \(text)"))
            }
            weight = value
        }
        guard uri.hasPrefix("herald://") else { return .failure(.init("pool uri must start with herald://: \(uri)")) }
        let address = uri.dropFirst("herald://".count)
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (1...65_535).contains(port)
        else { return .failure(.init("pool uri needs host:port: \(uri)")) }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return .failure(.init("pool uri needs a host: \(uri)")) }
        return .success(PoolOption(pool: Pool(name: name, uri: uri, weight: weight), host: host, port: port))
    }
}

/// Why a `--pool` value was rejected.
struct PoolOptionError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
