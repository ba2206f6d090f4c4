import Catalog
import Shared
import XCTest

@testable import Router

/// The operator page's pure parts: age formatting, the view model built from a snapshot
/// (health words, flavor groups, topics in their project), the rendered fragment and the
/// activity counters.
final class OperatorPageRenderingTests: XCTestCase {
    func testAgesShowTheirTwoLargestUnits() {
        let cases: [(Int, String)] = [
            (-3, "0 s"), (0, "0 s"), (1, "1 s"), (59, "59 s"), (60, "1 min"), (65, "1 min 5 s"), (3600, "1 h"),
            (3_725, "1 h 2 min"), (86_400, "1 d"), (93_784, "1 d 2 h"),
        ]
        for (seconds, text) in cases {
            XCTAssertEqual(OperatorFormat.age(seconds: seconds), text, "\(seconds)")
        }
    }

    func testViewModelGroupsFlavorsAndProjects() {
        let snapshot = Self.snapshot(
            pools: [
                (Pool(name: "a", uri: "herald://h:1", weight: 1, flavor: "gold"), true),
                (Pool(name: "b", uri: "herald://h:2", weight: 1, flavor: "gold"), false),
                (Pool(name: "c", uri: "herald://h:3", weight: 1, flavor: "silver"), true),
                (Pool(name: "d", uri: "herald://h:4", weight: 0), false),
            ],
            queues: [
                (TopicNamespace.queueRef(project: "p2", topic: "alerts"), "a", .success(Self.stats(free: 4, claimed: 0, age: 7))),
                (QueueRef(project: "p1", name: "work"), "a", .success(Self.stats(free: 1, claimed: 2, age: 3_725))),
                (QueueRef(project: "p2", name: "alerts"), "b", .failure(.poolUnreachable)),
                (QueueRef(project: "p2", name: "zed"), "c", .failure(.statsFailed)),
            ])
        let model = OperatorViewModel(snapshot)
        XCTAssertEqual(model.poolSummary, "2 of 4 pools up")
        XCTAssertEqual(model.pools.map(\.health), ["up", "down", "up", "down"])
        XCTAssertEqual(model.pools.map(\.flavor), ["gold", "gold", "silver", "—"])
        XCTAssertEqual(model.flavors.map(\.name), ["gold", "silver"])
        XCTAssertEqual(model.flavors.map(\.pools), ["a, b", "c"])
        XCTAssertEqual(model.flavors.map(\.health), ["degraded", "up"])
        XCTAssertEqual(model.flavors.map(\.healthLabel), ["1 of 2 pools up", "1 of 1 pool up"])
        XCTAssertEqual(model.projects.map(\.project), ["p1", "p2"])
        XCTAssertEqual(model.queueSummary, "4 queues in 2 projects")
        let p2 = model.projects[1].queues
        XCTAssertEqual(p2.map { "\($0.name)/\($0.kind)" }, ["alerts/queue", "alerts/topic", "zed/queue"])
        XCTAssertEqual(p2.map(\.healthLabel), ["pool unreachable", "ok", "no stats"])
        XCTAssertEqual(p2.map(\.total), ["", "4", ""])
        let work = model.projects[0].queues[0]
        XCTAssertEqual([work.total, work.free, work.claimed, work.oldestSeconds, work.oldestAge], ["3", "1", "2", "3725", "1 h 2 min"])
    }

    func testRenderedFragmentCarriesTheCountersAndEscapes() {
        var snapshot = Self.snapshot(
            pools: [(Pool(name: "a", uri: "herald://h:1", weight: 1, flavor: "x\"><script>"), true)],
            queues: [(QueueRef(project: "</table><script>", name: "q"), "a", .success(Self.stats(free: 0, claimed: 0, age: 0)))])
        snapshot.activity = OperatorActivity.Snapshot(posted: 12, claimed: 5, deleted: 3, uptimeMillis: 4_321)
        snapshot.queuesTruncated = true
        let html = OperatorTemplates.view.render(OperatorViewModel(snapshot))
        XCTAssertTrue(
            html.contains(#"data-posted="12" data-claimed="5" data-deleted="3" data-uptime-ms="4321""#), html)
        XCTAssertFalse(html.contains("<script>"), html)
        XCTAssertEqual(html.components(separatedBy: "<table").count - 1, 3, "pools, flavors and one project")
        XCTAssertTrue(html.contains("&lt;/table&gt;&lt;script&gt;"))
        XCTAssertTrue(html.contains("Only the first 200 queues are listed"))
    }

    func testActivityCountsEveryRecordFromManyTasks() async {
        let activity = OperatorActivity()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<1000 {
                        activity.recordPosted(2)
                        activity.recordClaimed(1)
                        activity.recordDeleted(3)
                    }
                }
            }
        }
        let first = activity.snapshot()
        XCTAssertEqual([first.posted, first.claimed, first.deleted], [16_000, 8_000, 24_000])
        let second = activity.snapshot()
        XCTAssertGreaterThanOrEqual(second.uptimeMillis, first.uptimeMillis)
    }

    // MARK: Helpers

    private static func stats(free: Int, claimed: Int, age: Int) -> QueueStats {
        let oldest = free + claimed > 0 ? QueueStats.Endpoint(id: "m", age: age, createdMillis: 0) : nil
        return QueueStats(free: free, claimed: claimed, oldest: oldest, newest: oldest)
    }

    private static func snapshot(
        pools: [(Pool, Bool)],
        queues: [(QueueRef, String, Result<QueueStats, OperatorSnapshot.QueueProblem>)]
    ) -> OperatorSnapshot {
        OperatorSnapshot(
            catalogReachable: true,
            pools: pools.map { pool, up in
                OperatorSnapshot.PoolState(
                    pool: pool,
                    health: PoolHealth(
                        storageReachable: up, messageVolume: up ? NodeStats.MessageCounts(free: 1, claimed: 0) : nil,
                        queues: 1))
            },
            queues: queues.map { queue, pool, stats in
                OperatorSnapshot.QueueState(
                    entry: RegisteredQueue(queue: queue, placement: QueuePlacement(pool: pool, flavor: nil)), stats: stats)
            },
            queuesTruncated: false, queueLimit: OperatorSnapshot.defaultQueueLimit,
            activity: OperatorActivity.Snapshot(posted: 0, claimed: 0, deleted: 0, uptimeMillis: 0), takenAtMillis: 0)
    }
}
