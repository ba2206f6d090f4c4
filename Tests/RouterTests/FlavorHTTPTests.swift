import Catalog
import HTTPTypes
import Router
import Shared
import XCTest

/// `/v2/flavors` and flavor-aware placement over a real SQLite catalog.
final class FlavorHTTPTests: XCTestCase {
    private static let adminMode = RouterConfiguration(adminMode: true)
    private static let capabilities: JSONValue = .array(
        ["FIFO", "CLAIMS", "DURABILITY", "AOD", "HIGH_THROUGHPUT"].map { .string($0) })

    func testFlavorLifecycle() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            let created = try await http.admin(.put, "/v2/flavors/gold", body: #"{"pool_list": ["pool1"], "capabilities": {}}"#)
            XCTAssertEqual(created.status, .created, created.text)
            XCTAssertEqual(created.headers[.location], "/v2/flavors/gold")

            let flavor = try await http.send(.get, "/v2/flavors/gold")
            XCTAssertEqual(flavor.status, .ok, "flavor reads are open")
            XCTAssertEqual(flavor.json?["name"], .string("gold"))
            XCTAssertEqual(flavor.json?["href"], .string("/v2/flavors/gold"))
            XCTAssertEqual(flavor.json?["pool_list"], .array([.string("pool1")]))
            XCTAssertEqual(flavor.json?["capabilities"], Self.capabilities)
            let pool1 = try await http.admin(.get, "/v2/pools/pool1")
            XCTAssertEqual(pool1.json?["flavor"], .string("gold"))

            let list = try await http.send(.get, "/v2/flavors")
            XCTAssertEqual(list.status, .ok)
            let entry = list.json?["flavors"]?.arrayValue?.first
            XCTAssertEqual(entry?["name"], .string("gold"))
            XCTAssertEqual(entry?["pool_list"], .array([.string("pool1")]))
            XCTAssertNil(entry?["capabilities"])
            XCTAssertEqual(list.json?["links"]?.arrayValue?.first?["href"], .string("/v2/flavors?marker=gold"))
            let detailed = try await http.send(.get, "/v2/flavors?detailed=true&limit=5")
            XCTAssertEqual(detailed.json?["flavors"]?.arrayValue?.first?["capabilities"], Self.capabilities)
            XCTAssertEqual(
                detailed.json?["links"]?.arrayValue?.first?["href"], .string("/v2/flavors?marker=gold&limit=5&detailed=true"))

            let patched = try await http.admin(.patch, "/v2/flavors/gold", body: #"{"pool_list": ["pool0"], "other": 1}"#)
            XCTAssertEqual(patched.status, .ok, patched.text)
            XCTAssertEqual(patched.json?["pool_list"], .array([.string("pool0")]))
            XCTAssertEqual(patched.json?["capabilities"], Self.capabilities)
            let pools = try await http.catalog.pools()
            XCTAssertEqual(pools.map(\.flavor), ["gold", nil], "pools dropped from the list lose the flavor")

            do { let actual = try await http.admin(.delete, "/v2/flavors/gold").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.get, "/v2/flavors/gold").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.admin(.delete, "/v2/flavors/gold").status; XCTAssertEqual(actual, .noContent) }
            let cleared = try await http.catalog.pools()
            XCTAssertEqual(cleared.map(\.flavor), [nil, nil])
            let empty = try await http.send(.get, "/v2/flavors")
            XCTAssertEqual(empty.json?["flavors"]?.arrayValue?.count, 0)
            XCTAssertEqual(empty.json?["links"]?.arrayValue?.count, 0)
        }
    }

    func testFlavorErrors() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            let member: HTTPFields = [HTTPField.Name("X-Roles")!: "member"]
            for (method, body) in [(HTTPRequest.Method.put, #"{"pool_list": ["pool0"]}"#), (.patch, #"{"pool_list": ["pool0"]}"#), (.delete, nil)] {
                let reply = try await http.send(method, "/v2/flavors/gold", body: body, headers: member)
                XCTAssertEqual(reply.status, .forbidden, "\(method)")
                XCTAssertEqual(reply.title, "Not authorized")
            }
            let bad = [
                "", "[]", "{}", #"{"pool_list": []}"#, #"{"pool_list": "pool0"}"#, #"{"pool_list": [1]}"#,
                #"{"pool_list": [""]}"#, #"{"pool_list": ["pool0"], "pool_group": "g"}"#,
                #"{"pool_list": ["pool0"], "capabilities": []}"#,
            ]
            for body in bad {
                let reply = try await http.admin(.put, "/v2/flavors/gold", body: body)
                XCTAssertEqual(reply.status, .badRequest, body)
            }
            let unknown = try await http.admin(.put, "/v2/flavors/gold", body: #"{"pool_list": ["pool0", "ghost"]}"#)
            XCTAssertEqual(unknown.status, .badRequest)
            XCTAssertTrue(unknown.text.contains("ghost"), unknown.text)
            let flavor = try await http.catalog.flavor(project: "proj", name: "gold")
            XCTAssertNil(flavor)
            let pools = try await http.catalog.pools()
            XCTAssertEqual(pools.map(\.flavor), [nil, nil])
            do { let actual = try await http.admin(.patch, "/v2/flavors/gold", body: #"{"pool_list": ["pool0"]}"#).status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.get, "/v2/flavors?limit=21").status; XCTAssertEqual(actual, .badRequest) }
        }
    }

    func testFlavorsAreScopedByProject() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            do { let actual = try await http.admin(.put, "/v2/flavors/gold", body: #"{"pool_list": ["pool1"]}"#, project: "a").status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.get, "/v2/flavors/gold", project: "b").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.get, "/v2/flavors/gold", project: "a").status; XCTAssertEqual(actual, .ok) }
            let queue = try await http.send(.put, "/v2/queues/q1", body: #"{"_flavor": "gold"}"#, project: "b")
            XCTAssertEqual(queue.status, .badRequest, "the flavor of another project is unknown")
        }
    }

    func testQueuesOfAFlavorLandOnlyOnItsPools() async throws {
        try await RouterHarness.run(configuration: Self.adminMode, pools: 3) { http in
            do { let actual = try await http.admin(.put, "/v2/flavors/gold", body: #"{"pool_list": ["pool1", "pool2"]}"#).status; XCTAssertEqual(actual, .created) }
            for index in 0..<12 {
                let created = try await http.send(.put, "/v2/queues/gold\(index)", body: #"{"_flavor": "gold"}"#)
                XCTAssertEqual(created.status, .created, created.text)
                let placement = try await http.catalog.placement(of: QueueRef(project: "proj", name: "gold\(index)"))
                XCTAssertTrue(["pool1", "pool2"].contains(placement?.pool ?? ""), "\(String(describing: placement))")
                XCTAssertEqual(placement?.flavor, "gold")
                _ = try await http.post("plain\(index)", bodies: ["1"])
                let plain = try await http.catalog.placement(of: QueueRef(project: "proj", name: "plain\(index)"))
                XCTAssertEqual(plain?.pool, "pool0", "queues without flavor use the pools without flavor")
                XCTAssertNil(plain?.flavor)
            }
            let where1 = try await http.admin(.get, "/v2/queues/gold0/pool")
            XCTAssertEqual(where1.json?["flavor"], .string("gold"))
            let inUse = try await http.admin(.delete, "/v2/flavors/gold")
            XCTAssertEqual(inUse.status, .conflict)
            let kept = try await http.catalog.flavor(project: "proj", name: "gold")
            XCTAssertNotNil(kept)
        }
    }

    func testUnknownOrMalformedFlavorIsRejected() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            for body in [#"{"_flavor": "ghost"}"#, #"{"_flavor": 5}"#] {
                let reply = try await http.send(.put, "/v2/queues/q1", body: body)
                XCTAssertEqual(reply.status, .badRequest, body)
            }
            let none = try await http.catalog.placement(of: QueueRef(project: "proj", name: "q1"))
            XCTAssertNil(none)
            do { let actual = try await http.send(.put, "/v2/queues/q1", body: #"{"_flavor": ""}"#).status; XCTAssertEqual(actual, .created) }
            let patch = try await http.send(
                .patch, "/v2/queues/q1", body: #"[{"op": "add", "path": "/metadata/_flavor", "value": "ghost"}]"#,
                headers: [.contentType: "application/openstack-messaging-v2.0-json-patch"])
            XCTAssertEqual(patch.status, .badRequest, patch.text)
        }
    }

    func testFlavorWithoutUsablePoolsIs503() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            do { let actual = try await http.admin(.put, "/v2/flavors/gold", body: #"{"pool_list": ["pool1"]}"#).status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.admin(.patch, "/v2/pools/pool1", body: #"{"weight": 0}"#).status; XCTAssertEqual(actual, .ok) }
            let drained = try await http.send(.put, "/v2/queues/q1", body: #"{"_flavor": "gold"}"#)
            XCTAssertEqual(drained.status, .serviceUnavailable)
            XCTAssertNotNil(drained.headers[.retryAfter])
        }
    }

    func testWithoutFlavorlessPoolsEveryPoolIsACandidate() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            do { let actual = try await http.admin(.put, "/v2/flavors/gold", body: #"{"pool_list": ["pool0", "pool1"]}"#).status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.put, "/v2/queues/q1").status; XCTAssertEqual(actual, .created) }
            let placement = try await http.catalog.placement(of: QueueRef(project: "proj", name: "q1"))
            XCTAssertNotNil(placement)
            XCTAssertNil(placement?.flavor)
        }
    }
}
