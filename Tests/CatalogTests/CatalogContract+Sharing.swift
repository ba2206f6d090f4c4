import Catalog
import Shared
import XCTest

extension CatalogContract {
    func revisionGrowsWithEveryPoolAndFlavorChange() async throws {
        let catalog = try await fixture.open()
        var last = try await catalog.revision()
        func expectGrowth(_ what: String, file: StaticString = #filePath, line: UInt = #line) async throws {
            let now = try await catalog.revision()
            XCTAssertGreaterThan(now, last, "revision after \(what)", file: file, line: line)
            last = now
        }
        func expectSame(_ what: String, file: StaticString = #filePath, line: UInt = #line) async throws {
            let now = try await catalog.revision()
            XCTAssertEqual(now, last, "revision after \(what)", file: file, line: line)
        }
        try await catalog.upsertPool(Pool(name: "a", uri: "herald://h:1", weight: 1))
        try await expectGrowth("creating a pool")
        try await catalog.upsertPool(Pool(name: "a", uri: "herald://h:1", weight: 0))
        try await expectGrowth("updating a pool")
        try await catalog.upsertFlavor(Flavor(project: "p", name: "gold"), pools: ["a"])
        try await expectGrowth("creating a flavor")
        try await catalog.upsertFlavor(Flavor(project: "p", name: "gold"), pools: [])
        try await expectGrowth("updating a flavor")
        _ = try await catalog.pools()
        _ = try await catalog.flavor(project: "p", name: "gold")
        _ = try await catalog.register(QueueRef(project: "p", name: "q"), pool: "a")
        try await expectSame("reads and a registration")
        try await catalog.unregister(QueueRef(project: "p", name: "q"))
        try await expectGrowth("removing a queue (routers drop cached placements)")
        try await catalog.deleteFlavor(project: "p", name: "gold")
        try await expectGrowth("deleting a flavor")
        try await catalog.deletePool(named: "a")
        try await expectGrowth("deleting a pool")
        try await catalog.deletePool(named: "a")
        try await expectSame("deleting an unknown pool")
    }

    func openingAgainKeepsDataAndSchema() async throws {
        let catalog = try await fixture.open()
        try await catalog.upsertPool(Pool(name: "a", uri: "herald://h:1", weight: 3, options: .object([(key: "k", value: .string("v"))])))
        try await catalog.upsertFlavor(Flavor(project: "p", name: "gold"), pools: ["a"])
        _ = try await catalog.register(QueueRef(project: "p", name: "q"), placement: QueuePlacement(pool: "a", flavor: "gold"))
        let revision = try await catalog.revision()
        for _ in 0..<2 {
            let reopened = try await fixture.open()
            let pools = try await reopened.pools()
            XCTAssertEqual(pools, [Pool(name: "a", uri: "herald://h:1", weight: 3, flavor: "gold", options: .object([(key: "k", value: .string("v"))]))])
            let flavor = try await reopened.flavor(project: "p", name: "gold")
            XCTAssertEqual(flavor, Flavor(project: "p", name: "gold"))
            let placement = try await reopened.placement(of: QueueRef(project: "p", name: "q"))
            XCTAssertEqual(placement, QueuePlacement(pool: "a", flavor: "gold"))
            let reopenedRevision = try await reopened.revision()
            XCTAssertEqual(reopenedRevision, revision, "migrating again changes nothing")
        }
    }

    func twoInstancesSeeEachOthersChanges() async throws {
        let routerA = try await fixture.open()
        let routerB = try await fixture.open()
        try await routerA.upsertPool(Pool(name: "a", uri: "herald://h:1", weight: 1))
        let seenByB = try await routerB.pool(named: "a")
        XCTAssertEqual(seenByB, Pool(name: "a", uri: "herald://h:1", weight: 1))
        let revisionA = try await routerA.revision()
        let revisionB = try await routerB.revision()
        XCTAssertEqual(revisionA, revisionB)
        await XCTAssertThrowsCatalogError(.duplicateURI(uri: "herald://h:1", pool: "a")) {
            try await routerB.upsertPool(Pool(name: "b", uri: "herald://h:1", weight: 1))
        }
        try await routerB.upsertFlavor(Flavor(project: "p", name: "gold"), pools: ["a"])
        let flavorSeenByA = try await routerA.flavor(project: "p", name: "gold")
        XCTAssertNotNil(flavorSeenByA)
        let movedRevision = try await routerA.revision()
        XCTAssertGreaterThan(movedRevision, revisionA)
        let placedByB = try await routerB.register(QueueRef(project: "p", name: "q"), placement: QueuePlacement(pool: "a", flavor: "gold"))
        let placementSeenByA = try await routerA.placement(of: QueueRef(project: "p", name: "q"))
        XCTAssertEqual(placementSeenByA, placedByB)
        await XCTAssertThrowsCatalogError(.poolInUse(pool: "a", queues: 1)) {
            try await routerA.deletePool(named: "a")
        }
        let namesSeenByA = try await routerA.queueNames(project: "p", after: nil, limit: 10)
        XCTAssertEqual(namesSeenByA, ["q"])
    }
}
