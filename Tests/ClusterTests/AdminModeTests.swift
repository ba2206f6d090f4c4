import XCTest

/// Router started with `--admin-mode`: `/v2/health` reports the catalog and every pool.
final class AdminModeTests: ClusterTestCase {
    override class var routerFlags: [String] { ["--admin-mode"] }

    func testHealthReportsBothPools() async throws {
        let client = try await makeClient()
        let health = try await client.send(.get, "/v2/health", headers: [("X-Roles", "admin")])
        XCTAssertEqual(health.status, 200, "\(health)")
        let json = try health.json()
        XCTAssertEqual(json["catalog_reachable"]?.raw as? Bool, true, "\(json)")
        for pool in ["node1", "node2"] {
            XCTAssertEqual(json[pool]?["storage_reachable"]?.raw as? Bool, true, "\(pool): \(json)")
        }

        let notAdmin = try await client.get("/v2/health")
        XCTAssertEqual(notAdmin.status, 403, "health needs the admin role: \(notAdmin)")
    }

    func testHealthShowsAnUnreachablePool() async throws {
        let client = try await makeClient()
        try await cluster.stopNode(1)
        let health = try await client.eventually(
            "health to notice the stopped node",
            request: { try await $0.send(.get, "/v2/health", headers: [("X-Roles", "admin")]) },
            until: { response in
                (try? response.json())?["node2"]?["storage_reachable"]?.raw as? Bool == false
            }
        )
        XCTAssertEqual((try health.json())["node1"]?["storage_reachable"]?.raw as? Bool, true, "\(health)")
    }
}

/// Without `--admin-mode` the admin surface does not exist.
final class NoAdminModeTests: ClusterTestCase {
    func testHealthIsNotRouted() async throws {
        let client = try await makeClient()
        let health = try await client.send(.get, "/v2/health", headers: [("X-Roles", "admin")])
        XCTAssertEqual(health.status, 404, "\(health)")
    }
}
