import Catalog
import Shared
import XCTest

extension CatalogContract {
    func queuesAreRegisteredLookedUpAndUnregistered() async throws {
        let catalog = try await fixture.open()
        let queue = QueueRef(project: "p", name: "q")
        let before = try await catalog.placement(of: queue)
        XCTAssertNil(before)
        let recorded = try await catalog.register(queue, placement: QueuePlacement(pool: "a", flavor: "gold"))
        XCTAssertEqual(recorded, QueuePlacement(pool: "a", flavor: "gold"))
        let again = try await catalog.register(queue, placement: QueuePlacement(pool: "b", flavor: nil))
        XCTAssertEqual(again, QueuePlacement(pool: "a", flavor: "gold"), "an existing registration wins")
        let lookedUp = try await catalog.placement(of: queue)
        XCTAssertEqual(lookedUp, QueuePlacement(pool: "a", flavor: "gold"))
        let name = try await catalog.poolName(for: queue)
        XCTAssertEqual(name, "a")
        let otherProject = try await catalog.placement(of: QueueRef(project: "other", name: "q"))
        XCTAssertNil(otherProject)
        let plain = try await catalog.register(QueueRef(project: "p", name: "plain"), pool: "b")
        XCTAssertEqual(plain, "b")
        let plainPlacement = try await catalog.placement(of: QueueRef(project: "p", name: "plain"))
        XCTAssertEqual(plainPlacement, QueuePlacement(pool: "b", flavor: nil))
        try await catalog.unregister(queue)
        let after = try await catalog.placement(of: queue)
        XCTAssertNil(after)
        try await catalog.unregister(queue)
        let reregistered = try await catalog.register(queue, placement: QueuePlacement(pool: "c", flavor: nil))
        XCTAssertEqual(reregistered, QueuePlacement(pool: "c", flavor: nil))
    }

    func queuesAreListedAndCountedPerProject() async throws {
        let catalog = try await fixture.open()
        for name in ["d", "a", "c", "b", "e", "B"] {
            _ = try await catalog.register(QueueRef(project: "p", name: name), pool: "x")
        }
        _ = try await catalog.register(QueueRef(project: "other", name: "zz"), pool: "x")
        let first = try await catalog.queueNames(project: "p", after: nil, limit: 3)
        XCTAssertEqual(first, ["B", "a", "b"])
        let second = try await catalog.queueNames(project: "p", after: "b", limit: 2)
        XCTAssertEqual(second, ["c", "d"])
        let last = try await catalog.queueNames(project: "p", after: "d", limit: 10)
        XCTAssertEqual(last, ["e"])
        let none = try await catalog.queueNames(project: "p", after: "e", limit: 10)
        XCTAssertEqual(none, [])
        let zero = try await catalog.queueNames(project: "p", after: nil, limit: 0)
        XCTAssertEqual(zero, [])
        let count = try await catalog.queueCount(project: "p")
        XCTAssertEqual(count, 6)
        let other = try await catalog.queueNames(project: "other", after: nil, limit: 10)
        XCTAssertEqual(other, ["zz"])
        let emptyCount = try await catalog.queueCount(project: "nobody")
        XCTAssertEqual(emptyCount, 0)
        let poolCount = try await catalog.queueCount(pool: "x")
        XCTAssertEqual(poolCount, 7)
    }

    func racingRegistersKeepTheFirstPlacement() async throws {
        let first = try await fixture.open()
        let second = try await fixture.open()
        for round in 0..<5 {
            let queue = QueueRef(project: "p", name: "raced-\(round)")
            let results = try await withThrowingTaskGroup(of: QueuePlacement.self) { group in
                for index in 0..<16 {
                    let catalog = index.isMultiple(of: 2) ? first : second
                    let placement = QueuePlacement(pool: "pool\(index)", flavor: index.isMultiple(of: 3) ? "f\(index)" : nil)
                    group.addTask { try await catalog.register(queue, placement: placement) }
                }
                var all: [QueuePlacement] = []
                for try await result in group { all.append(result) }
                return all
            }
            XCTAssertEqual(results.count, 16)
            XCTAssertEqual(Set(results.map(\.pool)).count, 1, "every racer sees the same pool")
            XCTAssertEqual(Set(results.map { $0.flavor ?? "-" }).count, 1, "and the same flavor")
            let storedByFirst = try await first.placement(of: queue)
            let storedBySecond = try await second.placement(of: queue)
            XCTAssertEqual(storedByFirst, results.first)
            XCTAssertEqual(storedBySecond, results.first)
        }
        let count = try await first.queueCount(project: "p")
        XCTAssertEqual(count, 5)
    }
}

extension CatalogContract {
    func movingAPlacementIsACompareAndSet() async throws {
        let catalog = try await fixture.open()
        let queue = QueueRef(project: "p", name: "moving")
        _ = try await catalog.register(queue, placement: QueuePlacement(pool: "a", flavor: "gold"))
        let wrongSource = try await catalog.movePlacement(queue, from: "b", to: "c")
        XCTAssertFalse(wrongSource, "the queue is not on b")
        let unchanged = try await catalog.placement(of: queue)
        XCTAssertEqual(unchanged, QueuePlacement(pool: "a", flavor: "gold"))
        let moved = try await catalog.movePlacement(queue, from: "a", to: "c")
        XCTAssertTrue(moved)
        let after = try await catalog.placement(of: queue)
        XCTAssertEqual(after, QueuePlacement(pool: "c", flavor: "gold"), "the flavor stays")
        let again = try await catalog.movePlacement(queue, from: "a", to: "b")
        XCTAssertFalse(again, "a second move from the old pool loses")
        let unknown = try await catalog.movePlacement(QueueRef(project: "p", name: "unknown"), from: "a", to: "b")
        XCTAssertFalse(unknown)
        let missing = try await catalog.placement(of: QueueRef(project: "p", name: "unknown"))
        XCTAssertNil(missing, "moving never registers a queue")
    }

    func queuesOfOnePoolArePagedAcrossProjects() async throws {
        let catalog = try await fixture.open()
        for (project, name, pool) in [("p2", "b", "a"), ("p1", "z", "a"), ("p1", "y", "other"), ("p2", "a", "a"), ("p1", "c", "a")] {
            _ = try await catalog.register(QueueRef(project: project, name: name), pool: pool)
        }
        let first = try await catalog.queues(onPool: "a", after: nil, limit: 2)
        XCTAssertEqual(first, [QueueRef(project: "p1", name: "c"), QueueRef(project: "p1", name: "z")])
        let rest = try await catalog.queues(onPool: "a", after: first.last, limit: 10)
        XCTAssertEqual(rest, [QueueRef(project: "p2", name: "a"), QueueRef(project: "p2", name: "b")])
        let end = try await catalog.queues(onPool: "a", after: rest.last, limit: 10)
        XCTAssertEqual(end, [])
        let other = try await catalog.queues(onPool: "other", after: nil, limit: 10)
        XCTAssertEqual(other, [QueueRef(project: "p1", name: "y")])
        let none = try await catalog.queues(onPool: "a", after: nil, limit: 0)
        XCTAssertEqual(none, [])
    }
}
