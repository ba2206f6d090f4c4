import Foundation

/// How a short command run to its end by ``CommandRun/run(_:_:environment:)`` ended.
struct CommandRun: Sendable {
    /// Its exit status.
    let status: Int32
    /// Everything it printed on standard output and standard error, trimmed.
    let output: String

    /// Whether it exited with status 0.
    var succeeded: Bool { status == 0 }

    /// Runs `executable` with `arguments` (and `environment` instead of the test's, when given)
    /// and waits for it. Its output goes through a file, so a daemon it leaves running with the
    /// descriptors it inherited cannot hold the test up.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> CommandRun {
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("herald-command-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let output = try FileHandle(forWritingTo: outputURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? output.close()
        process.waitUntilExit()
        let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        return CommandRun(status: process.terminationStatus, output: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
