import Foundation

/// A real Herald cluster for end-to-end tests: `herald-node` processes and `herald-router`
/// processes (two nodes and one router by default), all on ephemeral ports, with data in a fresh
/// temporary directory and a shared clock-skew file.
actor HeraldCluster {
    /// Number of storage nodes the default cluster starts (all registered as pools).
    static let nodeCount = 2
    /// Loopback address every process binds to.
    let host = "127.0.0.1"
    /// Temporary directory holding data files, logs and the clock-skew file.
    let workDirectory: URL
    /// What the cluster runs (node and router counts, router flags, catalog).
    let configuration: ClusterConfiguration
    /// Extra flags given to every router (e.g. `--message-delete-with-claim-id`).
    var routerFlags: [String] { configuration.effectiveRouterFlags }
    /// The `--cluster-secret` of every node, random per cluster (unless the node flags name one).
    let clusterSecret = "cluster-secret-\(UUID().uuidString)"
    /// The `--cluster-secret` routers start with (unless the router flags name one): the
    /// cluster's own until a test changes it with ``setRouterClusterSecret(_:)``.
    private(set) var routerClusterSecret: String

    private let nodeExecutable: URL
    private let routerExecutable: URL
    private var nodes: [ClusterProcess?]
    private var routers: [ClusterProcess?]
    private var launchCounter = 0

    /// RPC port of each storage node (stable across restarts).
    private(set) var nodePorts: [Int]
    /// HTTP port of each router (stable across restarts).
    private(set) var routerPorts: [Int]
    /// HTTP port of the first router.
    var routerPort: Int { routerPorts[0] }
    /// `/metrics` port of each storage node (0 unless `configuration.metrics`).
    private(set) var nodeMetricsPorts: [Int]
    /// `/metrics` port of each router (0 unless `configuration.metrics`).
    private(set) var routerMetricsPorts: [Int]

    private init(configuration: ClusterConfiguration) throws {
        self.nodeExecutable = try BinaryLocator.executable("herald-node")
        self.routerExecutable = try BinaryLocator.executable("herald-router")
        self.configuration = configuration
        self.routerClusterSecret = clusterSecret
        self.nodes = Array(repeating: nil, count: configuration.nodes)
        self.nodePorts = Array(repeating: 0, count: configuration.nodes)
        self.routers = Array(repeating: nil, count: configuration.routers)
        self.routerPorts = Array(repeating: 0, count: configuration.routers)
        self.nodeMetricsPorts = Array(repeating: 0, count: configuration.nodes)
        self.routerMetricsPorts = Array(repeating: 0, count: configuration.routers)
        self.workDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("herald-cluster-\(UUID().uuidString)")
        for index in 0..<configuration.nodes {
            try FileManager.default.createDirectory(
                at: workDirectory.appendingPathComponent("node\(index + 1)"),
                withIntermediateDirectories: true
            )
        }
        try Data("0".utf8).write(to: clockSkewFile)
    }

    /// Starts the default cluster (two nodes, one router) with extra router flags.
    static func start(routerFlags: [String] = []) async throws -> HeraldCluster {
        try await start(ClusterConfiguration(routerFlags: routerFlags))
    }

    /// Starts every node, then every router; on any failure everything already started is stopped.
    static func start(_ configuration: ClusterConfiguration) async throws -> HeraldCluster {
        let cluster = try HeraldCluster(configuration: configuration)
        do {
            for index in 0..<configuration.nodes {
                try await cluster.startNode(index)
            }
            for index in 0..<configuration.routers {
                try await cluster.startRouter(index)
            }
        } catch {
            await cluster.shutdown(removeFiles: false)
            throw error
        }
        return cluster
    }

    // MARK: Paths

    /// The clock-skew file read by every node (milliseconds added to the node clock).
    nonisolated var clockSkewFile: URL { workDirectory.appendingPathComponent("clock-skew-ms") }

    /// SQLite file of storage node `index` (0-based).
    nonisolated func nodeDatabase(_ index: Int) -> URL {
        workDirectory.appendingPathComponent("node\(index + 1)/herald.sqlite")
    }

    /// SQLite file of the router's catalog.
    nonisolated var catalogDatabase: URL { workDirectory.appendingPathComponent("catalog.sqlite") }

    /// The router's pool URI for node `index`.
    func poolURI(_ index: Int) -> String { "herald://\(host):\(nodePorts[index])" }

    /// Everything the processes logged, for failure diagnostics.
    func logs() -> String {
        let directory = workDirectory.appendingPathComponent("logs")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.sorted().map { file in
            let text = (try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)) ?? ""
            return "----- \(file)\n\(text)"
        }.joined(separator: "\n")
    }

    // MARK: Clock

    /// Writes `milliseconds` into the clock-skew file, moving every node's clock forward.
    func setClockSkew(milliseconds: Int64) throws {
        try Data(String(milliseconds).utf8).write(to: clockSkewFile, options: .atomic)
    }

    // MARK: Nodes

    /// Starts node `index` on its recorded port (0 the first time) and records the real port.
    func startNode(_ index: Int) async throws {
        let process = try ClusterProcess.launch(
            name: "node\(index + 1)",
            executable: nodeExecutable,
            arguments: [
                "--host", host,
                "--port", String(nodePorts[index]),
                "--data", nodeDatabase(index).path,
                "--clock-skew-file", clockSkewFile.path,
            ] + (configuration.nodeFlags.contains("--cluster-secret") ? [] : ["--cluster-secret", clusterSecret])
                + (configuration.metrics ? ["--metrics-port", String(nodeMetricsPorts[index])] : [])
                + configuration.nodeFlags,
            logURL: try nextLogURL("node\(index + 1)")
        )
        nodes[index] = process
        nodePorts[index] = try await process.waitForReadyPort(banner: "herald-node")
        if configuration.metrics {
            nodeMetricsPorts[index] = try await process.waitForAnnouncedPort(marker: "herald-node metrics on ")
        }
    }

    /// Crashes node `index` with SIGKILL.
    func killNode(_ index: Int) async {
        await nodes[index]?.killHard()
        nodes[index] = nil
    }

    /// Stops node `index` gracefully (SIGTERM); `true` when it exited cleanly (status 0) in time.
    @discardableResult
    func stopNode(_ index: Int) async -> Bool {
        let clean = await nodes[index]?.stop() ?? false
        nodes[index] = nil
        return clean
    }

    /// The running process of node `index`, e.g. to signal it; `nil` when stopped.
    func nodeProcess(_ index: Int) -> ClusterProcess? {
        nodes[index]
    }

    /// Restarts node `index` on the same port and data file. Retries the bind for a few
    /// seconds in case the old socket is still being torn down.
    func restartNode(_ index: Int) async throws {
        try await retryingLaunch { try await self.startNode(index) }
    }

    // MARK: Router

    /// The `--catalog` value every router gets: the configured URL, else the SQLite file.
    nonisolated var catalogArgument: String { configuration.catalog ?? catalogDatabase.path }

    /// Starts router `index` (0-based) on its recorded port (0 the first time) with the first
    /// `configuration.poolNodes` nodes as pools `node1`, `node2`, ...
    func startRouter(_ index: Int = 0) async throws {
        var arguments = [
            "--host", host,
            "--port", String(routerPorts[index]),
            "--catalog", catalogArgument,
        ]
        for node in 0..<configuration.effectivePoolNodes {
            arguments += ["--pool", "node\(node + 1)=\(poolURI(node))"]
        }
        if !routerFlags.contains("--cluster-secret") { arguments += ["--cluster-secret", routerClusterSecret] }
        if configuration.metrics { arguments += ["--metrics-port", String(routerMetricsPorts[index])] }
        arguments += routerFlags
        let name = index == 0 ? "router" : "router\(index + 1)"
        let process = try ClusterProcess.launch(
            name: name,
            executable: routerExecutable,
            arguments: arguments,
            logURL: try nextLogURL(name)
        )
        routers[index] = process
        routerPorts[index] = try await process.waitForReadyPort(banner: "herald-router")
        if configuration.metrics {
            routerMetricsPorts[index] = try await process.waitForAnnouncedPort(marker: "herald-router metrics on ")
        }
    }

    /// The `--cluster-secret` of routers started from now on (`""`: none).
    func setRouterClusterSecret(_ secret: String) {
        routerClusterSecret = secret
    }

    /// Crashes router `index` with SIGKILL.
    func killRouter(_ index: Int = 0) async {
        await routers[index]?.killHard()
        routers[index] = nil
    }

    /// The running process of router `index`, e.g. to signal it or read its log; `nil` when stopped.
    func routerProcess(_ index: Int = 0) -> ClusterProcess? {
        routers[index]
    }

    /// Restarts router `index` on the same port and catalog.
    func restartRouter(_ index: Int = 0) async throws {
        try await retryingLaunch { try await self.startRouter(index) }
    }

    // MARK: Shutdown

    /// Stops every process (SIGTERM, then SIGKILL after a timeout) and optionally removes
    /// the data directory.
    func shutdown(removeFiles: Bool = true) async {
        for index in routers.indices {
            await routers[index]?.stop()
            routers[index] = nil
        }
        for index in nodes.indices {
            await nodes[index]?.stop()
            nodes[index] = nil
        }
        if removeFiles {
            try? FileManager.default.removeItem(at: workDirectory)
        }
    }

    // MARK: Helpers

    private func nextLogURL(_ name: String) throws -> URL {
        let directory = workDirectory.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        launchCounter += 1
        return directory.appendingPathComponent(String(format: "%02d-%@.log", launchCounter, name))
    }

    private func retryingLaunch(_ launch: () async throws -> Void) async throws {
        var lastError: (any Error)?
        for _ in 0..<20 {
            do {
                try await launch()
                return
            } catch let error as ClusterError {
                guard case .exitedEarly = error else { throw error }
                lastError = error
                try await Task.sleep(for: .milliseconds(250))
            }
        }
        throw lastError ?? ClusterError.timedOut(what: "process restart")
    }
}
