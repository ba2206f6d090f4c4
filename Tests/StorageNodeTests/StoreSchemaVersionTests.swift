import Foundation
import GRDB
import Shared
import StorageNode
import XCTest

/// Node store schema versions: recorded on create, recognised by its tables when unrecorded,
/// refused when newer than this binary, inspected without a write.
final class StoreSchemaVersionTests: XCTestCase {
    private var directory: URL!
    private let now: Int64 = 1_700_000_000_000

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    private func recordedMigrations(_ file: String) throws -> [String] {
        let database = try DatabaseQueue(path: file)
        defer { try? database.close() }
        return try database.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
    }

    /// The file's bytes, to compare before and after.
    private func digest(_ file: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: file))
    }

    func testANewStoreRecordsEveryMigrationAndInspectsAsCurrent() throws {
        let file = path("new.sqlite")
        try SQLiteQueueStore(path: file).close()
        XCTAssertEqual(try recordedMigrations(file), StoreSchema.migrationNames.sorted())

        let inspection = try StoreSchema.inspect(path: file)
        XCTAssertEqual(inspection.schema, SchemaStatus(
            origin: .recorded, foundVersion: StoreSchema.migrationNames.count,
            latestVersion: StoreSchema.migrationNames.count, pendingMigrations: []))
        XCTAssertTrue(inspection.schema.isCurrent)
        XCTAssertEqual(inspection.integrity, ["ok"])
        XCTAssertEqual(inspection.journalMode, "wal")
        XCTAssertGreaterThan(inspection.sizeBytes ?? 0, 0)
    }

    func testAPreVersioningStoreIsRecognisedAsTheBaselineAndUpgradedKeepingItsMessages() async throws {
        let file = path("pre-versioning.sqlite")
        try PreVersioningStoreFixture.create(at: file, now: now)
        let checksum = try digest(file)

        let inspection = try StoreSchema.inspect(path: file)
        XCTAssertEqual(inspection.schema.origin, .detectedBaseline)
        XCTAssertEqual(inspection.schema.foundVersion, 4)
        XCTAssertFalse(inspection.schema.isNewer)
        XCTAssertEqual(try digest(file), checksum, "inspecting writes nothing")

        let store = try SQLiteQueueStore(path: file, clock: ManualClock(startMillis: now))
        let page = try await store.listMessages(QueueRef(project: "p", name: "old"), query: MessageListQuery(
            marker: nil, limit: 10, clientID: "r", echo: true, includeClaimed: true, includeDelayed: true))
        XCTAssertEqual(page.messages.map(\.id), [PreVersioningStoreFixture.messageID])
        XCTAssertEqual(page.messages.first?.body, Array(#""kept""#.utf8))
        try store.close()
        XCTAssertEqual(try recordedMigrations(file), StoreSchema.migrationNames.sorted())
        XCTAssertTrue(try StoreSchema.inspect(path: file).schema.isCurrent)
    }

    func testAStoreOfANewerHeraldIsRefusedAndLeftUntouched() throws {
        let file = path("newer.sqlite")
        try SQLiteQueueStore(path: file).close()
        let raw = try DatabaseQueue(path: file)
        try raw.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try raw.close()
        let checksum = try digest(file)

        do {
            try SQLiteQueueStore(path: file).close()
            XCTFail("a store of a newer schema was opened")
        } catch StorageError.unavailable(let message) {
            let current = StoreSchema.migrationNames.count
            XCTAssertTrue(message.contains("schema version \(current + 1)"), message)
            XCTAssertTrue(message.contains("v99-from-the-future"), message)
            XCTAssertTrue(message.contains("newer than the version \(current)"), message)
        }
        XCTAssertEqual(try digest(file), checksum)
        let inspection = try StoreSchema.inspect(path: file)
        XCTAssertTrue(inspection.schema.isNewer)
        XCTAssertEqual(inspection.schema.unknownMigrations, ["v99-from-the-future"])
    }

    func testReopeningAnUpToDateStoreChangesNothing() async throws {
        let file = path("again.sqlite")
        let queue = QueueRef(project: "p", name: "q")
        let store = try SQLiteQueueStore(path: file)
        _ = try await store.postMessages(queue, clientID: "c", messages: [NewMessage(body: Array("1".utf8))], requestSize: 1)
        try store.close()
        let before = try recordedMigrations(file)
        for _ in 0..<2 {
            let reopened = try SQLiteQueueStore(path: file)
            let stats = try await reopened.stats(queue)
            XCTAssertEqual(stats.total, 1)
            try reopened.close()
        }
        XCTAssertEqual(try recordedMigrations(file), before)
    }

    func testTablesOfNoKnownLayoutWithoutARecordAreRefused() throws {
        let file = path("half.sqlite")
        let raw = try DatabaseQueue(path: file)
        try raw.write { db in try db.execute(sql: "CREATE TABLE queues (project TEXT, name TEXT)") }
        try raw.close()
        let checksum = try digest(file)
        do {
            try SQLiteQueueStore(path: file).close()
            XCTFail("an unrecognised layout was opened")
        } catch StorageError.unavailable(let message) {
            XCTAssertTrue(message.contains("without a schema version record"), message)
        }
        XCTAssertEqual(try digest(file), checksum)
    }

    func testInspectingAMissingFileFails() {
        XCTAssertThrowsError(try StoreSchema.inspect(path: path("missing.sqlite"))) { error in
            XCTAssertEqual(error as? StorageError, .unavailable("\(path("missing.sqlite")) does not exist"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("missing.sqlite")))
    }
}
