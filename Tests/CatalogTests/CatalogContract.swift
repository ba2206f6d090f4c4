import Catalog
import Shared
import XCTest

/// The behaviour every `CatalogStore` must show, run against each store by a test class that
/// supplies its `CatalogFixture` (`SQLiteCatalogContractTests`, `PostgresCatalogContractTests`).
struct CatalogContract {
    let fixture: any CatalogFixture

    // MARK: Pools

    func poolsAreUpsertedListedAndFetched() async throws {
        let catalog = try await fixture.open()
        let options: JSONValue = .object([
            (key: "timeout", value: .int(5)),
            (key: "nested", value: .object([(key: "b", value: .bool(true)), (key: "a", value: .array([.null, .double(1.5)]))])),
        ])
        try await catalog.upsertPool(Pool(name: "b", uri: "herald://127.0.0.1:2", weight: 10))
        try await catalog.upsertPool(Pool(name: "a", uri: "herald://127.0.0.1:1", weight: 5, options: options))
        try await catalog.upsertPool(Pool(name: "b", uri: "herald://127.0.0.1:3", weight: 50, flavor: "gold"))
        let pools = try await catalog.pools()
        XCTAssertEqual(pools, [
            Pool(name: "a", uri: "herald://127.0.0.1:1", weight: 5, options: options),
            Pool(name: "b", uri: "herald://127.0.0.1:3", weight: 50, flavor: "gold"),
        ])
        let a = try await catalog.pool(named: "a")
        XCTAssertEqual(a?.options, options, "options keep their key order and number kinds")
        let missing = try await catalog.pool(named: "nope")
        XCTAssertNil(missing)
        let maximum = Pool(name: "max", uri: "herald://127.0.0.1:4", weight: Int(UInt32.max))
        try await catalog.upsertPool(maximum)
        let stored = try await catalog.pool(named: "max")
        XCTAssertEqual(stored, maximum)
    }

    func poolsArePagedByName() async throws {
        let catalog = try await fixture.open()
        for (index, name) in ["e", "c", "a", "d", "b"].enumerated() {
            try await catalog.upsertPool(Pool(name: name, uri: "herald://h:\(index + 1)", weight: 1))
        }
        let first = try await catalog.pools(after: nil, limit: 2).map(\.name)
        XCTAssertEqual(first, ["a", "b"])
        let second = try await catalog.pools(after: "b", limit: 2).map(\.name)
        XCTAssertEqual(second, ["c", "d"])
        let last = try await catalog.pools(after: "d", limit: 2).map(\.name)
        XCTAssertEqual(last, ["e"])
        let beyond = try await catalog.pools(after: "e", limit: 2)
        XCTAssertEqual(beyond, [])
        let between = try await catalog.pools(after: "bb", limit: 10).map(\.name)
        XCTAssertEqual(between, ["c", "d", "e"])
        let none = try await catalog.pools(after: nil, limit: 0)
        XCTAssertEqual(none, [])
        let upperCaseFirst = Pool(name: "Z", uri: "herald://h:99", weight: 1)
        try await catalog.upsertPool(upperCaseFirst)
        let all = try await catalog.pools().map(\.name)
        XCTAssertEqual(all, ["Z", "a", "b", "c", "d", "e"], "names sort byte-wise in every store")
    }

    func invalidPoolsAreRejectedAndChangeNothing() async throws {
        let catalog = try await fixture.open()
        try await catalog.upsertPool(Pool(name: "a", uri: "herald://h:1", weight: 1))
        let before = try await catalog.revision()
        await XCTAssertThrowsCatalogError(.invalidPool("pool name must not be empty")) {
            try await catalog.upsertPool(Pool(name: "", uri: "herald://h:2", weight: 1))
        }
        await XCTAssertThrowsCatalogError(.invalidPool("pool uri must not be empty")) {
            try await catalog.upsertPool(Pool(name: "b", uri: "", weight: 1))
        }
        for weight in [-1, Int(UInt32.max) + 1] {
            await XCTAssertThrowsCatalogError(.invalidPool("pool weight must be between 0 and 4294967295")) {
                try await catalog.upsertPool(Pool(name: "a", uri: "herald://h:1", weight: weight))
            }
        }
        let pools = try await catalog.pools()
        XCTAssertEqual(pools, [Pool(name: "a", uri: "herald://h:1", weight: 1)])
        let after = try await catalog.revision()
        XCTAssertEqual(after, before)
    }

    func duplicateURIIsRejected() async throws {
        let catalog = try await fixture.open()
        try await catalog.upsertPool(Pool(name: "a", uri: "herald://h:1", weight: 1))
        let before = try await catalog.revision()
        await XCTAssertThrowsCatalogError(.duplicateURI(uri: "herald://h:1", pool: "a")) {
            try await catalog.upsertPool(Pool(name: "b", uri: "herald://h:1", weight: 7))
        }
        let b = try await catalog.pool(named: "b")
        XCTAssertNil(b)
        let unchanged = try await catalog.revision()
        XCTAssertEqual(unchanged, before)
        // A pool may be updated keeping its own uri, and a uri freed by a move can be reused.
        try await catalog.upsertPool(Pool(name: "a", uri: "herald://h:1", weight: 2))
        try await catalog.upsertPool(Pool(name: "a", uri: "herald://h:2", weight: 2))
        try await catalog.upsertPool(Pool(name: "b", uri: "herald://h:1", weight: 3))
        let pools = try await catalog.pools()
        XCTAssertEqual(pools, [
            Pool(name: "a", uri: "herald://h:2", weight: 2),
            Pool(name: "b", uri: "herald://h:1", weight: 3),
        ])
    }

    func poolHoldingQueuesCannotBeDeleted() async throws {
        let catalog = try await fixture.open()
        try await catalog.upsertPool(Pool(name: "a", uri: "herald://h:1", weight: 1))
        try await catalog.upsertPool(Pool(name: "b", uri: "herald://h:2", weight: 1))
        _ = try await catalog.register(QueueRef(project: "p", name: "q1"), pool: "a")
        _ = try await catalog.register(QueueRef(project: "other", name: "q2"), pool: "a")
        _ = try await catalog.register(QueueRef(project: "p", name: "q3"), pool: "b")
        let countA = try await catalog.queueCount(pool: "a")
        XCTAssertEqual(countA, 2)
        let countNone = try await catalog.queueCount(pool: "none")
        XCTAssertEqual(countNone, 0)
        let before = try await catalog.revision()
        await XCTAssertThrowsCatalogError(.poolInUse(pool: "a", queues: 2)) {
            try await catalog.deletePool(named: "a")
        }
        let stillThere = try await catalog.pool(named: "a")
        XCTAssertNotNil(stillThere)
        let unchanged = try await catalog.revision()
        XCTAssertEqual(unchanged, before)
        try await catalog.unregister(QueueRef(project: "p", name: "q1"))
        try await catalog.unregister(QueueRef(project: "other", name: "q2"))
        try await catalog.deletePool(named: "a")
        let gone = try await catalog.pool(named: "a")
        XCTAssertNil(gone)
        try await catalog.deletePool(named: "a")
        try await catalog.deletePool(named: "never-existed")
        let remaining = try await catalog.pools().map(\.name)
        XCTAssertEqual(remaining, ["b"])
    }
}
