extension RPCServer {
    /// The remote addresses of the connected RPC clients (routers), sorted; for diagnostics.
    public var connectedClients: [String] { registry.peers }

    /// Requests executing right now; for diagnostics.
    public var requestsInFlight: Int { registry.inFlight }
}
