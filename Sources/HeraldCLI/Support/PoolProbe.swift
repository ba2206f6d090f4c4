import Foundation
import Shared

/// Asks the node of each pool a catalog lists whether it answers (`upgrade-check --probe-pools`).
enum PoolProbe {
    /// How long one node may take to answer.
    static let deadline: Duration = .seconds(3)

    /// The pools among `pools` whose node does not answer a ping over the RPC with `security`
    /// (each with the reason), in the order given.
    static func silentPools(_ pools: [InspectedPool], security: RPCClientSecurity) async -> [(pool: InspectedPool, reason: String)] {
        var silent: [(pool: InspectedPool, reason: String)] = []
        for pool in pools {
            guard let (host, port) = address(pool.uri) else {
                silent.append((pool, "not a herald://host:port uri"))
                continue
            }
            let store = RemoteQueueStore(host: host, port: port, connections: 1, deadline: deadline, security: security)
            do {
                try await store.ping()
            } catch {
                silent.append((pool, "\(error)"))
            }
            await store.shutdown()
        }
        return silent
    }

    /// Host and port of `herald://host:port` (IPv6 hosts in brackets), or nil.
    static func address(_ uri: String) -> (String, Int)? {
        guard uri.hasPrefix("herald://") else { return nil }
        let address = uri.dropFirst("herald://".count)
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
              (1...65_535).contains(port)
        else { return nil }
        var host = address[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        return host.isEmpty ? nil : (String(host), port)
    }
}
