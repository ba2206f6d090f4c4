@testable import Catalog
import Foundation
import GRDB
import Shared
import XCTest

/// Catalog schema versions (SQLite and PostgreSQL): recorded on create, recognised by the tables
/// when unrecorded, refused when newer, inspected read-only, migrated once under concurrency.
final class CatalogSchemaVersionTests: XCTestCase {
    private func assertPlacementKept(_ catalog: any CatalogStore) async throws {
        let pools = try await catalog.pools()
        XCTAssertEqual(pools, [Pool(name: "node1", uri: "herald://127.0.0.1:7001", weight: 100)])
        let placement = try await catalog.placement(of: QueueRef(project: "p", name: "q"))
        XCTAssertEqual(placement, QueuePlacement(pool: "node1", flavor: nil))
        let revision = try await catalog.revision()
        XCTAssertEqual(revision, 7)
    }

    // MARK: SQLite

    func testSQLitePreVersioningCatalogIsRecognisedAndUpgradedKeepingItsData() async throws {
        let fixture = try SQLiteFixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        try PreVersioningCatalogFixture.createSQLite(at: fixture.path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.path))

        let inspection = try await CatalogInspector.inspect(fixture.path)
        XCTAssertEqual(inspection.schema.origin, .detectedBaseline)
        XCTAssertEqual(inspection.schema.foundVersion, CatalogSchema.baselineVersion)
        XCTAssertEqual(inspection.pools, [InspectedPool(name: "node1", uri: "herald://127.0.0.1:7001")])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: fixture.path)), bytes, "inspecting writes nothing")

        try await assertPlacementKept(try SQLiteCatalog(path: fixture.path))
        let recorded = try CatalogSchema.readOnly(path: fixture.path) { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        XCTAssertEqual(recorded, CatalogSchema.migrationNames.sorted())
        let reinspected = try await CatalogInspector.inspect(fixture.path)
        XCTAssertTrue(reinspected.schema.isCurrent)
        try await assertPlacementKept(try SQLiteCatalog(path: fixture.path))
    }

    func testSQLiteCatalogOfANewerHeraldIsRefusedAndLeftUntouched() async throws {
        let fixture = try SQLiteFixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        _ = try SQLiteCatalog(path: fixture.path)
        let raw = try DatabaseQueue(path: fixture.path)
        try await raw.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v3-from-the-future')") }
        try raw.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.path))

        do {
            _ = try SQLiteCatalog(path: fixture.path)
            XCTFail("a catalog of a newer schema was opened")
        } catch {
            guard case .unavailable(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("schema version 3"), message)
            XCTAssertTrue(message.contains("refusing to open it"), message)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: fixture.path)), bytes)
    }

    // MARK: PostgreSQL

    func testPostgresPreVersioningCatalogIsRecognisedAndUpgradedKeepingItsData() async throws {
        let fixture = try await PostgresFixture()
        do {
            try await PreVersioningCatalogFixture.createPostgres(url: fixture.url)
            let inspection = try await CatalogInspector.inspect(fixture.url)
            XCTAssertEqual(inspection.schema.origin, .detectedBaseline)
            XCTAssertEqual(inspection.pools?.map(\.name), ["node1"])
            let untouched = try await PostgresAdmin.query(
                "SELECT to_regclass('herald_schema_migrations')::text", url: fixture.url)
            XCTAssertEqual(untouched, [nil], "inspecting creates nothing")

            try await assertPlacementKept(try await fixture.open())
            let versions = try await PostgresAdmin.query(
                "SELECT version::text || ' ' || name FROM herald_schema_migrations ORDER BY version", url: fixture.url)
            XCTAssertEqual(versions, PostgresSchema.migrations.map { "\($0.version) \($0.name)" })
            let reinspected = try await CatalogInspector.inspect(fixture.url)
            XCTAssertTrue(reinspected.schema.isCurrent)
        } catch {
            await fixture.tearDown()
            throw error
        }
        await fixture.tearDown()
    }

    func testPostgresConcurrentOpensOfAPreVersioningCatalogRecordItOnce() async throws {
        let fixture = try await PostgresFixture()
        do {
            try await PreVersioningCatalogFixture.createPostgres(url: fixture.url)
            let url = fixture.url
            let catalogs = try await withThrowingTaskGroup(of: PostgresCatalog.self) { group in
                for _ in 0..<4 { group.addTask { try await PostgresCatalog.connect(url: url) } }
                var all: [PostgresCatalog] = []
                for try await catalog in group { all.append(catalog) }
                return all
            }
            let versions = try await PostgresAdmin.query(
                "SELECT version::text FROM herald_schema_migrations ORDER BY version", url: fixture.url)
            XCTAssertEqual(versions, PostgresSchema.migrations.map { String($0.version) })
            for catalog in catalogs {
                try await assertPlacementKept(catalog)
                await catalog.shutdown()
            }
        } catch {
            await fixture.tearDown()
            throw error
        }
        await fixture.tearDown()
    }

    func testPostgresCatalogOfANewerHeraldIsRefusedAndLeftUntouched() async throws {
        let fixture = try await PostgresFixture()
        do {
            _ = try await fixture.open()
            try await PostgresAdmin.query(
                "INSERT INTO herald_schema_migrations (version, name) VALUES (2, 'from-the-future')", url: fixture.url)
            do {
                _ = try await PostgresCatalog.connect(url: fixture.url)
                XCTFail("a catalog of a newer schema was opened")
            } catch {
                guard case .unavailable(let message) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(message.contains("schema version 2"), message)
                XCTAssertTrue(message.contains("from-the-future"), message)
            }
            let versions = try await PostgresAdmin.query(
                "SELECT version::text FROM herald_schema_migrations ORDER BY version", url: fixture.url)
            XCTAssertEqual(versions, ["1", "2"])
            let inspection = try await CatalogInspector.inspect(fixture.url)
            XCTAssertTrue(inspection.schema.isNewer)
        } catch {
            await fixture.tearDown()
            throw error
        }
        await fixture.tearDown()
    }
}
