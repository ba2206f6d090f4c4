import Foundation

/// A real Herald cluster for end-to-end tests: two `herald-node` processes and one
/// `herald-router`, all on ephemeral ports, with data in a fresh temporary directory and a
/// shared clock-skew file.
actor HeraldCluster {
    /// Number of storage nodes the cluster starts.
    static let nodeCount = 2
    /// Loopback address every process binds to.
    let host = "127.0.0.1"
    /// Temporary directory holding data files, logs and the clock-skew file.
    let workDirectory: URL
    /// Extra flags given to the router (e.g. `--message-delete-with-claim-id`).
    let routerFlags: [String]

    private let nodeExecutable: URL
    private let routerExecutable: URL
    private var nodes: [ClusterProcess?] = Array(repeating: nil, count: HeraldCluster.nodeCount)
    private var router: ClusterProcess?
    private var launchCounter = 0

    /// RPC port of each storage node (stable across restarts).
    private(set) var nodePorts: [Int] = Array(repeating: 0, count: HeraldCluster.nodeCount)
    /// HTTP port of the router (stable across restarts).
    private(set) var routerPort = 0

    private init(routerFlags: [String]) throws {
        self.nodeExecutable = try BinaryLocator.executable("herald-node")
        self.routerExecutable = try BinaryLocator.executable("herald-router")
        self.routerFlags = routerFlags
        self.workDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("herald-cluster-\(UUID().uuidString)")
        for index in 0..<Self.nodeCount {
            try FileManager.default.createDirectory(
                at: workDirectory.appendingPathComponent("node\(index + 1)"),
                withIntermediateDirectories: true
            )
        }
        try Data("0".utf8).write(to: clockSkewFile)
    }

    /// Starts both nodes and the router; on any failure everything already started is stopped.
    static func start(routerFlags: [String] = []) async throws -> HeraldCluster {
        let cluster = try HeraldCluster(routerFlags: routerFlags)
        do {
            for index in 0..<nodeCount {
                try await cluster.startNode(index)
            }
            try await cluster.startRouter()
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
            ],
            logURL: try nextLogURL("node\(index + 1)")
        )
        nodes[index] = process
        nodePorts[index] = try await process.waitForReadyPort(banner: "herald-node")
    }

    /// Crashes node `index` with SIGKILL.
    func killNode(_ index: Int) async {
        await nodes[index]?.killHard()
        nodes[index] = nil
    }

    /// Stops node `index` gracefully (SIGTERM).
    func stopNode(_ index: Int) async {
        await nodes[index]?.stop()
        nodes[index] = nil
    }

    /// Restarts node `index` on the same port and data file. Retries the bind for a few
    /// seconds in case the old socket is still being torn down.
    func restartNode(_ index: Int) async throws {
        try await retryingLaunch { try await self.startNode(index) }
    }

    // MARK: Router

    /// Starts the router on its recorded port (0 the first time) with both nodes as pools.
    func startRouter() async throws {
        var arguments = [
            "--host", host,
            "--port", String(routerPort),
            "--catalog", catalogDatabase.path,
        ]
        for index in 0..<Self.nodeCount {
            arguments += ["--pool", "node\(index + 1)=\(poolURI(index))"]
        }
        arguments += routerFlags
        let process = try ClusterProcess.launch(
            name: "router",
            executable: routerExecutable,
            arguments: arguments,
            logURL: try nextLogURL("router")
        )
        router = process
        routerPort = try await process.waitForReadyPort(banner: "herald-router")
    }

    /// Crashes the router with SIGKILL.
    func killRouter() async {
        await router?.killHard()
        router = nil
    }

    /// Restarts the router on the same port and catalog.
    func restartRouter() async throws {
        try await retryingLaunch { try await self.startRouter() }
    }

    // MARK: Shutdown

    /// Stops every process (SIGTERM, then SIGKILL after a timeout) and optionally removes
    /// the data directory.
    func shutdown(removeFiles: Bool = true) async {
        await router?.stop()
        router = nil
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
