import Catalog
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Router
import Shared
import XCTest

/// Two in-process routers over one SQLite catalog and the same storage nodes.
final class SharedCatalogHTTPTests: XCTestCase {
    func testTwoRoutersSeeEachOthersPoolsAndQueues() async throws {
        let configuration = RouterConfiguration(adminMode: true)
        try await RouterHarness.run(configuration: configuration, pools: 0) { first in
            let second = makeApplication(
                configuration: configuration, catalog: first.catalog, stores: PoolStores(factory: first.nodes.store(for:)))
            try await second.test(.router) { client in
                let other = HTTPTester(client: client, catalog: first.catalog, nodes: first.nodes)
                let none = try await other.send(.put, "/v2/queues/early")
                XCTAssertEqual(none.status, .serviceUnavailable, "no pool yet")

                let node = try await first.nodes.startNode()
                let added = try await first.admin(.put, "/v2/pools/shared", body: #"{"uri": "\#(node.uri)", "weight": 1}"#)
                XCTAssertEqual(added.status, .created, added.text)
                let listed = try await other.admin(.get, "/v2/pools")
                XCTAssertEqual(listed.json?["pools"]?.arrayValue?.first?["name"], .string("shared"))

                try await Task.sleep(for: .milliseconds(1_300))
                do { let actual = try await other.send(.put, "/v2/queues/q1").status; XCTAssertEqual(actual, .created) }
                _ = try await other.post("q1", bodies: [#""hello""#])
                let read = try await first.send(.get, "/v2/queues/q1/messages?echo=true")
                XCTAssertEqual(read.status, .ok)
                XCTAssertEqual(read.json?["messages"]?.arrayValue?.first?["body"], .string("hello"))
                let stored = try await node.store.stats(QueueRef(project: "proj", name: "q1"))
                XCTAssertEqual(stored.total, 1)
                let names = try await first.send(.get, "/v2/queues")
                XCTAssertEqual(names.json?["queues"]?.arrayValue?.first?["name"], .string("q1"))
            }
        }
    }
}
