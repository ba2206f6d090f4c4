import Catalog
import Foundation
import Shared
import XCTest

final class SQLiteCatalogTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func makeCatalog() throws -> SQLiteCatalog {
        try SQLiteCatalog(path: directory.appendingPathComponent("catalog.sqlite").path)
    }

    func testPoolsAreUpsertedAndListedByName() async throws {
        let catalog = try makeCatalog()
        try await catalog.upsertPool(Pool(name: "b", uri: "herald://127.0.0.1:2", weight: 10))
        try await catalog.upsertPool(Pool(name: "a", uri: "herald://127.0.0.1:1", weight: 5))
        try await catalog.upsertPool(Pool(name: "b", uri: "herald://127.0.0.1:3", weight: 50))
        let pools = try await catalog.pools()
        XCTAssertEqual(pools, [
            Pool(name: "a", uri: "herald://127.0.0.1:1", weight: 5),
            Pool(name: "b", uri: "herald://127.0.0.1:3", weight: 50),
        ])
    }

    func testEmptyPoolNameIsRejected() async throws {
        let catalog = try makeCatalog()
        do {
            try await catalog.upsertPool(Pool(name: "", uri: "herald://x:1", weight: 1))
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error, .invalidPool("pool name must not be empty"))
        }
    }

    func testRegisterLookupUnregister() async throws {
        let catalog = try makeCatalog()
        let queue = QueueRef(project: "p", name: "q")
        let before = try await catalog.poolName(for: queue)
        XCTAssertNil(before)
        let recorded = try await catalog.register(queue, pool: "a")
        XCTAssertEqual(recorded, "a")
        let again = try await catalog.register(queue, pool: "b")
        XCTAssertEqual(again, "a", "an existing registration wins")
        let lookedUp = try await catalog.poolName(for: queue)
        XCTAssertEqual(lookedUp, "a")
        let otherProject = try await catalog.poolName(for: QueueRef(project: "other", name: "q"))
        XCTAssertNil(otherProject)
        try await catalog.unregister(queue)
        let after = try await catalog.poolName(for: queue)
        XCTAssertNil(after)
        try await catalog.unregister(queue)
    }

    func testListingWithMarkerLimitAndCount() async throws {
        let catalog = try makeCatalog()
        for name in ["d", "a", "c", "b", "e"] {
            _ = try await catalog.register(QueueRef(project: "p", name: name), pool: "x")
        }
        _ = try await catalog.register(QueueRef(project: "other", name: "zz"), pool: "x")
        let first = try await catalog.queueNames(project: "p", after: nil, limit: 2)
        XCTAssertEqual(first, ["a", "b"])
        let second = try await catalog.queueNames(project: "p", after: "b", limit: 2)
        XCTAssertEqual(second, ["c", "d"])
        let last = try await catalog.queueNames(project: "p", after: "d", limit: 10)
        XCTAssertEqual(last, ["e"])
        let none = try await catalog.queueNames(project: "p", after: "e", limit: 10)
        XCTAssertEqual(none, [])
        let count = try await catalog.queueCount(project: "p")
        XCTAssertEqual(count, 5)
        let emptyCount = try await catalog.queueCount(project: "nobody")
        XCTAssertEqual(emptyCount, 0)
    }

    func testConcurrentRegisterOfTheSameQueueYieldsOnePool() async throws {
        let path = directory.appendingPathComponent("catalog.sqlite").path
        let first = try SQLiteCatalog(path: path)
        let second = try SQLiteCatalog(path: path)
        let queue = QueueRef(project: "p", name: "raced")
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<16 {
                let catalog = index.isMultiple(of: 2) ? first : second
                group.addTask { try await catalog.register(queue, pool: "pool\(index)") }
            }
            var all: [String] = []
            for try await result in group { all.append(result) }
            return all
        }
        XCTAssertEqual(results.count, 16)
        XCTAssertEqual(Set(results).count, 1)
        let stored = try await first.poolName(for: queue)
        XCTAssertEqual(stored, results.first)
    }

    func testCatalogSurvivesReopen() async throws {
        let path = directory.appendingPathComponent("catalog.sqlite").path
        do {
            let catalog = try SQLiteCatalog(path: path)
            _ = try await catalog.register(QueueRef(project: "p", name: "q"), pool: "a")
        }
        let reopened = try SQLiteCatalog(path: path)
        let pool = try await reopened.poolName(for: QueueRef(project: "p", name: "q"))
        XCTAssertEqual(pool, "a")
    }
}
