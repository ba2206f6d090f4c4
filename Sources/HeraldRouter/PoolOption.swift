import Catalog
import Router

/// One `--pool name=uri[,weight=N]` command-line value.
struct PoolOption: Equatable {
    static let defaultWeight = 100

    var pool: Pool
    var host: String
    var port: Int

    /// Parses `name=herald://host:port[,weight=N]`; a failure carries the reason.
    static func parse(_ text: String) -> Result<PoolOption, PoolOptionError> {
        guard let equals = text.firstIndex(of: "=") else { return .failure(.init("expected name=uri[,weight=N]: \(text)")) }
        let name = String(text[..<equals])
        guard !name.isEmpty else { return .failure(.init("empty pool name in \(text)")) }
        let parts = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
        guard let uri = parts.first.map(String.init), !uri.isEmpty else { return .failure(.init("missing uri in \(text)")) }
        var weight = defaultWeight
        for part in parts.dropFirst() {
            guard part.hasPrefix("weight="), let value = Int(part.dropFirst("weight=".count)),
                (0...4_294_967_295).contains(value)
            else { return .failure(.init("unknown pool option \(part) in \(text)")) }
            weight = value
        }
        guard let address = PoolAddress(uri: uri) else {
            return .failure(.init("pool uri must be herald://host:port: \(uri)"))
        }
        return .success(PoolOption(pool: Pool(name: name, uri: uri, weight: weight), host: address.host, port: address.port))
    }
}

/// Why a `--pool` value was rejected.
struct PoolOptionError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
