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
