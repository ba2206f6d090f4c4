import XCTest

@testable import HeraldBench

/// The pure parts of a `load` run's plan: queue spread, pacing, the message budget, stop rules.
final class LoadPlanTests: XCTestCase {
    func testTasksAreSpreadRoundRobinSoEveryQueueIsServed() {
        XCTAssertEqual((0..<4).map { QueueAssignment.queues(task: $0, tasks: 4, queues: 4) }, [[0], [1], [2], [3]])
        XCTAssertEqual((0..<6).map { QueueAssignment.queues(task: $0, tasks: 6, queues: 4) }, [[0], [1], [2], [3], [0], [1]])
        XCTAssertEqual((0..<2).map { QueueAssignment.queues(task: $0, tasks: 2, queues: 5) }, [[0, 2, 4], [1, 3]])
        XCTAssertEqual(QueueAssignment.queues(task: 0, tasks: 1, queues: 3), [0, 1, 2])
        XCTAssertEqual(QueueAssignment.queues(task: 0, tasks: 0, queues: 3), [])
        for (tasks, queues) in [(1, 7), (3, 7), (7, 7), (9, 7), (4, 1)] {
            let covered = Set((0..<tasks).flatMap { QueueAssignment.queues(task: $0, tasks: tasks, queues: queues) })
            XCTAssertEqual(covered, Set(0..<queues), "\(tasks) tasks over \(queues) queues")
        }
    }

    func testPacingSpacesBatchesEvenlyAtTheRate() {
        let schedule = PacingSchedule(messagesPerSecond: 2_000, batch: 10)
        XCTAssertFalse(schedule.isUnpaced)
        XCTAssertEqual(schedule.due(ticket: 0, start: 1_000), 1_000)
        XCTAssertEqual(schedule.due(ticket: 1, start: 1_000), 1_000 + 5_000_000)
        XCTAssertEqual(schedule.due(ticket: 200, start: 1_000), 1_000 + 1_000_000_000)
        let rate = PacingSchedule(messagesPerSecond: 3, batch: 1)
        XCTAssertEqual(rate.due(ticket: 3_000_000, start: 0), 1_000_000_000_000_000, "no drift over many tickets")
    }

    func testUnlimitedRateIsUnpacedAndHugeTicketsSaturate() {
        let unpaced = PacingSchedule(messagesPerSecond: 0, batch: 10)
        XCTAssertTrue(unpaced.isUnpaced)
        XCTAssertEqual(unpaced.due(ticket: 12_345, start: 77), 77)
        XCTAssertEqual(PacingSchedule(messagesPerSecond: 0.001, batch: 20).due(ticket: Int.max, start: 5), UInt64.max)
    }

    func testBudgetCountsOnlyMeasuredBatchesAndEndsWithAShortOne() {
        let budget = ProductionBudget(measuredMessages: 25)
        XCTAssertEqual(budget.take(batch: 10, measured: false), 10, "warm-up batches are not counted")
        XCTAssertEqual(budget.take(batch: 10, measured: true), 10)
        XCTAssertEqual(budget.take(batch: 10, measured: true), 10)
        XCTAssertFalse(budget.isSpent)
        XCTAssertEqual(budget.take(batch: 10, measured: true), 5)
        XCTAssertTrue(budget.isSpent)
        XCTAssertNil(budget.take(batch: 10, measured: true))
        let unlimited = ProductionBudget(measuredMessages: nil)
        XCTAssertEqual(unlimited.take(batch: 10, measured: true), 10)
        XCTAssertFalse(unlimited.isSpent)
    }

    func testDurationRunsStopAtTheDeadlineOnly() {
        let control = LoadRunControl(stop: .duration(seconds: 3_600), measureStart: MonotonicClock.now())
        control.productionFinished()
        XCTAssertTrue(control.consumersContinue(LoadStats.Totals(produced: 10, consumed: 10)))
        XCTAssertTrue(control.observersContinue)
        let over = LoadRunControl(deadline: MonotonicClock.now() - 1, stopsWhenDrained: false)
        XCTAssertFalse(over.consumersContinue(LoadStats.Totals()))
        XCTAssertFalse(over.observersContinue)
    }

    func testMessageRunsStopConsumingOnceDrainedAndObservingWhenBothAreDone() {
        let control = LoadRunControl(stop: .messages(count: 100, timeoutSeconds: 3_600), measureStart: MonotonicClock.now())
        XCTAssertTrue(control.consumersContinue(LoadStats.Totals(produced: 100, consumed: 100)), "producers still posting")
        control.productionFinished()
        XCTAssertTrue(control.consumersContinue(LoadStats.Totals(produced: 100, consumed: 90)))
        XCTAssertFalse(control.consumersContinue(LoadStats.Totals(produced: 100, consumed: 100)))
        XCTAssertTrue(control.observersContinue)
        control.consumptionFinished()
        XCTAssertFalse(control.observersContinue)
    }

    func testWarmUpRequestsCountInTotalsButNotInFigures() {
        let stats = LoadStats(measureStart: 1_000)
        stats.succeeded(.post, items: 10, start: 999, end: 2_000)
        stats.succeeded(.post, items: 10, start: 1_000, end: 2_000)
        stats.succeeded(.delete, items: 7, start: 500, end: 900)
        stats.failed(.claim, "HTTP 503", timedOut: false, start: 10, end: 20)
        stats.failed(.claim, "no answer", timedOut: true, start: 1_500, end: 9_000)
        XCTAssertEqual(stats.current, LoadStats.Totals(produced: 20, consumed: 7, errors: 2))
        let figures = stats.snapshots()
        XCTAssertEqual(figures[LoadOperation.post.rawValue].items, 10)
        XCTAssertEqual(figures[LoadOperation.delete.rawValue].succeeded, 0)
        XCTAssertEqual(figures[LoadOperation.claim.rawValue].failed, 1)
        XCTAssertEqual(figures[LoadOperation.claim.rawValue].timeouts, 1)
        XCTAssertEqual(figures[LoadOperation.claim.rawValue].firstFailure, "no answer")
    }

    func testPreparedPostDocumentsHoldTheBatch() throws {
        let documents = PostDocuments(batch: 10, bodySize: 256)
        XCTAssertEqual(documents.document(messages: 10), documents.full)
        for count in [10, 3] {
            let parsed = try JSONValueParsing.messages(documents.document(messages: count))
            XCTAssertEqual(parsed.count, count)
            XCTAssertEqual(parsed.map { $0["body"]?.serialized().count }, Array(repeating: 256, count: count))
        }
    }
}
