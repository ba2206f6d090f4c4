import Foundation
import GRDB
import Shared
import StorageNode
import XCTest

/// A node opens only Herald stores: another program's database or a damaged file is refused
/// with a clear message and left byte for byte as it was.
final class StoreFileCheckTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-file-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    private func refusal(opening path: String) -> String? {
        do {
            let store = try SQLiteQueueStore(path: path)
            try store.close()
            return nil
        } catch StorageError.unavailable(let message) {
            return message
        } catch {
            return "unexpected error \(error)"
        }
    }

    func testAnotherProgramsDatabaseIsRefusedAndLeftUntouched() throws {
        let file = path("invoices.sqlite")
        let other = try DatabaseQueue(path: file)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")
            try db.execute(sql: "INSERT INTO invoices (amount) VALUES (100)")
        }
        try other.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: file))

        let message = try XCTUnwrap(refusal(opening: file))
        XCTAssertTrue(message.contains("is not a Herald store"), message)
        XCTAssertTrue(message.contains("invoices"), message)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file + "-wal"))
    }

    func testAFileThatIsNoDatabaseIsRefusedAndLeftUntouched() throws {
        let file = path("noise.sqlite")
        let noise = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
        try noise.write(to: URL(fileURLWithPath: file))

        let message = try XCTUnwrap(refusal(opening: file))
        XCTAssertTrue(message.contains("is not a SQLite database or is damaged"), message)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), noise)
    }

    func testADatabaseOfAnotherApplicationIsRefused() throws {
        let file = path("other-app.sqlite")
        let other = try DatabaseQueue(path: file)
        try other.write { db in try db.execute(sql: "PRAGMA application_id = 42") }
        try other.close()

        let message = try XCTUnwrap(refusal(opening: file))
        XCTAssertTrue(message.contains("belongs to another application (SQLite application_id 42)"), message)
    }

    func testANewStoreIsStampedAndReopens() async throws {
        let file = path("node/herald.sqlite")
        let store = try SQLiteQueueStore(path: file)
        _ = try await store.postMessages(
            QueueRef(project: "p", name: "q"), clientID: "c", messages: [NewMessage(body: Array("1".utf8))], requestSize: 10)
        try store.close()
        XCTAssertEqual(try applicationID(of: file), 0x4852_4C44)

        let reopened = try SQLiteQueueStore(path: file)
        let stats = try await reopened.stats(QueueRef(project: "p", name: "q"))
        XCTAssertEqual(stats.total, 1)
        try reopened.close()
    }

    func testAStoreOfAnEarlierVersionWithoutTheStampIsAcceptedAndStamped() throws {
        let file = path("old.sqlite")
        try SQLiteQueueStore(path: file).close()
        let raw = try DatabaseQueue(path: file)
        try raw.write { db in try db.execute(sql: "PRAGMA application_id = 0") }
        try raw.close()

        let store = try SQLiteQueueStore(path: file)
        try store.close()
        XCTAssertEqual(try applicationID(of: file), 0x4852_4C44)
    }

    private func applicationID(of file: String) throws -> Int32? {
        let database = try DatabaseQueue(path: file)
        defer { try? database.close() }
        return try database.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
    }
}
