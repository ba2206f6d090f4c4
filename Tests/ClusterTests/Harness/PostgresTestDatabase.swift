import Foundation
import XCTest

/// A private PostgreSQL database for one test, created with `psql` on the server named by
/// `$HERALD_TEST_POSTGRES_URL` (which `make test` provides) and dropped afterwards, so every
/// test starts from an empty catalog.
struct PostgresTestDatabase: Sendable {
    /// The environment variable naming the test server.
    static let environmentVariable = "HERALD_TEST_POSTGRES_URL"

    /// The `postgres://` URL of the private database.
    let url: String
    /// Its name.
    let name: String
    private let serverURL: String
    private let psql: String

    /// Creates a fresh database; throws `XCTSkip` when no test server is configured.
    static func create() throws -> PostgresTestDatabase {
        guard let server = ProcessInfo.processInfo.environment[environmentVariable], !server.isEmpty else {
            throw XCTSkip("\(environmentVariable) is not set (make test provides a PostgreSQL server)")
        }
        guard var components = URLComponents(string: server), components.scheme?.hasPrefix("postgres") == true else {
            throw ClusterError.invalidRequest("\(environmentVariable) is not a postgres:// URL: \(server)")
        }
        guard let psql = findPSQL() else {
            throw ClusterError.invalidRequest("psql not found; it is needed to create a private test database")
        }
        let name = "herald_cluster_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        components.path = "/" + name
        guard let url = components.string else { throw ClusterError.invalidRequest("cannot build a URL from \(server)") }
        let database = PostgresTestDatabase(url: url, name: String(name), serverURL: server, psql: psql)
        try database.execute("CREATE DATABASE \(name)")
        return database
    }

    /// Drops the database, closing whatever connections remain.
    func drop() {
        try? execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private func execute(_ sql: String) throws {
        let run = try CommandRun.run(psql, [serverURL, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
        guard run.succeeded else { throw ClusterError.invalidRequest("psql failed on \(sql): \(run.output)") }
    }

    /// `psql` on the PATH or in Debian's versioned server folders.
    private static func findPSQL() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        var candidates = path.split(separator: ":").map { "\($0)/psql" }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += versions.sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin/psql" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
