import Catalog
import HTTPTypes
import Router
import Shared
import XCTest

/// `/v2/pools` over a real SQLite catalog; new pools point at real RPC servers.
final class PoolHTTPTests: XCTestCase {
    private static let adminMode = RouterConfiguration(adminMode: true)

    func testPoolRoutesExistOnlyInAdminMode() async throws {
        try await RouterHarness.run { http in
            for path in ["/v2/pools", "/v2/pools/pool0", "/v2/flavors", "/v2/flavors/gold", "/v2/queues/q1/pool"] {
                let actual = try await http.admin(.get, path).status
                XCTAssertEqual(actual, .notFound, path)
            }
        }
    }

    func testEveryPoolRouteNeedsTheAdminRole() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            let uri = try await http.nodes.startNode().uri
            let requests: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/v2/pools", nil), (.get, "/v2/pools/pool0", nil),
                (.put, "/v2/pools/new", #"{"uri": "\#(uri)", "weight": 1}"#),
                (.patch, "/v2/pools/pool0", #"{"weight": 5}"#), (.delete, "/v2/pools/pool0", nil),
            ]
            for (method, path, body) in requests {
                let reply = try await http.send(method, path, body: body, headers: [HTTPField.Name("X-Roles")!: "member"])
                XCTAssertEqual(reply.status, .forbidden, "\(method) \(path)")
                XCTAssertEqual(reply.title, "Not authorized")
            }
            let pools = try await http.catalog.pools()
            XCTAssertEqual(pools.map(\.name), ["pool0", "pool1"])
            XCTAssertEqual(pools.first?.weight, 100)
        }
    }

    func testPutCreatesAndReplacesAPool() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            let uri = try await http.nodes.startNode().uri
            let created = try await http.admin(.put, "/v2/pools/fresh", body: #"{"uri": "\#(uri)", "weight": 10}"#)
            XCTAssertEqual(created.status, .created, created.text)
            XCTAssertEqual(created.headers[.location], "/v2/pools/fresh")
            XCTAssertTrue(created.bytes.isEmpty)

            let pool = try await http.admin(.get, "/v2/pools/fresh")
            XCTAssertEqual(pool.status, .ok)
            XCTAssertEqual(pool.json?.keys, ["name", "uri", "weight", "flavor", "href"])
            XCTAssertEqual(pool.json?["uri"], .string(uri))
            XCTAssertEqual(pool.json?["weight"], .int(10))
            XCTAssertEqual(pool.json?["flavor"], .null)
            XCTAssertEqual(pool.json?["href"], .string("/v2/pools/fresh"))

            let replaced = try await http.admin(
                .put, "/v2/pools/fresh", body: #"{"uri": "\#(uri)", "weight": 4294967295, "flavor": "gold", "options": {"a": 1}}"#)
            XCTAssertEqual(replaced.status, .created, replaced.text)
            let detailed = try await http.admin(.get, "/v2/pools/fresh?detailed=true")
            XCTAssertEqual(detailed.json?["weight"], .int(4_294_967_295))
            XCTAssertEqual(detailed.json?["flavor"], .string("gold"))
            XCTAssertEqual(detailed.json?["options"], .object([("a", .int(1))]))
            let stored = try await http.catalog.pool(named: "fresh")
            XCTAssertEqual(stored?.weight, 4_294_967_295)
        }
    }

    func testPutRejectsSchemaViolationsAndLeavesTheCatalogUnchanged() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            let uri = try await http.nodes.startNode().uri
            let longURI = "herald://" + String(repeating: "h", count: 250) + ":7001"
            let bodies = [
                "", "[]", "not json", #"{"weight": 1}"#, #"{"uri": "\#(uri)"}"#,
                #"{"uri": "\#(uri)", "weight": -1}"#, #"{"uri": "\#(uri)", "weight": 4294967296}"#,
                #"{"uri": "\#(uri)", "weight": "10"}"#, #"{"uri": "\#(uri)", "weight": 1.5}"#,
                #"{"uri": "\#(uri)", "weight": true}"#, #"{"uri": 7001, "weight": 1}"#,
                #"{"uri": "http://127.0.0.1:7001", "weight": 1}"#, #"{"uri": "herald://127.0.0.1", "weight": 1}"#,
                #"{"uri": "herald://127.0.0.1:70000", "weight": 1}"#, #"{"uri": "herald://:7001", "weight": 1}"#,
                #"{"uri": "\#(longURI)", "weight": 1}"#, #"{"uri": "\#(uri)", "weight": 1, "flavor": 5}"#,
                #"{"uri": "\#(uri)", "weight": 1, "flavor": "\#(String(repeating: "f", count: 256))"}"#,
                #"{"uri": "\#(uri)", "weight": 1, "options": []}"#, #"{"uri": "\#(uri)", "weight": 1, "group": "g"}"#,
            ]
            for body in bodies {
                let reply = try await http.admin(.put, "/v2/pools/bad", body: body)
                XCTAssertEqual(reply.status, .badRequest, body)
                XCTAssertNotNil(reply.title, body)
            }
            let name = try await http.admin(.put, "/v2/pools/bad%20name", body: #"{"uri": "\#(uri)", "weight": 1}"#)
            XCTAssertEqual(name.status, .badRequest)
            let pools = try await http.catalog.pools()
            XCTAssertEqual(pools.map(\.name), ["pool0", "pool1"])
        }
    }

    func testPutRefusesANodeThatDoesNotAnswer() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            let closed = try await Self.closedPortURI(http)
            for uri in ["herald://127.0.0.1:1", closed] {
                let reply = try await http.admin(.put, "/v2/pools/dead", body: #"{"uri": "\#(uri)", "weight": 1}"#)
                XCTAssertEqual(reply.status, .badRequest, uri)
                XCTAssertTrue(reply.json?["description"]?.stringValue?.contains("cannot connect to \(uri)") ?? false, reply.text)
            }
            let dead = try await http.catalog.pool(named: "dead")
            XCTAssertNil(dead)
        }
    }

    func testDuplicateURIIsAConflict() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            let uri = try await http.nodes.startNode().uri
            do { let actual = try await http.admin(.put, "/v2/pools/a", body: #"{"uri": "\#(uri)", "weight": 1}"#).status; XCTAssertEqual(actual, .created) }
            let duplicate = try await http.admin(.put, "/v2/pools/b", body: #"{"uri": "\#(uri)", "weight": 1}"#)
            XCTAssertEqual(duplicate.status, .conflict)
            XCTAssertEqual(duplicate.title, "Resource conflict")
            let patched = try await http.admin(.patch, "/v2/pools/pool0", body: #"{"uri": "\#(uri)"}"#)
            XCTAssertEqual(patched.status, .conflict)
            let b = try await http.catalog.pool(named: "b")
            XCTAssertNil(b)
            let pool0 = try await http.catalog.pool(named: "pool0")
            XCTAssertNotEqual(pool0?.uri, uri)
        }
    }

    func testListingPagesByNameWithNextLinksAndContentLocation() async throws {
        try await RouterHarness.run(configuration: Self.adminMode, pools: 3) { http in
            let first = try await http.admin(.get, "/v2/pools?limit=2")
            XCTAssertEqual(first.status, .ok)
            XCTAssertEqual(first.headers[.contentLocation], "/v2/pools?limit=2")
            XCTAssertEqual(first.json?["pools"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["pool0", "pool1"])
            XCTAssertNil(first.json?["pools"]?.arrayValue?.first?["options"])
            let next = first.json?["links"]?.arrayValue?.first?["href"]?.stringValue
            XCTAssertEqual(next, "/v2/pools?marker=pool1&limit=2")
            let second = try await http.admin(.get, next ?? "")
            XCTAssertEqual(second.json?["pools"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["pool2"])
            let last = try await http.admin(.get, "/v2/pools?marker=pool2")
            XCTAssertEqual(last.json?["pools"]?.arrayValue?.count, 0)
            XCTAssertEqual(last.json?["links"]?.arrayValue?.count, 0)
            let detailed = try await http.admin(.get, "/v2/pools?detailed=true")
            XCTAssertEqual(detailed.json?["pools"]?.arrayValue?.count, 3)
            XCTAssertEqual(detailed.json?["pools"]?.arrayValue?.first?["options"], .object([]))
            XCTAssertEqual(
                detailed.json?["links"]?.arrayValue?.first?["href"]?.stringValue, "/v2/pools?marker=pool2&detailed=true")
            for query in ["limit=0", "limit=21", "limit=x", "detailed=maybe"] {
                let reply = try await http.admin(.get, "/v2/pools?\(query)")
                XCTAssertEqual(reply.status, .badRequest, query)
            }
        }
    }

    func testGetAndPatchUnknownPoolAre404() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            do { let actual = try await http.admin(.get, "/v2/pools/nope").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.admin(.patch, "/v2/pools/nope", body: #"{"weight": 1}"#).status; XCTAssertEqual(actual, .notFound) }
        }
    }

    func testPatchUpdatesTheGivenFields() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            for body in ["", "{}", #"{"name": "x"}"#, #"{"weight": -5}"#, #"{"uri": "ftp://x:1"}"#, "[1]"] {
                let reply = try await http.admin(.patch, "/v2/pools/pool0", body: body)
                XCTAssertEqual(reply.status, .badRequest, body)
            }
            let weight = try await http.admin(.patch, "/v2/pools/pool0", body: #"{"weight": 7, "ignored": true}"#)
            XCTAssertEqual(weight.status, .ok, weight.text)
            XCTAssertEqual(weight.json?["weight"], .int(7))
            XCTAssertEqual(weight.json?.keys, ["name", "uri", "weight", "flavor", "href"])
            let flavored = try await http.admin(.patch, "/v2/pools/pool0", body: #"{"flavor": "gold", "options": {"k": "v"}}"#)
            XCTAssertEqual(flavored.json?["flavor"], .string("gold"))
            XCTAssertEqual(flavored.json?["weight"], .int(7))
            let cleared = try await http.admin(.patch, "/v2/pools/pool0", body: #"{"flavor": ""}"#)
            XCTAssertEqual(cleared.json?["flavor"], .null)
            let stored = try await http.catalog.pool(named: "pool0")
            XCTAssertNil(stored?.flavor)
            XCTAssertEqual(stored?.options, .object([("k", .string("v"))]))
            let unreachable = try await http.admin(.patch, "/v2/pools/pool0", body: #"{"uri": "herald://127.0.0.1:1"}"#)
            XCTAssertEqual(unreachable.status, .badRequest)
            XCTAssertTrue(unreachable.text.contains("cannot connect to herald://127.0.0.1:1"))
        }
    }

    func testPatchingTheURIMovesThePoolToTheNewNode() async throws {
        try await RouterHarness.run(configuration: Self.adminMode, pools: 1) { http in
            let node = try await http.nodes.startNode()
            do { let actual = try await http.send(.put, "/v2/queues/before").status; XCTAssertEqual(actual, .created) }
            let moved = try await http.admin(.patch, "/v2/pools/pool0", body: #"{"uri": "\#(node.uri)"}"#)
            XCTAssertEqual(moved.status, .ok, moved.text)
            do { let actual = try await http.send(.put, "/v2/queues/after").status; XCTAssertEqual(actual, .created) }
            let after = try await node.store.queueMetadata(QueueRef(project: "proj", name: "after"))
            XCTAssertNotNil(after, "the new queue lives on the pool's new node")
            let before = try await node.store.queueMetadata(QueueRef(project: "proj", name: "before"))
            XCTAssertNil(before)
        }
    }

    func testDeleteRefusesPoolsWithQueuesAndSoleFlavorPools() async throws {
        try await RouterHarness.run(configuration: Self.adminMode, pools: 1) { http in
            do { let actual = try await http.admin(.delete, "/v2/pools/unknown").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.put, "/v2/queues/q1").status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.put, "/v2/queues/q2").status; XCTAssertEqual(actual, .created) }
            let inUse = try await http.admin(.delete, "/v2/pools/pool0")
            XCTAssertEqual(inUse.status, .conflict)
            XCTAssertTrue(inUse.json?["description"]?.stringValue?.contains("2 queue") ?? false, inUse.text)
            let kept = try await http.catalog.pool(named: "pool0")
            XCTAssertNotNil(kept)
            do { let actual = try await http.send(.delete, "/v2/queues/q1").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.delete, "/v2/queues/q2").status; XCTAssertEqual(actual, .noContent) }

            let uri = try await http.nodes.startNode().uri
            do { let actual = try await http.admin(.put, "/v2/pools/gold1", body: #"{"uri": "\#(uri)", "weight": 1, "flavor": "gold"}"#).status; XCTAssertEqual(actual, .created) }
            let sole = try await http.admin(.delete, "/v2/pools/gold1")
            XCTAssertEqual(sole.status, .forbidden)
            XCTAssertEqual(sole.title, "Unable to delete")
            do { let actual = try await http.admin(.patch, "/v2/pools/gold1", body: #"{"flavor": ""}"#).status; XCTAssertEqual(actual, .ok) }
            do { let actual = try await http.admin(.delete, "/v2/pools/gold1").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.admin(.delete, "/v2/pools/pool0").status; XCTAssertEqual(actual, .noContent) }
            let remaining = try await http.catalog.pools()
            XCTAssertEqual(remaining, [])
            let noPool = try await http.send(.put, "/v2/queues/q3")
            XCTAssertEqual(noPool.status, .serviceUnavailable)
        }
    }

    /// The uri of a port that was just listening and is now closed.
    static func closedPortURI(_ http: HTTPTester) async throws -> String {
        let server = RPCServer(store: try http.nodes.makeStore(), host: "127.0.0.1", port: 0)
        let port = try await server.start()
        await server.shutdown()
        return "herald://127.0.0.1:\(port)"
    }
}
