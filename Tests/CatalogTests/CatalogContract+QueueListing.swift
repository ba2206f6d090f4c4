import Catalog
import Shared
import XCTest

extension CatalogContract {
    func registeredQueuesArePagedAcrossProjects() async throws {
        let catalog = try await fixture.open()
        let entries: [(String, String, String, String?)] = [
            ("beta", "b", "x", nil), ("alpha", "z", "y", "gold"), ("beta", "a", "y", nil),
            ("alpha", "a", "x", nil), ("Alpha", "m", "x", nil), ("\u{1}topic\u{1}alpha", "t", "x", nil),
        ]
        for (project, name, pool, flavor) in entries {
            _ = try await catalog.register(
                QueueRef(project: project, name: name), placement: QueuePlacement(pool: pool, flavor: flavor))
        }
        let all = try await catalog.registeredQueues(after: nil, limit: 100)
        XCTAssertEqual(
            all.map(\.queue.description),
            ["\u{1}topic\u{1}alpha/t", "Alpha/m", "alpha/a", "alpha/z", "beta/a", "beta/b"])
        XCTAssertEqual(all[3].placement, QueuePlacement(pool: "y", flavor: "gold"))
        XCTAssertEqual(all[4].placement, QueuePlacement(pool: "y", flavor: nil))

        let first = try await catalog.registeredQueues(after: nil, limit: 3)
        XCTAssertEqual(first.map(\.queue.description), ["\u{1}topic\u{1}alpha/t", "Alpha/m", "alpha/a"])
        let second = try await catalog.registeredQueues(after: first.last?.queue, limit: 2)
        XCTAssertEqual(second.map(\.queue.description), ["alpha/z", "beta/a"])
        let rest = try await catalog.registeredQueues(after: QueueRef(project: "alpha", name: "zz"), limit: 10)
        XCTAssertEqual(rest.map(\.queue.description), ["beta/a", "beta/b"], "the marker need not exist")
        let none = try await catalog.registeredQueues(after: QueueRef(project: "beta", name: "b"), limit: 10)
        XCTAssertEqual(none, [])
        let zero = try await catalog.registeredQueues(after: nil, limit: 0)
        XCTAssertEqual(zero, [])

        try await catalog.unregister(QueueRef(project: "alpha", name: "a"))
        let afterRemoval = try await catalog.registeredQueues(after: QueueRef(project: "Alpha", name: "m"), limit: 1)
        XCTAssertEqual(afterRemoval.map(\.queue.description), ["alpha/z"])
    }
}
