import Shared

/// Checks that the storage node a pool uri names answers before the pool is accepted.
enum PoolProbe {
    /// The longest the check may take (connecting included).
    static let deadline: Duration = .seconds(2)

    /// True when a node listens at `address`, authenticates with `security` and answers `ping`
    /// within the deadline.
    static func answers(_ address: PoolAddress, security: RPCClientSecurity) async -> Bool {
        let store = RemoteQueueStore(
            host: address.host, port: address.port, connections: 1, deadline: deadline, security: security)
        let alive: Bool
        do {
            try await store.ping()
            alive = true
        } catch {
            alive = false
        }
        await store.shutdown()
        return alive
    }
}
