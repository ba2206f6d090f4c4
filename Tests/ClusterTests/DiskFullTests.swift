import Foundation
import XCTest

/// A storage node out of space: posts answer 507 with a JSON error and `Retry-After`, every
/// message acknowledged before is intact, other requests keep working, and posts succeed again
/// once space returns.
final class StoreSizeLimitTests: ClusterTestCase {
    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(adminMode: true, nodeFlags: ["--max-store-size", "1"])
    }

    func testAFullNodeAnswers507KeepsItsMessagesAndServesAgainAfterDeletes() async throws {
        let client = try await makeClient()
        try await createQueue("brimful", on: "node1", client: client)
        let (acknowledged, refusal) = try await fillUntilFull("brimful", client: client)
        try assertInsufficientStorage(refusal)
        XCTAssertGreaterThan(acknowledged.count, 100)

        expectStatus(200, try await client.get("/v2/queues/brimful/stats"), "reads still work")
        try await assertStored(acknowledged, in: "brimful", client: client)

        let freed = acknowledged.keys.sorted().prefix(200)
        for chunk in stride(from: 0, to: freed.count, by: 20) {
            let ids = freed.dropFirst(chunk).prefix(20).joined(separator: ",")
            expectStatus(204, try await client.delete("/v2/queues/brimful/messages?ids=\(ids)"))
        }
        try await postMessages(client, queue: "brimful", count: 5)
        var remaining = acknowledged
        for id in freed { remaining[id] = nil }
        try await assertStored(remaining, in: "brimful", client: client)
    }
}

/// The same on a real full filesystem: node1's data directory is a small tmpfs whose space is
/// taken by a ballast file; removing the ballast gives the space back. Needs the right to mount
/// (root, as in CI); skipped with a message otherwise.
final class FullFilesystemTests: ClusterTestCase {
    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(adminMode: true)
    }

    func testANodeOnAFullFilesystemAnswers507AndServesAgainWhenSpaceReturns() async throws {
        let client = try await makeClient()
        try await createQueue("cramped", on: "node1", client: client)
        try await postMessages(client, queue: "cramped", count: 5)
        let cluster = try cluster

        // node1's files move onto a 3 MB tmpfs, filled up to its last 400 KB.
        let stopped = await cluster.stopNode(0)
        XCTAssertTrue(stopped)
        let directory = cluster.nodeDatabase(0).deletingLastPathComponent()
        let original = directory.deletingLastPathComponent().appendingPathComponent("node1-original")
        try FileManager.default.moveItem(at: directory, to: original)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        guard (try? CommandRun.run("/bin/mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", directory.path]))?.succeeded == true else {
            throw XCTSkip("mounting a tmpfs needs root; the size-limit test covers a full store")
        }
        do {
            for file in try FileManager.default.contentsOfDirectory(atPath: original.path) {
                try FileManager.default.copyItem(
                    at: original.appendingPathComponent(file), to: directory.appendingPathComponent(file))
            }
            let ballast = directory.appendingPathComponent("ballast")
            let free = try Self.freeBytes(directory)
            try Data(count: max(0, free - 400 * 1024)).write(to: ballast)
            try await cluster.restartNode(0)

            let (acknowledged, refusal) = try await fillUntilFull("cramped", client: client)
            try assertInsufficientStorage(refusal)
            XCTAssertGreaterThan(acknowledged.count, 0)
            try await assertStored(acknowledged, in: "cramped", client: client)

            try FileManager.default.removeItem(at: ballast)
            try await postMessages(client, queue: "cramped", count: 10)
            try await assertStored(acknowledged, in: "cramped", client: client)
            let clean = await cluster.stopNode(0)
            XCTAssertTrue(clean, "the node stops cleanly after a full disk")
        } catch {
            await cluster.stopNode(0)
            _ = try? CommandRun.run("/bin/umount", ["-l", directory.path])
            throw error
        }
        _ = try? CommandRun.run("/bin/umount", ["-l", directory.path])
    }

    private static func freeBytes(_ directory: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfFileSystem(forPath: directory.path)
        return (attributes[.systemFreeSize] as? NSNumber)?.intValue ?? 0
    }
}

extension ClusterTestCase {
    /// Posts batches of ten 1 KB messages (`{"n": i, "pad": "..."}`) to `queue` until a post is
    /// refused; returns every acknowledged id with its `n`, and the refusal.
    fileprivate func fillUntilFull(
        _ queue: String, client: HeraldClient
    ) async throws -> (acknowledged: [String: Int], refusal: HeraldResponse) {
        let pad = String(repeating: "x", count: 1000)
        var acknowledged: [String: Int] = [:]
        for batch in 0..<2000 {
            let numbers = (batch * 10)..<(batch * 10 + 10)
            let items = numbers.map { #"{"body": {"n": \#($0), "pad": "\#(pad)"}}"# }
            let response = try await client.post(
                "/v2/queues/\(queue)/messages", body: #"{"messages": [\#(items.joined(separator: ","))]}"#)
            guard response.status == 201 else { return (acknowledged, response) }
            let ids = try response.json()["resources"]?.array?.compactMap { $0.string?.split(separator: "/").last } ?? []
            for (id, number) in zip(ids, numbers) { acknowledged[String(id)] = number }
        }
        throw ClusterError.invalidRequest("\(queue) never filled up")
    }

    /// Asserts a 507 with the JSON error of a full node and a `Retry-After`.
    fileprivate func assertInsufficientStorage(_ response: HeraldResponse, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(response.status, 507, "\(response)", file: file, line: line)
        XCTAssertEqual(try response.json()["title"]?.string, "Insufficient storage", file: file, line: line)
        XCTAssertTrue(try response.json()["description"]?.string?.contains("Nothing was stored") == true, "\(response)", file: file, line: line)
        XCTAssertNotNil(response.header("Retry-After"), file: file, line: line)
    }
}
