import Foundation

/// One child process of the test cluster (a `herald-node` or `herald-router`), with its
/// output captured in a log file.
///
/// Only used from the owning `HeraldCluster` actor, hence `@unchecked Sendable`.
final class ClusterProcess: @unchecked Sendable {
    /// Human readable name used in failure messages, e.g. `node1`.
    let name: String
    /// File receiving the child's stdout and stderr.
    let logURL: URL
    private let process: Process

    private init(name: String, logURL: URL, process: Process) {
        self.name = name
        self.logURL = logURL
        self.process = process
    }

    /// Starts `executable` with `arguments` and the test's environment plus `environment`,
    /// writing all of its output to `logURL`.
    static func launch(
        name: String, executable: URL, arguments: [String], logURL: URL, environment: [String: String] = [:]
    ) throws -> ClusterProcess {
        guard FileManager.default.createFile(atPath: logURL.path, contents: nil) else {
            throw ClusterError.invalidRequest("cannot create log file \(logURL.path)")
        }
        let log = try FileHandle(forWritingTo: logURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        return ClusterProcess(name: name, logURL: logURL, process: process)
    }

    /// Process id of the child.
    var pid: Int32 { process.processIdentifier }

    /// Whether the child is still alive.
    var isRunning: Bool { process.isRunning }

    /// Everything the child printed so far.
    var logText: String {
        (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
    }

    /// Waits for the line `<banner> listening on <host>:<port>` and returns the port.
    func waitForReadyPort(banner: String, timeout: Duration = .seconds(60)) async throws -> Int {
        try await waitForAnnouncedPort(marker: "\(banner) listening on ", timeout: timeout)
    }

    /// Waits for a line `<marker><host>:<port>` (e.g. `herald-node metrics on `) and returns the port.
    func waitForAnnouncedPort(marker: String, timeout: Duration = .seconds(60)) async throws -> Int {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if let port = Self.parseAnnouncedPort(in: logText, marker: marker) {
                return port
            }
            if !process.isRunning {
                throw ClusterError.exitedEarly(name: name, status: process.terminationStatus, log: logText)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ClusterError.notReady(name: name, log: logText)
    }

    /// Parses `<banner> listening on <host>:<port>` out of a log text.
    static func parseReadyPort(in text: String, banner: String) -> Int? {
        parseAnnouncedPort(in: text, marker: "\(banner) listening on ")
    }

    /// Parses `<marker><host>:<port>` out of a log text.
    static func parseAnnouncedPort(in text: String, marker: String) -> Int? {
        for line in text.split(separator: "\n") {
            guard let range = line.range(of: marker) else { continue }
            let address = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard let colon = address.lastIndex(of: ":") else { continue }
            if let port = Int(address[address.index(after: colon)...]) {
                return port
            }
        }
        return nil
    }

    /// Sends SIGTERM, waits up to `timeout`, then SIGKILLs. Returns once the child is gone,
    /// with `true` when it exited by itself with status 0 within `timeout`.
    @discardableResult
    func stop(timeout: Duration = .seconds(10)) async -> Bool {
        guard process.isRunning else { return false }
        kill(process.processIdentifier, SIGTERM)
        if await waitForExit(timeout: timeout) {
            return process.terminationReason == .exit && process.terminationStatus == 0
        }
        await killHard()
        return false
    }

    /// Waits up to `timeout` for the child to exit by itself; `true` when it exited with status 0.
    func waitForCleanExit(timeout: Duration) async -> Bool {
        await waitForExit(timeout: timeout) && process.terminationReason == .exit && process.terminationStatus == 0
    }

    /// Waits up to `timeout` for the child to exit by itself and returns its exit status;
    /// `nil` while it still runs or when a signal ended it.
    func waitForExitStatus(timeout: Duration) async -> Int32? {
        guard await waitForExit(timeout: timeout), process.terminationReason == .exit else { return nil }
        return process.terminationStatus
    }

    /// Sends SIGKILL (a crash, as far as the child is concerned) and waits until it is gone.
    func killHard() async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        _ = await waitForExit(timeout: .seconds(30))
    }

    /// Polls until the child has exited; `false` if it is still running after `timeout`.
    private func waitForExit(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}
