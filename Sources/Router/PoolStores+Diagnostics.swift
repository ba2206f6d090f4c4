import Shared

extension PoolStores {
    /// The state of each RPC connection of the client of the pool named `pool`, e.g.
    /// `127.0.0.1:7001: connected`; `nil` while the router has not needed the pool yet.
    func connectionStates(pool: String) -> [String]? {
        guard let store = entries.withLock({ $0[pool]?.store }) else { return nil }
        if let remote = store as? RemoteQueueStore { return remote.connectionStates }
        return ["in-process store, no RPC connection"]
    }
}
