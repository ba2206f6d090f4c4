@testable import Router
import Shared
import XCTest

/// Pure logic of the admin surface: routes, pool uris and body schemas.
final class AdminLogicTests: XCTestCase {
    func testAdminRoutesMatchOnlyInAdminMode() {
        XCTAssertEqual(Route(path: "/v2/pools", adminMode: true), .pools)
        XCTAssertEqual(Route(path: "/v2/pools/p1", adminMode: true), .pool("p1"))
        XCTAssertEqual(Route(path: "/v2/flavors", adminMode: true), .flavors)
        XCTAssertEqual(Route(path: "/v2/flavors/gold", adminMode: true), .flavor("gold"))
        XCTAssertEqual(Route(path: "/v2/queues/q1/pool", adminMode: true), .queuePool("q1"))
        XCTAssertEqual(Route(path: "/v2/queues/q1/pool", adminMode: true)?.resource?.name, "q1")
        for path in ["/v2/pools", "/v2/pools/p1", "/v2/flavors", "/v2/flavors/gold", "/v2/queues/q1/pool"] {
            XCTAssertNil(Route(path: path, adminMode: false), path)
        }
        for path in ["/v2/pools/", "/v2/flavors/", "/v2/pools/p1/x", "/v2/queues/q1/pools"] {
            XCTAssertNil(Route(path: path, adminMode: true), path)
        }
        XCTAssertEqual(Route.pool("p").allowHeader, "GET, PUT, PATCH, DELETE, OPTIONS")
        XCTAssertEqual(Route.pools.allowHeader, "GET, OPTIONS")
    }

    func testPoolAddressParsing() {
        XCTAssertEqual(PoolAddress(uri: "herald://127.0.0.1:7001"), PoolAddress(host: "127.0.0.1", port: 7001))
        XCTAssertEqual(PoolAddress(uri: "herald://node-3.example:1"), PoolAddress(host: "node-3.example", port: 1))
        XCTAssertEqual(PoolAddress(uri: "herald://[::1]:65535"), PoolAddress(host: "::1", port: 65_535))
        for uri in [
            "", "herald://", "herald://host", "herald://host:", "herald://:7001", "herald://host:0", "herald://host:65536",
            "herald://host:+80", "herald://host:80/path", "http://host:80", "HERALD://host:80", "herald://::1:80",
            "herald://[]:80", "herald://user@host:80", "herald://ho st:80", "herald://" + String(repeating: "a", count: 250) + ":7001",
        ] {
            XCTAssertNil(PoolAddress(uri: uri), uri)
        }
    }

    func testPoolDocumentSchema() throws {
        let full = try PoolDocument.forCreate(
            try JSONValue.parse(Array(#"{"uri": "herald://h:1", "weight": 0, "flavor": "", "options": {}}"#.utf8)))
        XCTAssertEqual(full.uri, "herald://h:1")
        XCTAssertEqual(full.weight, 0)
        XCTAssertEqual(full.flavor, .some(nil), "an empty flavor means none")
        XCTAssertEqual(full.options, .object([]))
        let patch = try PoolDocument.forUpdate(try JSONValue.parse(Array(#"{"flavor": "gold", "extra": 1}"#.utf8)))
        XCTAssertEqual(patch.flavor, .some("gold"))
        XCTAssertNil(patch.uri)
        XCTAssertNil(patch.weight)
        XCTAssertThrowsError(try PoolDocument.forUpdate(try JSONValue.parse(Array(#"{"extra": 1}"#.utf8))))
        XCTAssertThrowsError(try PoolDocument.forCreate(try JSONValue.parse(Array(#"{"uri": "herald://h:1", "weight": 1, "x": 1}"#.utf8))))
    }

    func testFlavorDocumentSchema() throws {
        let document = try FlavorDocument.forCreate(try JSONValue.parse(Array(#"{"pool_list": ["b", "a", "b"]}"#.utf8)))
        XCTAssertEqual(document.poolList, ["b", "a"])
        XCTAssertNil(document.capabilities)
        let patch = try FlavorDocument.forUpdate(try JSONValue.parse(Array(#"{"pool_list": ["a"], "name": "x"}"#.utf8)))
        XCTAssertEqual(patch.poolList, ["a"])
        XCTAssertThrowsError(try FlavorDocument.forCreate(try JSONValue.parse(Array(#"{"pool_list": ["a"], "name": "x"}"#.utf8))))
        XCTAssertThrowsError(try FlavorDocument.forUpdate(try JSONValue.parse(Array(#"{"capabilities": {}}"#.utf8))))
    }

    func testHomeDocumentListsTheAdminRelationsInAdminModeOnly() throws {
        let admin = try JSONValue.parse(HomeDocument.build(adminMode: true))
        XCTAssertEqual(admin["resources"]?["rel/pools"]?["href-template"], .string("/v2/pools{?detailed,limit,marker}"))
        XCTAssertEqual(admin["resources"]?["rel/flavor"]?["href-template"], .string("/v2/flavors/{flavor_name}"))
        XCTAssertEqual(
            admin["resources"]?["rel/pool"]?["hints"]?["allow"], .array(["GET", "PUT", "PATCH", "DELETE"].map { .string($0) }))
        let plain = try JSONValue.parse(HomeDocument.build(adminMode: false))
        XCTAssertNil(plain["resources"]?["rel/pools"])
        XCTAssertNil(plain["resources"]?["rel/flavors"])
    }
}
