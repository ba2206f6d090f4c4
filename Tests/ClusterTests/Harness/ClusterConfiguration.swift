/// What a ``HeraldCluster`` runs: how many nodes and routers, which nodes the routers register
/// as pools, the router flags and the catalog.
struct ClusterConfiguration: Sendable {
    /// Extra flags given to every router.
    var routerFlags: [String] = []
    /// Adds `--admin-mode` to the router flags.
    var adminMode = false
    /// Extra flags given to every storage node.
    var nodeFlags: [String] = []
    /// Number of storage nodes started.
    var nodes = HeraldCluster.nodeCount
    /// How many of the nodes (the first ones) the routers register with `--pool nodeN=...`;
    /// `nil` registers all of them. The others are left for tests to add through the API.
    var poolNodes: Int?
    /// Number of routers started, all on the same catalog and pools.
    var routers = 1
    /// The `--catalog` value (e.g. a `postgres://` URL); `nil` uses a SQLite file in the work directory.
    var catalog: String?
    /// Starts every node and router with `--metrics-port` (a free port, see
    /// `HeraldCluster.nodeMetricsPorts` and `routerMetricsPorts`).
    var metrics = false

    /// The router flags including `--admin-mode` when asked for, and `--auth noauth` (the tests
    /// send `X-Project-ID`/`X-Roles`) unless the flags choose an `--auth` mode themselves.
    var effectiveRouterFlags: [String] {
        var flags = adminMode && !routerFlags.contains("--admin-mode") ? routerFlags + ["--admin-mode"] : routerFlags
        if !flags.contains("--auth") { flags = ["--auth", "noauth"] + flags }
        return flags
    }

    /// The number of nodes registered as pools at router start.
    var effectivePoolNodes: Int { min(poolNodes ?? nodes, nodes) }
}
