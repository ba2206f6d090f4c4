import Foundation
import XCTest

/// The `herald` admin CLI, run as a process against a real cluster: three nodes, the first
/// two registered as pools by the router, the third left for the CLI to add.
final class AdminCLITests: ClusterTestCase {
    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(adminMode: true, nodes: 3, poolNodes: 2)
    }

    /// The CLI pointed at the router, as project `admin`.
    private func cli() async throws -> HeraldCLIRunner {
        let cluster = try cluster
        return HeraldCLIRunner(url: "http://\(cluster.host):\(await cluster.routerPort)")
    }

    /// Runs the CLI and asserts it succeeded.
    @discardableResult
    private func succeed(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) async throws -> CLIResult {
        let result = try await cli().run(arguments)
        XCTAssertEqual(result.status, 0, "herald \(arguments.joined(separator: " ")): \(result)", file: file, line: line)
        return result
    }

    /// Runs the CLI and asserts it failed with status 1 and a message on stderr.
    @discardableResult
    private func fail(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) async throws -> CLIResult {
        let result = try await cli().run(arguments)
        XCTAssertEqual(result.status, 1, "herald \(arguments.joined(separator: " ")): \(result)", file: file, line: line)
        XCTAssertFalse(result.stderr.isEmpty, "an error message on stderr: \(result)", file: file, line: line)
        return result
    }

    private func poolNames(_ result: CLIResult) throws -> [String] {
        (try result.json()["pools"]?.array ?? []).compactMap { $0["name"]?.string }
    }

    func testAddListUpdateAndRemoveAPool() async throws {
        let node3 = try await cluster.poolURI(2)
        let added = try await succeed(["pools", "add", "node3", "--uri", node3, "--weight", "10"])
        XCTAssertTrue(added.stdout.contains("node3"), "\(added)")

        let table = try await succeed(["pools", "list"])
        let lines = table.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first?.split(separator: " ", omittingEmptySubsequences: true), ["NAME", "URI", "WEIGHT", "FLAVOR"], "\(table)")
        XCTAssertEqual(lines.count, 4, "header + 3 pools: \(table)")
        let node3Row = lines.first { $0.hasPrefix("node3 ") }?.split(separator: " ", omittingEmptySubsequences: true)
        XCTAssertEqual(node3Row, ["node3", Substring(node3), "10", "-"], "\(table)")
        let columns = lines.map { $0.range(of: "herald://")?.lowerBound.utf16Offset(in: $0) }
        XCTAssertEqual(Set(columns.dropFirst()).count, 1, "the URI column is aligned: \(table)")

        let json = try await succeed(["pools", "list", "--json"])
        XCTAssertEqual(try poolNames(json), ["node1", "node2", "node3"], "\(json)")

        let updated = try await succeed(["pools", "update", "node3", "--weight", "0"])
        XCTAssertTrue(updated.stdout.contains("weight: 0"), "\(updated)")
        let shown = try await succeed(["pools", "show", "node3", "--json"])
        XCTAssertEqual(try shown.json()["weight"]?.int, 0, "\(shown)")
        XCTAssertEqual(try shown.json()["uri"]?.string, node3, "\(shown)")

        try await succeed(["pools", "remove", "node3"])
        let after = try await succeed(["pools", "list", "--json"])
        XCTAssertEqual(try poolNames(after), ["node1", "node2"], "\(after)")
        let gone = try await fail(["pools", "show", "node3"])
        XCTAssertTrue(gone.stderr.contains("Not found"), "\(gone)")
    }

    func testFlavorAndQueuePlacement() async throws {
        let node3 = try await cluster.poolURI(2)
        try await succeed(["pools", "add", "node3", "--uri", node3])
        try await succeed(["flavors", "add", "gold", "--pool", "node3"])

        let flavor = try await succeed(["flavors", "show", "gold"])
        XCTAssertTrue(flavor.stdout.contains("name:"), "\(flavor)")
        XCTAssertTrue(flavor.stdout.split(separator: "\n").contains { $0.hasPrefix("pools:") && $0.hasSuffix("node3") }, "\(flavor)")
        let flavorJSON = try await succeed(["flavors", "show", "gold", "--json"])
        XCTAssertEqual(try flavorJSON.json()["pool_list"]?.array?.compactMap(\.string), ["node3"], "\(flavorJSON)")
        let flavors = try await succeed(["flavors", "list", "--json"])
        XCTAssertEqual((try flavors.json()["flavors"]?.array ?? []).compactMap { $0["name"]?.string }, ["gold"], "\(flavors)")
        let pool = try await succeed(["pools", "show", "node3", "--json"])
        XCTAssertEqual(try pool.json()["flavor"]?.string, "gold", "the flavor claims its pools: \(pool)")

        let client = try await makeClient(project: "admin")
        expectStatus(201, try await client.put("/v2/queues/vip", body: #"{"_flavor": "gold"}"#))
        let placed = try await succeed(["queues", "where", "vip"])
        let lines = Dictionary(
            placed.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(lines["queue"], "vip", "\(placed)")
        XCTAssertEqual(lines["project"], "admin", "\(placed)")
        XCTAssertEqual(lines["pool"], "node3", "\(placed)")
        XCTAssertEqual(lines["flavor"], "gold", "\(placed)")
        let placedJSON = try await succeed(["queues", "where", "vip", "--json"])
        XCTAssertEqual(try placedJSON.json()["pool"]?.string, "node3", "\(placedJSON)")

        let inUse = try await fail(["flavors", "remove", "gold"])
        XCTAssertTrue(inUse.stderr.contains("1 queue"), "a flavor that placed queues stays: \(inUse)")
        let kept = try await succeed(["flavors", "show", "gold", "--json"])
        XCTAssertEqual(try kept.json()["name"]?.string, "gold", "\(kept)")

        let unknown = try await fail(["queues", "where", "nowhere"])
        XCTAssertTrue(unknown.stderr.hasPrefix("Not found"), "\(unknown)")
    }

    func testRemovingAPoolThatHoldsQueuesFailsWithTheCount() async throws {
        try await succeed(["pools", "update", "node2", "--weight", "0"])
        let client = try await makeClient(project: "admin")
        for queue in ["busy-1", "busy-2"] {
            expectStatus(201, try await client.put("/v2/queues/\(queue)", body: "{}"))
            let pool = try await client.poolOf(queue: queue)
            XCTAssertEqual(pool, "node1", "node2 drains (weight 0), so \(queue) lands on node1")
        }

        let refused = try await fail(["pools", "remove", "node1"])
        XCTAssertTrue(refused.stderr.contains("2 queue"), "the message names the count: \(refused)")
        XCTAssertTrue(refused.stderr.hasPrefix("Resource conflict"), "the server's title: \(refused)")
        let still = try await succeed(["pools", "list", "--json"])
        XCTAssertEqual(try poolNames(still), ["node1", "node2"], "nothing removed: \(still)")

        let empty = try await succeed(["pools", "remove", "node2"])
        XCTAssertTrue(empty.stdout.contains("node2"), "\(empty)")
    }

    func testBadInputAndUnreachableTargets() async throws {
        let unreachable = try await fail(["pools", "add", "ghost", "--uri", "herald://127.0.0.1:1"])
        XCTAssertTrue(unreachable.stderr.contains("cannot connect"), "\(unreachable)")

        let node1 = try await cluster.poolURI(0)
        let duplicate = try await fail(["pools", "add", "twin", "--uri", node1])
        XCTAssertTrue(duplicate.stderr.contains("node1"), "names the pool that owns the uri: \(duplicate)")

        let unknownPool = try await fail(["flavors", "add", "silver", "--pool", "no-such-pool"])
        XCTAssertTrue(unknownPool.stderr.contains("no-such-pool"), "\(unknownPool)")

        let listed = try await succeed(["pools", "list", "--json"])
        XCTAssertEqual(try poolNames(listed), ["node1", "node2"], "the catalog is unchanged")

        let existing = try await fail(["pools", "add", "node1", "--uri", node1])
        XCTAssertTrue(existing.stderr.contains("already exists"), "add never overwrites: \(existing)")

        let badWeight = try await cli().run(["pools", "add", "heavy", "--uri", node1, "--weight", "-3"])
        XCTAssertNotEqual(badWeight.status, 0, "\(badWeight)")

        let down = try await HeraldCLIRunner(url: "http://127.0.0.1:1").run(["pools", "list"])
        XCTAssertEqual(down.status, 1, "\(down)")
        XCTAssertTrue(down.stderr.contains("cannot reach"), "\(down)")
        XCTAssertTrue(down.stdout.isEmpty, "\(down)")
    }

    func testListingsFollowEveryPage() async throws {
        let client = try await makeClient(project: "admin")
        let names = (0..<25).map { String(format: "flavor-%02d", $0) }
        for name in names {
            expectStatus(201, try await client.adminPut("/v2/flavors/\(name)", body: #"{"pool_list": ["node1"]}"#))
        }
        let json = try await succeed(["flavors", "list", "--json"])
        XCTAssertEqual((try json.json()["flavors"]?.array ?? []).compactMap { $0["name"]?.string }, names, "25 flavors over 2 pages")
        let table = try await succeed(["flavors", "list"])
        let lines = table.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 26, "header + 25 rows: \(table)")
        XCTAssertEqual(lines.first?.split(separator: " ", omittingEmptySubsequences: true), ["NAME", "POOLS"], "\(table)")
    }

    func testHealthListsEveryPool() async throws {
        let client = try await makeClient(project: "admin")
        try await postMessages(client, queue: "counted", count: 3)
        let health = try await succeed(["health"])
        XCTAssertTrue(health.stdout.contains("catalog reachable: yes"), "\(health)")
        let rows = health.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        XCTAssertEqual(rows.first { $0.first == "POOL" }, ["POOL", "REACHABLE", "QUEUES", "FREE", "CLAIMED", "TOTAL"], "\(health)")
        let pools = rows.filter { $0.first == "node1" || $0.first == "node2" }
        XCTAssertEqual(pools.count, 2, "\(health)")
        XCTAssertTrue(pools.allSatisfy { $0.count > 1 && $0[1] == "yes" }, "\(health)")
        let total = pools.compactMap { $0.count == 6 ? Int($0[5]) : nil }.reduce(0, +)
        XCTAssertEqual(total, 3, "three messages over both pools: \(health)")
        let queues = pools.compactMap { $0.count == 6 ? Int($0[2]) : nil }.reduce(0, +)
        XCTAssertEqual(queues, 1, "one queue over both pools: \(health)")

        let json = try await succeed(["health", "--json"])
        XCTAssertEqual(try json.json()["catalog_reachable"]?.raw as? Bool, true, "\(json)")
    }
}
