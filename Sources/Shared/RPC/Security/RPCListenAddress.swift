/// Facts about the address a node listens on.
public enum RPCListenAddress {
    /// Whether `host` only accepts connections from this machine: `localhost`, an address in
    /// 127.0.0.0/8, or `::1`. Anything else (including `0.0.0.0` and other host names) counts as
    /// reachable from the network.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if host.lowercased() == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && (Int(part).map { $0 <= 255 } ?? false)
        }
    }
}
