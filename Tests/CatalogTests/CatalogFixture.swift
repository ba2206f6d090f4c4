@testable import Catalog
import Foundation
import XCTest

/// One backing store for a test: every `open()` is another catalog instance on it, the way
/// several routers share one catalog.
protocol CatalogFixture: AnyObject {
    /// A new catalog instance on this fixture's store (migrating it if needed).
    func open() async throws -> any CatalogStore
    /// Closes every opened instance and removes the store.
    func tearDown() async
}

/// A SQLite catalog file in a fresh temporary folder.
final class SQLiteFixture: CatalogFixture {
    let directory: URL
    var path: String { directory.appendingPathComponent("catalog.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func open() async throws -> any CatalogStore {
        try SQLiteCatalog(path: path)
    }

    func tearDown() async {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A fresh database on the PostgreSQL server named by `HERALD_TEST_POSTGRES_URL`, dropped at the end.
final class PostgresFixture: CatalogFixture {
    static let environmentKey = "HERALD_TEST_POSTGRES_URL"

    let serverURL: String
    let database: String
    let url: String
    private var opened: [PostgresCatalog] = []

    /// The server URL, or an `XCTSkip` when the environment does not name a server.
    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[environmentKey], !url.isEmpty else {
            throw XCTSkip("\(environmentKey) is not set; `make test` starts a private PostgreSQL server and sets it")
        }
        return url
    }

    /// Creates a database with a unique name on the test server.
    init() async throws {
        serverURL = try Self.serverURL()
        database = "herald_catalog_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased())"
        try await PostgresAdmin.query("CREATE DATABASE \(database)", url: serverURL)
        url = try PostgresAdmin.url(serverURL, database: database)
    }

    func open() async throws -> any CatalogStore {
        let catalog = try await PostgresCatalog.connect(url: url)
        opened.append(catalog)
        return catalog
    }

    func tearDown() async {
        for catalog in opened { await catalog.shutdown() }
        opened = []
        _ = try? await PostgresAdmin.query("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", url: serverURL)
    }
}

/// Asserts that `body` throws exactly `expected`.
func XCTAssertThrowsCatalogError(
    _ expected: CatalogError,
    _ body: () async throws -> Void,
    file: StaticString = #filePath, line: UInt = #line
) async {
    do {
        try await body()
        XCTFail("expected \(expected), nothing was thrown", file: file, line: line)
    } catch {
        XCTAssertEqual(error as? CatalogError, expected, "\(error)", file: file, line: line)
    }
}
