import Foundation
import Shared
import StorageNode
import XCTest

/// A queue's move between two real store files: fences refuse requests (through the RPC
/// execution path routers use), freezing waits for running requests, export and import carry
/// messages, claims and subscriptions in batches, and the tombstone survives a restart.
final class QueueMoveTests: StoreTestCase {
    private var target: SQLiteQueueStore!

    private var targetPath: String { directory.appendingPathComponent("target/store.sqlite").path }

    override func setUpWithError() throws {
        try super.setUpWithError()
        target = try SQLiteQueueStore(path: targetPath, clock: clock)
    }

    override func tearDownWithError() throws {
        try? target?.close()
        target = nil
        try super.tearDownWithError()
    }

    /// The first round of a move: the messages so far, in batches of about `maxBytes`; returns
    /// where it ended and the batch count.
    private func copyMessages(maxBytes: Int) async throws -> (marker: Int64, batches: Int) {
        var marker: Int64 = 0
        var batches = 0
        while true {
            let batch = try await store.exportQueue(queue, after: marker, maxBytes: maxBytes, withState: false)
            try await target.importQueue(queue, batch, first: batches == 0, last: false)
            batches += 1
            marker = batch.marker
            if !batch.hasMore { return (marker, batches) }
        }
    }

    /// The second round: the states of the copied messages (in batches of `stateRows`), the
    /// state and the messages after `marker`, until the last batch.
    private func copyChanges(after marker: Int64, maxBytes: Int, stateRows: Int = 5) async throws {
        var after: Int64 = 0
        while true {
            let states = try await store.exportMessageStates(queue, after: after, upTo: marker, maxRows: stateRows)
            try await target.importQueue(queue, states, first: false, last: false)
            after = states.marker
            if !states.hasMore { break }
        }
        var marker = marker
        var withState = true
        while true {
            let batch = try await store.exportQueue(queue, after: marker, maxBytes: maxBytes, withState: withState)
            try await target.importQueue(queue, batch, first: false, last: !batch.hasMore)
            withState = false
            marker = batch.marker
            if !batch.hasMore { return }
        }
    }

    /// A whole move's copy: both rounds, the source frozen in between; returns the first round's batch count.
    @discardableResult
    private func copyQueue(maxBytes: Int) async throws -> Int {
        let (marker, batches) = try await copyMessages(maxBytes: maxBytes)
        try await store.changeFence(queue, .freeze)
        try await copyChanges(after: marker, maxBytes: maxBytes)
        return batches
    }

    private func everything(_ store: SQLiteQueueStore) async throws -> [StoredMessage] {
        try await store.listMessages(queue, query: MessageListQuery(
            marker: nil, limit: 1000, clientID: "reader", echo: true, includeClaimed: true, includeDelayed: true)
        ).messages
    }

    func testAMovedQueueKeepsMessagesOrderClaimsAndSubscriptions() async throws {
        let settings = QueueSettings(defaultMessageTTL: 600, maxClaimCount: 5)
        _ = try await store.createQueue(queue, metadata: metadata(settings, json: #"{"owner":"moved"}"#))
        let ids = try await post((0..<40).map { "message-\($0)" })
        let claim = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 300, grace: 60, limit: 3))
        let subscription = try await store.createSubscription(
            queue, NewSubscription(subscriber: "http://127.0.0.1:9/hook", ttl: 3600, options: Array("{}".utf8)))

        let batches = try await copyQueue(maxBytes: 300)
        XCTAssertGreaterThan(batches, 3, "small batches: the messages came in several")

        let moved = try await everything(target)
        XCTAssertEqual(moved.map(\.id), ids, "every message, in the same order")
        XCTAssertEqual(bodies(moved), (0..<40).map { "\"message-\($0)\"" })
        let movedMetadata = try await target.queueMetadata(queue)
        XCTAssertEqual(movedMetadata?.json, Array(#"{"owner":"moved"}"#.utf8))
        let claimInfo = try await XCTUnwrapAsync(try await target.getClaim(queue, id: claim.claimID))
        XCTAssertEqual(claimInfo.messages.map(\.id), Array(ids.prefix(3)), "the claim holds the same messages")
        try await target.deleteMessage(queue, id: ids[0], claimID: claim.claimID)
        await assertThrows(.messageClaimed) { try await self.target.deleteMessage(self.queue, id: ids[1], claimID: nil) }
        let subscriptions = try await target.listSubscriptions(queue, marker: nil, limit: 10)
        XCTAssertEqual(subscriptions.map(\.id), [subscription.id])
        let next = try await target.createClaim(queue, ttl: 60, grace: 60, limit: 1)
        XCTAssertEqual(next?.messages.map(\.id), [ids[3]], "claimed messages stay claimed after the move")

        // A post after the move lists after the moved messages.
        let later = try await target.postMessages(queue, clientID: "p", messages: [NewMessage(body: body("later"))], requestSize: 10)
        let afterPost = try await everything(target)
        XCTAssertEqual(afterPost.last?.id, later.first)
    }

    func testChangesDuringTheFirstRoundReachTheNewNode() async throws {
        _ = try await store.createQueue(queue, metadata: metadata(QueueSettings(), json: #"{"v":1}"#))
        let ids = try await post((0..<12).map { "early-\($0)" })
        let early = try await store.createClaim(queue, ttl: 300, grace: 60, limit: 2)
        let (marker, _) = try await copyMessages(maxBytes: 200)

        // While the queue still serves: deletes, a claim, an expired claim's release, posts, new metadata.
        try await store.deleteMessages(queue, ids: [ids[4], ids[5]], claimIDs: nil)
        let late = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 300, grace: 60, limit: 3))
        try await store.deleteClaim(queue, id: try XCTUnwrap(early?.claimID))
        let posted = try await post(["late-0", "late-1"])
        try await store.setQueueMetadata(queue, metadata: metadata(QueueSettings(), json: #"{"v":2}"#))
        let subscription = try await store.createSubscription(
            queue, NewSubscription(subscriber: "http://127.0.0.1:9/late", ttl: 600, options: Array("{}".utf8)))

        try await store.changeFence(queue, .freeze)
        try await copyChanges(after: marker, maxBytes: 200)

        let source = try await everything(store)
        let moved = try await everything(target)
        XCTAssertEqual(moved.map(\.id), source.map(\.id), "the same messages in the same order")
        XCTAssertEqual(moved.map(\.claimID), source.map(\.claimID), "with the same claims")
        XCTAssertFalse(moved.contains { $0.id == ids[4] || $0.id == ids[5] }, "deleted messages stay deleted")
        XCTAssertEqual(Array(moved.suffix(2).map(\.id)), posted)
        let lateClaim = try await target.getClaim(queue, id: late.claimID)
        XCTAssertEqual(lateClaim?.messages.map(\.id), late.messages.map(\.id))
        let earlyClaim = try await target.getClaim(queue, id: try XCTUnwrap(early?.claimID))
        XCTAssertNil(earlyClaim, "the released claim is gone")
        let movedMetadata = try await target.queueMetadata(queue)
        XCTAssertEqual(movedMetadata?.json, Array(#"{"v":2}"#.utf8))
        let subscriptions = try await target.listSubscriptions(queue, marker: nil, limit: 10)
        XCTAssertEqual(subscriptions.map(\.id), [subscription.id])
    }

    func testMissingMessageStatesFailTheImportInsteadOfDroppingMessages() async throws {
        try await post((0..<8).map { "m\($0)" })
        let (marker, _) = try await copyMessages(maxBytes: 10_000)
        try await store.changeFence(queue, .freeze)
        // Only the first half of the states arrives (as after a restart of the new node).
        let states = try await store.exportMessageStates(queue, after: 0, upTo: marker, maxRows: 4)
        XCTAssertTrue(states.hasMore)
        try await target.importQueue(queue, states, first: false, last: false)
        let withState = try await store.exportQueue(queue, after: marker, maxBytes: 10_000, withState: true)
        await assertThrows(.unavailable("the move of project-a/jobs sent 8 message states, 4 arrived; move it again")) {
            try await self.target.importQueue(self.queue, withState, first: false, last: true)
        }
        // Nothing was dropped: with every state sent again, the same batch completes the copy.
        let all = try await store.exportMessageStates(queue, after: 0, upTo: marker, maxRows: 100)
        XCTAssertFalse(all.hasMore)
        try await target.importQueue(queue, all, first: false, last: false)
        try await target.importQueue(queue, withState, first: false, last: true)
        let kept = try await everything(target)
        XCTAssertEqual(kept.count, 8, "no copied message was dropped")
    }

    func testAListingMarkerFromBeforeTheMoveMissesNoMessage() async throws {
        // The old node's positions run ahead of the new node's: another queue took many first.
        try await post((0..<60).map { "elsewhere-\($0)" }, to: QueueRef(project: queue.project, name: "busy"))
        let ids = try await post((0..<10).map { "m\($0)" })
        let firstPage = try await list(limit: 4, echo: true)
        let marker = try XCTUnwrap(firstPage.messages.last?.sequence)
        try await post(["t"], to: QueueRef(project: "p", name: "on-target"))
        _ = try await target.postMessages(
            QueueRef(project: "p", name: "on-target"), clientID: "c", messages: [NewMessage(body: body("low"))], requestSize: 5)

        try await copyQueue(maxBytes: 150)
        let rest = try await target.listMessages(queue, query: MessageListQuery(
            marker: marker, limit: 20, clientID: "reader", echo: true, includeClaimed: true, includeDelayed: true))
        XCTAssertTrue(Set(rest.messages.map(\.id)).isSuperset(of: ids.suffix(6)), "the rest of the listing is still after the marker")
    }

    func testAFrozenQueueRefusesRequestsUntilLifted() async throws {
        try await post(["kept"])
        try await store.changeFence(queue, .freeze)
        let post = NodeRequest.postMessages(queue, clientID: "c", messages: [NewMessage(body: body("refused"))], requestSize: 10)
        let refusedPost = await post.execute(on: store)
        XCTAssertEqual(refusedPost, .failure(.queueMoving))
        let refusedStats = await NodeRequest.stats(queue).execute(on: store)
        XCTAssertEqual(refusedStats, .failure(.queueMoving))
        let other = QueueRef(project: queue.project, name: "other")
        guard case .messageIDs = await NodeRequest.postMessages(other, clientID: "c", messages: [NewMessage(body: body("x"))], requestSize: 10)
            .execute(on: store)
        else { return XCTFail("other queues are not fenced") }
        let woken = await store.awaitMessages(queue, timeout: .seconds(30))
        XCTAssertTrue(woken, "a waiter on a fenced queue returns at once")

        try await store.changeFence(queue, .lift)
        guard case .messageIDs = await post.execute(on: store) else { return XCTFail("the lifted queue takes posts again") }
        let listed = try await everything(store)
        XCTAssertEqual(bodies(listed), ["\"kept\"", "\"refused\""])
    }

    func testFreezingWaitsForTheRequestsAlreadyRunning() async throws {
        try store.enter(queue)
        let store = self.store!
        let queue = self.queue
        let frozen = Task {
            try await store.changeFence(queue, .freeze)
            return ContinuousClock.now
        }
        try await Task.sleep(for: .milliseconds(300))
        XCTAssertThrowsError(try store.enter(queue), "no request is admitted once the freeze began")
        let released = ContinuousClock.now
        store.leave(queue)
        let frozenAt = try await frozen.value
        XCTAssertGreaterThanOrEqual(frozenAt, released, "the freeze returned only after the running request ended")
    }

    func testARetiredQueueIsGoneAndItsTombstoneSurvivesARestart() async throws {
        try await post(["a", "b"])
        try await store.changeFence(queue, .freeze)
        try await store.changeFence(queue, .retire)
        let refused = await NodeRequest.queueMetadata(queue).execute(on: store)
        XCTAssertEqual(refused, .failure(.queueMoved))
        let left = try await everything(store)
        XCTAssertEqual(left, [], "the data left with the queue")
        try store.close()

        store = try SQLiteQueueStore(path: storePath, clock: clock)
        let create = NodeRequest.createQueue(queue, metadata: QueueMetadata(json: Array("{}".utf8), settings: QueueSettings()))
        let afterRestart = await create.execute(on: store)
        XCTAssertEqual(afterRestart, .failure(.queueMoved), "the tombstone was stored")

        clock.advance(seconds: 61)
        _ = try await store.collectGarbage()
        guard case .created(true) = await create.execute(on: store) else { return XCTFail("an expired tombstone no longer refuses the queue") }
    }

    func testAnImportIsInvisibleUntilItsLastBatchAndDiscardRemovesIt() async throws {
        try await post((0..<10).map { "m\($0)" })
        let first = try await store.exportQueue(queue, after: 0, maxBytes: 100, withState: false)
        XCTAssertTrue(first.hasMore)
        try await target.importQueue(queue, first, first: true, last: false)
        let partial = await NodeRequest.stats(queue).execute(on: target)
        XCTAssertEqual(partial, .failure(.queueMoving), "a partial import serves nothing")

        try await target.changeFence(queue, .discard)
        guard case .metadata(nil) = await NodeRequest.queueMetadata(queue).execute(on: target) else {
            return XCTFail("the partial copy was discarded and the queue is unknown")
        }
        await assertThrows(.unavailable("import of project-a/jobs continued without its first batch")) {
            try await self.target.importQueue(self.queue, first, first: false, last: true)
        }
    }

    func testImportRefusesRowsOfAnotherQueueOrUnknownTables() async throws {
        let foreign = QueueTransferBatch(
            tables: [TransferTable(name: "queues", columns: ["project", "name", "metadata", "created"],
                rows: [[.text("project-b"), .text("jobs"), .blob([123, 125]), .integer(1)]])],
            marker: 0, hasMore: false)
        await assertThrows(.protocolViolation("import of queues holds a row of another queue")) {
            try await self.target.importQueue(self.queue, foreign, first: true, last: true)
        }
        let unknown = QueueTransferBatch(tables: [TransferTable(name: "sqlite_master", columns: [], rows: [])], marker: 0, hasMore: false)
        await assertThrows(.protocolViolation("import names the unknown table sqlite_master")) {
            try await self.target.importQueue(self.queue, unknown, first: true, last: true)
        }
        let badColumn = QueueTransferBatch(
            tables: [TransferTable(name: "claims", columns: ["project", "queue", "id); DROP TABLE messages; --"], rows: [])],
            marker: 0, hasMore: false)
        await assertThrows(.protocolViolation("import of claims has columns this node does not know")) {
            try await self.target.importQueue(self.queue, badColumn, first: true, last: true)
        }
    }

    func testExportingAnUnknownQueueSaysSo() async throws {
        await assertThrows(.queueNotFound) { _ = try await self.store.exportQueue(self.queue, after: 0, maxBytes: 100, withState: true) }
    }
}
