import Catalog
import Shared
import XCTest

extension CatalogContract {
    /// Pools a, b, c, d with distinct uris.
    func addPools(_ catalog: any CatalogStore, _ names: [String] = ["a", "b", "c", "d"]) async throws {
        for (index, name) in names.enumerated() {
            try await catalog.upsertPool(Pool(name: name, uri: "herald://h:\(index + 1)", weight: 1))
        }
    }

    /// Pool name → flavor, for every pool.
    func membership(_ catalog: any CatalogStore) async throws -> [String: String] {
        var flavors: [String: String] = [:]
        for pool in try await catalog.pools() { flavors[pool.name] = pool.flavor ?? "-" }
        return flavors
    }

    func flavorsAreUpsertedFetchedAndPaged() async throws {
        let catalog = try await fixture.open()
        try await addPools(catalog)
        let capabilities: JSONValue = .object([(key: "durable", value: .bool(true)), (key: "tier", value: .int(2))])
        try await catalog.upsertFlavor(Flavor(project: "p", name: "gold", capabilities: capabilities), pools: ["a", "b"])
        let gold = try await catalog.flavor(project: "p", name: "gold")
        XCTAssertEqual(gold, Flavor(project: "p", name: "gold", capabilities: capabilities))
        let otherProject = try await catalog.flavor(project: "q", name: "gold")
        XCTAssertNil(otherProject, "flavors are scoped by project")
        let members = try await membership(catalog)
        XCTAssertEqual(members, ["a": "gold", "b": "gold", "c": "-", "d": "-"])
        for name in ["silver", "bronze", "iron"] {
            try await catalog.upsertFlavor(Flavor(project: "p", name: name), pools: [])
        }
        try await catalog.upsertFlavor(Flavor(project: "q", name: "alpha"), pools: [])
        let first = try await catalog.flavors(project: "p", after: nil, limit: 2).map(\.name)
        XCTAssertEqual(first, ["bronze", "gold"])
        let second = try await catalog.flavors(project: "p", after: "gold", limit: 2).map(\.name)
        XCTAssertEqual(second, ["iron", "silver"])
        let end = try await catalog.flavors(project: "p", after: "silver", limit: 2)
        XCTAssertEqual(end, [])
        let none = try await catalog.flavors(project: "p", after: nil, limit: 0)
        XCTAssertEqual(none, [])
        let q = try await catalog.flavors(project: "q", after: nil, limit: 10)
        XCTAssertEqual(q, [Flavor(project: "q", name: "alpha")])
        await XCTAssertThrowsCatalogError(.invalidPool("flavor name must not be empty")) {
            try await catalog.upsertFlavor(Flavor(project: "p", name: ""), pools: [])
        }
    }

    func flavorMembershipMovesWithEachUpsert() async throws {
        let catalog = try await fixture.open()
        try await addPools(catalog)
        try await catalog.upsertFlavor(Flavor(project: "p", name: "gold"), pools: ["a", "b"])
        try await catalog.upsertFlavor(Flavor(project: "p", name: "silver"), pools: ["d"])
        try await catalog.upsertFlavor(Flavor(project: "p", name: "gold"), pools: ["b", "c", "c"])
        let moved = try await membership(catalog)
        XCTAssertEqual(moved, ["a": "-", "b": "gold", "c": "gold", "d": "silver"])
        try await catalog.upsertFlavor(Flavor(project: "p", name: "silver"), pools: ["d", "c"])
        let stolen = try await membership(catalog)
        XCTAssertEqual(stolen, ["a": "-", "b": "gold", "c": "silver", "d": "silver"], "a pool belongs to one flavor")
        try await catalog.upsertFlavor(Flavor(project: "p", name: "gold"), pools: [])
        let emptied = try await membership(catalog)
        XCTAssertEqual(emptied, ["a": "-", "b": "-", "c": "silver", "d": "silver"])
        let gold = try await catalog.flavor(project: "p", name: "gold")
        XCTAssertNotNil(gold, "a flavor without pools still exists")
    }

    func flavorWithUnknownPoolsChangesNothing() async throws {
        let catalog = try await fixture.open()
        try await addPools(catalog)
        let original: JSONValue = .object([(key: "v", value: .int(1))])
        try await catalog.upsertFlavor(Flavor(project: "p", name: "gold", capabilities: original), pools: ["a"])
        let before = try await catalog.revision()
        await XCTAssertThrowsCatalogError(.unknownPools(["yy", "zz"])) {
            try await catalog.upsertFlavor(
                Flavor(project: "p", name: "gold", capabilities: .object([])), pools: ["b", "zz", "yy", "zz"])
        }
        await XCTAssertThrowsCatalogError(.unknownPools(["nope"])) {
            try await catalog.upsertFlavor(Flavor(project: "p", name: "new"), pools: ["c", "nope"])
        }
        let gold = try await catalog.flavor(project: "p", name: "gold")
        XCTAssertEqual(gold?.capabilities, original)
        let new = try await catalog.flavor(project: "p", name: "new")
        XCTAssertNil(new)
        let members = try await membership(catalog)
        XCTAssertEqual(members, ["a": "gold", "b": "-", "c": "-", "d": "-"])
        let after = try await catalog.revision()
        XCTAssertEqual(after, before)
    }

    func deletingAFlavorClearsItsPools() async throws {
        let catalog = try await fixture.open()
        try await addPools(catalog)
        try await catalog.upsertFlavor(Flavor(project: "p", name: "gold"), pools: ["a", "b"])
        try await catalog.upsertFlavor(Flavor(project: "p", name: "silver"), pools: ["c"])
        try await catalog.deleteFlavor(project: "p", name: "gold")
        let gold = try await catalog.flavor(project: "p", name: "gold")
        XCTAssertNil(gold)
        let members = try await membership(catalog)
        XCTAssertEqual(members, ["a": "-", "b": "-", "c": "silver", "d": "-"])
        let before = try await catalog.revision()
        try await catalog.deleteFlavor(project: "p", name: "gold")
        try await catalog.deleteFlavor(project: "p", name: "never-existed")
        let after = try await catalog.revision()
        XCTAssertEqual(after, before, "deleting an unknown flavor changes nothing")
    }

    func flavorInUseCannotBeDeleted() async throws {
        let catalog = try await fixture.open()
        try await addPools(catalog)
        try await catalog.upsertFlavor(Flavor(project: "p", name: "gold"), pools: ["a"])
        try await catalog.upsertFlavor(Flavor(project: "other", name: "gold"), pools: ["a"])
        _ = try await catalog.register(QueueRef(project: "p", name: "q1"), placement: QueuePlacement(pool: "a", flavor: "gold"))
        _ = try await catalog.register(QueueRef(project: "p", name: "q2"), placement: QueuePlacement(pool: "a", flavor: "gold"))
        _ = try await catalog.register(QueueRef(project: "p", name: "plain"), placement: QueuePlacement(pool: "a", flavor: nil))
        await XCTAssertThrowsCatalogError(.flavorInUse(flavor: "gold", queues: 2)) {
            try await catalog.deleteFlavor(project: "p", name: "gold")
        }
        let kept = try await catalog.flavor(project: "p", name: "gold")
        XCTAssertNotNil(kept)
        let members = try await membership(catalog)
        XCTAssertEqual(members["a"], "gold", "a refused delete leaves members alone")
        // Another project's flavor of the same name has no queues placed through it.
        try await catalog.deleteFlavor(project: "other", name: "gold")
        let otherGone = try await catalog.flavor(project: "other", name: "gold")
        XCTAssertNil(otherGone)
        try await catalog.unregister(QueueRef(project: "p", name: "q1"))
        try await catalog.unregister(QueueRef(project: "p", name: "q2"))
        try await catalog.deleteFlavor(project: "p", name: "gold")
        let gone = try await catalog.flavor(project: "p", name: "gold")
        XCTAssertNil(gone)
    }
}
