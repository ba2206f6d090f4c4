import Foundation
import Shared
import XCTest

/// The `herald-node` executable as a child process: banner, RPC service, clock-skew file, SIGTERM.
final class HeraldNodeProcessTests: XCTestCase {
    private static var executable: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/herald-node")
    }

    func testNodeServesRPCHonoursClockSkewAndExitsCleanlyOnSIGTERM() async throws {
        let executable = Self.executable
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("build herald-node first: \(executable.path) is missing")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-node-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("stdout.txt")
        let skewFile = directory.appendingPathComponent("skew-ms")
        XCTAssertTrue(FileManager.default.createFile(atPath: output.path, contents: nil))

        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--host", "127.0.0.1", "--port", "0", "--data", directory.appendingPathComponent("node/herald.sqlite").path,
            "--gc-interval", "1", "--clock-skew-file", skewFile.path,
        ]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let port = try await waitForBanner(in: output)
        let client = RemoteQueueStore(host: "127.0.0.1", port: port, deadline: .seconds(5))
        let queue = QueueRef(project: "p", name: "skew")
        let ids = try await client.postMessages(queue, clientID: "c", messages: [NewMessage(body: Array("1".utf8), ttl: 60)], requestSize: 1)
        let alive = try await client.getMessages(queue, ids: ids)
        XCTAssertEqual(alive.count, 1)

        try Data("120000".utf8).write(to: skewFile)
        var expired = false
        for _ in 0..<100 where !expired {
            try await Task.sleep(for: .milliseconds(30))
            expired = try await client.getMessages(queue, ids: ids).isEmpty
        }
        XCTAssertTrue(expired, "two minutes of skew expire a 60 s message")
        await client.shutdown()

        process.terminate()  // SIGTERM
        for _ in 0..<500 where process.isRunning {
            try await Task.sleep(for: .milliseconds(10))
        }
        XCTAssertFalse(process.isRunning)
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 0)
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines, ["herald-node listening on 127.0.0.1:\(port)"], "exactly one line on stdout")
    }

    func testEncryptionKeyFileIsTheSameKeyAsTheKeyText() async throws {
        let executable = Self.executable
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("build herald-node first: \(executable.path) is missing")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-node-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("message-key")
        try Data("file-held key\n".utf8).write(to: keyFile)
        let data = directory.appendingPathComponent("node/herald.sqlite").path
        let queue = QueueRef(project: "p", name: "sealed")

        let first = try await startNode(executable, in: directory, ["--data", data, "--message-encryption-key-file", keyFile.path])
        let writer = RemoteQueueStore(host: "127.0.0.1", port: first.port, deadline: .seconds(5))
        let settings = QueueSettings(enableEncryptMessages: true)
        _ = try await writer.createQueue(queue, metadata: QueueMetadata(json: Array(#"{"_enable_encrypt_messages": true}"#.utf8), settings: settings))
        let ids = try await writer.postMessages(
            queue, clientID: "c", messages: [NewMessage(body: Array(#""sealed body""#.utf8), ttl: 600)], requestSize: 16)
        await writer.shutdown()
        await stop(first.process)

        // The same text on the command line opens what the file's key sealed.
        let second = try await startNode(executable, in: directory, ["--data", data, "--message-encryption-key", "file-held key"])
        let reader = RemoteQueueStore(host: "127.0.0.1", port: second.port, deadline: .seconds(5))
        let read = try await reader.getMessages(queue, ids: ids)
        XCTAssertEqual(read.map { String(decoding: $0.body, as: UTF8.self) }, [#""sealed body""#])
        await reader.shutdown()
        await stop(second.process)
    }

    /// Starts `herald-node` on a free port with `arguments`; returns it once its banner is out.
    private func startNode(_ executable: URL, in directory: URL, _ arguments: [String]) async throws -> (process: Process, port: Int) {
        let output = directory.appendingPathComponent("stdout-\(UUID().uuidString).txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: output.path, contents: nil))
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--host", "127.0.0.1", "--port", "0"] + arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        do {
            return (process, try await waitForBanner(in: output))
        } catch {
            process.terminate()
            throw error
        }
    }

    /// SIGTERM, then waits (at most 5 s) for the exit.
    private func stop(_ process: Process) async {
        process.terminate()
        for _ in 0..<500 where process.isRunning {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    private struct BannerTimeout: Error {}

    /// Polls the captured stdout for `herald-node listening on <host>:<port>`.
    private func waitForBanner(in output: URL) async throws -> Int {
        let prefix = "herald-node listening on 127.0.0.1:"
        for _ in 0..<500 {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }),
                let port = Int(line.dropFirst(prefix.count))
            {
                return port
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw BannerTimeout()
    }
}
