import Foundation

/// What one run of the `herald` admin CLI printed and how it exited.
struct CLIResult: Sendable, CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The standard output parsed as JSON (for `--json` runs).
    func json() throws -> JSONTree { try JSONTree(data: Data(stdout.utf8)) }

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs the built `herald` executable as a child process against a router.
struct HeraldCLIRunner: Sendable {
    /// The router base URL given as `$HERALD_URL`.
    let url: String
    /// The project given as `$HERALD_PROJECT`.
    var project = "admin"
    /// How long one run may take before it is killed.
    var timeout: Duration = .seconds(60)
    /// Extra environment variables of every run (e.g. `HERALD_TOKEN_SECRET`).
    var environment: [String: String] = [:]

    /// Runs `herald <arguments>` and waits for it; output goes through files, so any size works.
    func run(_ arguments: [String]) async throws -> CLIResult {
        let executable = try BinaryLocator.executable("herald")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdoutURL = directory.appendingPathComponent("stdout")
        let stderrURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HERALD_URL"] = url
        environment["HERALD_PROJECT"] = project
        environment.merge(self.environment) { _, extra in extra }
        process.environment = environment
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? stdout.close()
        try? stderr.close()

        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw ClusterError.timedOut(what: "herald \(arguments.joined(separator: " "))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return CLIResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        )
    }
}
