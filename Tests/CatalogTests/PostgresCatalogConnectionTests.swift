@testable import Catalog
import Foundation
import XCTest

/// Connecting to PostgreSQL: URL parsing, clear failures, migrations under concurrent starts.
final class PostgresCatalogConnectionTests: XCTestCase {
    func testURLPartsAreParsed() throws {
        let full = try PostgresURL(parsing: "postgresql://herald:s%40cret@db.example:6543/catalog?sslmode=disable")
        XCTAssertEqual(full.host, "db.example")
        XCTAssertEqual(full.port, 6543)
        XCTAssertEqual(full.username, "herald")
        XCTAssertEqual(full.password, "s@cret")
        XCTAssertEqual(full.database, "catalog")
        XCTAssertEqual(full.tls, .disable)
        XCTAssertEqual(full.redacted, "postgres://herald@db.example:6543/catalog", "messages never show the password")
        let reparsed = try PostgresURL(parsing: full.string)
        XCTAssertEqual(reparsed, full)
        let minimal = try PostgresURL(parsing: "postgres://127.0.0.1/herald")
        XCTAssertEqual(minimal.port, 5432)
        XCTAssertEqual(minimal.username, "postgres")
        XCTAssertNil(minimal.password)
        XCTAssertEqual(minimal.tls, .prefer)
        let required = try PostgresURL(parsing: "postgres://u@h/d?sslmode=require")
        XCTAssertEqual(required.tls, .require)
    }

    func testMalformedURLsAreUnavailableWithAReason() async {
        let cases: [(String, String)] = [
            ("postgres://", "no host"),
            ("mysql://u@h/d", "must look like postgres://"),
            ("postgres://u@h:5432/", "must name one database"),
            ("postgres://u@h/a/b", "must name one database"),
            ("postgres://u@h/d?sslmode=bogus", "unknown sslmode"),
            ("postgres://u@h/d?application=x", "unsupported parameter"),
        ]
        for (url, reason) in cases {
            do {
                _ = try await PostgresCatalog.connect(url: url)
                XCTFail("\(url) was accepted")
            } catch {
                guard case .unavailable(let message) = error else { return XCTFail("\(url): \(error)") }
                XCTAssertTrue(message.contains(reason), "\(url): \(message)")
            }
        }
    }

    func testUnreachableServerFailsWithAReason() async {
        do {
            _ = try await PostgresCatalog.connect(url: "postgres://postgres:pw@127.0.0.1:1/herald?sslmode=disable")
            XCTFail("connected to port 1")
        } catch {
            guard case .unavailable(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.hasPrefix("cannot open catalog at postgres://postgres@127.0.0.1:1/herald"), message)
            XCTAssertFalse(message.contains("pw"), "the password stays out of messages")
        }
    }

    func testMissingDatabaseFailsWithTheServersReason() async throws {
        let server = try PostgresFixture.serverURL()
        let url = try PostgresAdmin.url(server, database: "herald_no_such_database")
        do {
            _ = try await PostgresCatalog.connect(url: url)
            XCTFail("connected to a database that does not exist")
        } catch {
            guard case .unavailable(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("does not exist"), message)
        }
    }

    func testConcurrentStartsApplyEachMigrationOnce() async throws {
        let fixture = try await PostgresFixture()
        do {
            let url = fixture.url
            let catalogs = try await withThrowingTaskGroup(of: PostgresCatalog.self) { group in
                for _ in 0..<6 { group.addTask { try await PostgresCatalog.connect(url: url) } }
                var all: [PostgresCatalog] = []
                for try await catalog in group { all.append(catalog) }
                return all
            }
            XCTAssertEqual(catalogs.count, 6)
            let versions = try await PostgresAdmin.query(
                "SELECT version::text FROM herald_schema_migrations ORDER BY version", url: fixture.url)
            XCTAssertEqual(versions, PostgresSchema.migrations.map { String($0.version) })
            let revision = try await catalogs[0].revision()
            XCTAssertEqual(revision, 1, "the revision row was seeded once")
            for catalog in catalogs { await catalog.shutdown() }
        } catch {
            await fixture.tearDown()
            throw error
        }
        await fixture.tearDown()
    }

    func testCatalogLocationOpensTheRightStore() async throws {
        let sqlite = try SQLiteFixture()
        let file = try await CatalogLocation.open(sqlite.path)
        XCTAssertTrue(file is SQLiteCatalog)
        await sqlite.tearDown()
        do {
            _ = try await CatalogLocation.open("")
            XCTFail("an empty location was accepted")
        } catch {
            XCTAssertEqual(error, .unavailable("catalog location must not be empty"))
        }
        let fixture = try await PostgresFixture()
        do {
            for url in [fixture.url, fixture.url.replacingOccurrences(of: "postgres://", with: "postgresql://")] {
                let store = try await CatalogLocation.open(url)
                let postgres = try XCTUnwrap(store as? PostgresCatalog, url)
                try await postgres.upsertPool(Pool(name: "a", uri: "herald://h:\(url.count)", weight: 1))
                await postgres.shutdown()
            }
            let seen = try await PostgresAdmin.query("SELECT COUNT(*)::text FROM pools", url: fixture.url)
            XCTAssertEqual(seen, ["1"], "both spellings open the same database")
        } catch {
            await fixture.tearDown()
            throw error
        }
        await fixture.tearDown()
    }
}

extension PostgresCatalogConnectionTests {
    func testLostDatabaseMakesOperationsUnavailableInsteadOfHanging() async throws {
        let fixture = try await PostgresFixture()
        let catalog = try await fixture.open()
        try await catalog.upsertPool(Pool(name: "a", uri: "herald://h:1", weight: 1))
        try await PostgresAdmin.query("DROP DATABASE \(fixture.database) WITH (FORCE)", url: fixture.serverURL)
        do {
            _ = try await catalog.pools()
            XCTFail("read from a dropped database")
        } catch {
            guard case .unavailable = error else { return XCTFail("\(error)") }
        }
        await fixture.tearDown()
    }
}
