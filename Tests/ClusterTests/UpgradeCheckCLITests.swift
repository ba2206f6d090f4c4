import Foundation
import GRDB
import XCTest

/// `herald status upgrade-check` run as a process on the stores of a real cluster and on copies
/// of a node store made older, unrecorded or newer: exit 0 / 1 / 2 like zaqar-status, and the
/// files it looks at are left byte for byte as they were.
final class UpgradeCheckCLITests: ClusterTestCase {
    private func check(_ arguments: [String]) async throws -> CLIResult {
        try await HeraldCLIRunner(url: "http://127.0.0.1:1").run(["status", "upgrade-check"] + arguments)
    }

    /// A copy of node 2's store (stopped, with its WAL), changed by `edit` (which folds the WAL in).
    private func storeCopy(_ name: String, edit: (Database) throws -> Void) async throws -> URL {
        let cluster = try cluster
        if await cluster.nodeProcess(1)?.isRunning == true { _ = await cluster.stopNode(1) }
        let copy = cluster.workDirectory.appendingPathComponent("\(name).sqlite")
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: cluster.nodeDatabase(1).path + suffix) {
            try FileManager.default.copyItem(
                at: URL(fileURLWithPath: cluster.nodeDatabase(1).path + suffix), to: URL(fileURLWithPath: copy.path + suffix))
        }
        let database = try DatabaseQueue(path: copy.path)
        try database.write(edit)
        try database.close()
        return copy
    }

    private func bytes(_ url: URL) throws -> Data {
        try Data(contentsOf: url)
    }

    func testUpToDateStoresPass() async throws {
        let cluster = try cluster
        let result = try await check([
            "--node-data", cluster.nodeDatabase(0).path, "--catalog", cluster.catalogDatabase.path,
        ])
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertTrue(result.stdout.contains("Result: Success"), "\(result)")
        for check in ["schema version", "integrity", "wal mode", "free disk", "pools"] {
            XCTAssertTrue(result.stdout.contains(check), "\(check): \(result)")
        }
        XCTAssertTrue(result.stdout.contains("version 5, this Herald"), "\(result)")
        let node1URI = await cluster.poolURI(0)
        XCTAssertTrue(result.stdout.contains(node1URI), "the catalog's pools are listed: \(result)")
        XCTAssertFalse(result.stdout.contains("Warning") || result.stdout.contains("Failure"), "\(result)")
    }

    func testProbingPoolsNamesTheNodesThatDoNotAnswer() async throws {
        let cluster = try cluster
        var runner = HeraldCLIRunner(url: "http://127.0.0.1:1")
        runner.environment["HERALD_CLUSTER_SECRET"] = cluster.clusterSecret
        let arguments = ["status", "upgrade-check", "--catalog", cluster.catalogDatabase.path, "--probe-pools"]
        let answering = try await runner.run(arguments)
        XCTAssertEqual(answering.status, 0, "\(answering)")
        XCTAssertTrue(answering.stdout.contains("2 of 2 answer"), "\(answering)")

        let node2URI = await cluster.poolURI(1)
        _ = await cluster.stopNode(1)
        let silent = try await runner.run(arguments)
        XCTAssertEqual(silent.status, 1, "\(silent)")
        XCTAssertTrue(silent.stdout.contains("node2 (\(node2URI)) does not answer"), "\(silent)")
        XCTAssertFalse(silent.stdout.contains("node1 ("), "\(silent)")
    }

    func testAnOlderStoreWarnsNamingThePendingMigrationAndIsNotChanged() async throws {
        let older = try await storeCopy("older") { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-outbox-kinds'")
            try db.execute(sql: "ALTER TABLE outbox DROP COLUMN kind")
        }
        let before = try bytes(older)
        let result = try await check(["--node-data", older.path])
        XCTAssertEqual(result.status, 1, "\(result)")
        XCTAssertTrue(result.stdout.contains("pending: v4-outbox-kinds"), "\(result)")
        XCTAssertTrue(result.stdout.contains("version 3, this Herald"), "\(result)")
        XCTAssertTrue(result.stdout.contains("Result: Warning"), "\(result)")
        XCTAssertEqual(try bytes(older), before, "the check wrote nothing")

        let json = try await check(["--node-data", older.path, "--format", "json"])
        XCTAssertEqual(json.status, 1, "\(json)")
        let document = try json.json()
        XCTAssertEqual(document["result"]?.string, "Warning", "\(json)")
        let schema = (document["checks"]?.array ?? []).first { $0["check"]?.string == "schema version" }
        XCTAssertEqual(schema?["result"]?.string, "Warning", "\(json)")
        XCTAssertEqual(schema?["store"]?.string, "node \(older.path)", "\(json)")
    }

    func testAStoreWithoutVersionRecordWarnsAndIsNotChanged() async throws {
        let unrecorded = try await storeCopy("unrecorded") { db in
            try db.execute(sql: "DROP TABLE grdb_migrations")
            try db.execute(sql: "PRAGMA application_id = 0")
        }
        let before = try bytes(unrecorded)
        let result = try await check(["--node-data", unrecorded.path])
        XCTAssertEqual(result.status, 1, "\(result)")
        XCTAssertTrue(result.stdout.contains("no version record, recognised by its tables as the baseline"), "\(result)")
        XCTAssertEqual(try bytes(unrecorded), before, "the check wrote nothing")
    }

    func testANewerStoreOrAMissingFileFails() async throws {
        let newer = try await storeCopy("newer") { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        let before = try bytes(newer)
        let result = try await check(["--node-data", newer.path])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stdout.contains("v99-from-the-future"), "\(result)")
        XCTAssertTrue(result.stdout.contains("Result: Failure"), "\(result)")
        XCTAssertEqual(try bytes(newer), before)

        let missing = try cluster.workDirectory.appendingPathComponent("missing/herald.sqlite").path
        let absent = try await check(["--node-data", missing, "--node-data", try cluster.nodeDatabase(0).path])
        XCTAssertEqual(absent.status, 2, "\(absent)")
        XCTAssertTrue(absent.stdout.contains("\(missing) does not exist"), "\(absent)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
    }

    func testNoStoreGivenIsAUsageError() async throws {
        let result = try await check([])
        XCTAssertNotEqual(result.status, 0, "\(result)")
        XCTAssertTrue(result.stderr.contains("--node-data"), "\(result)")
    }
}
