/// The host and port of an `http://` base URL: all the lean client needs to connect.
struct HTTPEndpoint: Sendable, Equatable {
    var host: String
    var port: Int

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// The `Host` header for this endpoint: `host[:port]` (port 80 left out, IPv6 in brackets).
    var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }

    /// Why a base URL cannot be used.
    enum ParseError: Error, Equatable, CustomStringConvertible {
        case notHTTP(String)
        case badPort(String)

        var description: String {
            switch self {
            case .notHTTP(let url): "only http:// endpoints are supported, got '\(url)'"
            case .badPort(let url): "bad port in '\(url)'"
            }
        }
    }

    /// Parses `http://host[:port][/...]` (port 80 by default; `[v6]` hosts allowed).
    init(baseURL: String) throws(ParseError) {
        guard baseURL.lowercased().hasPrefix("http://") else { throw .notHTTP(baseURL) }
        let rest = baseURL.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        var host = Substring(authority)
        var port = 80
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let parsed = Int(after.dropFirst()), (1...65_535).contains(parsed) else { throw .badPort(baseURL) }
                port = parsed
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let parsed = Int(authority[authority.index(after: colon)...]), (1...65_535).contains(parsed) else {
                throw .badPort(baseURL)
            }
            port = parsed
        }
        guard !host.isEmpty else { throw .notHTTP(baseURL) }
        self.host = String(host)
        self.port = port
    }
}
