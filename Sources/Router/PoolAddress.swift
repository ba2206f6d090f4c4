/// The network address of a storage node named by a pool uri, `herald://host:port`
/// (IPv6 hosts in brackets: `herald://[::1]:7001`).
public struct PoolAddress: Sendable, Equatable {
    /// The only scheme a Herald pool uri may use.
    public static let scheme = "herald://"
    /// Longest accepted pool uri (spec §2.6).
    public static let maxURILength = 255

    /// The node's host name or address (brackets removed).
    public var host: String
    /// The node's RPC port, 1...65535.
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `herald://host:port`; `nil` for anything else (other schemes, paths, missing or
    /// out-of-range port, empty host, over-long uri).
    public init?(uri: String) {
        guard uri.utf8.count <= Self.maxURILength, uri.hasPrefix(Self.scheme) else { return nil }
        let address = uri.dropFirst(Self.scheme.count)
        guard let colon = address.lastIndex(of: ":") else { return nil }
        let portText = address[address.index(after: colon)...]
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let port = Int(portText), (1...65_535).contains(port)
        else { return nil }
        var host = address[..<colon]
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { return nil }
            host = host.dropFirst().dropLast()
        } else if host.contains(":") {
            return nil
        }
        guard !host.isEmpty, !host.contains(where: { $0 == "/" || $0 == "@" || $0 == "?" || $0 == "#" || $0.isWhitespace })
        else { return nil }
        self.init(host: String(host), port: port)
    }
}
