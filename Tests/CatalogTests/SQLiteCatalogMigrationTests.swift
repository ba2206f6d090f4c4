@testable import Catalog
import Shared
import XCTest

/// Upgrading a SQLite catalog written by the first version (pools without flavor/options).
final class SQLiteCatalogMigrationTests: XCTestCase {
    func testVersionOneCatalogIsUpgradedKeepingItsData() async throws {
        let fixture = try SQLiteFixture()
        do {
            let old = try SQLiteCatalog(path: fixture.path, migratingUpTo: "v1-pools-and-queues")
            try await old.execute(sql: """
                INSERT INTO pools (name, uri, weight) VALUES ('node1', 'herald://127.0.0.1:7001', 100);
                INSERT INTO queues (project, name, pool) VALUES ('p', 'q', 'node1');
                """)
            let upgraded = try SQLiteCatalog(path: fixture.path)
            let pools = try await upgraded.pools()
            XCTAssertEqual(pools, [Pool(name: "node1", uri: "herald://127.0.0.1:7001", weight: 100)])
            let placement = try await upgraded.placement(of: QueueRef(project: "p", name: "q"))
            XCTAssertEqual(placement, QueuePlacement(pool: "node1", flavor: nil))
            let revision = try await upgraded.revision()
            XCTAssertEqual(revision, 1)
            await XCTAssertThrowsCatalogError(.duplicateURI(uri: "herald://127.0.0.1:7001", pool: "node1")) {
                try await upgraded.upsertPool(Pool(name: "node2", uri: "herald://127.0.0.1:7001", weight: 1))
            }
            try await upgraded.upsertFlavor(Flavor(project: "p", name: "gold"), pools: ["node1"])
            let member = try await upgraded.pool(named: "node1")
            XCTAssertEqual(member?.flavor, "gold")
        } catch {
            await fixture.tearDown()
            throw error
        }
        await fixture.tearDown()
    }
}
