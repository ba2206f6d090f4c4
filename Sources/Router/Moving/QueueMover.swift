import Catalog
import Logging
import Shared

/// Moves a queue with its messages, claims, subscriptions and pending notifications from its
/// pool to another while producers and consumers go on.
///
/// First its messages are copied batch by batch to the new node while the queue still serves
/// requests. Then the queue is frozen on its node (requests already running finish first; new
/// ones are refused with `StorageError.queueMoving`, which routers retry for a moment), and what
/// changed meanwhile — the queue's metadata, claims, subscriptions, pending notifications, the
/// messages deleted or claimed since, the messages posted since — is copied; the catalog
/// switches over with a compare-and-set, and the old node retires the queue, keeping a
/// tombstone (`StorageError.queueMoved`) so routers with a stale placement look it up again.
/// The freeze lasts from the second round to the catalog switch, so it depends on the traffic
/// during the copy, not on the size of the queue. A failure before the switch discards the
/// partial copy and thaws the queue where it was (see
/// ``abandon(_:source:sourcePool:destination:target:)``).
struct QueueMover: Sendable {
    /// About how many bytes of messages one transfer batch carries.
    static let batchBytes = 4 << 20
    /// Message states (about 50 bytes each on the wire) per batch of the second round.
    static let stateRowsPerBatch = 100_000

    /// What a move did.
    struct Outcome: Sendable {
        var queue: QueueRef
        var from: String
        var to: String
        var flavor: String?
        /// Messages copied.
        var messages: Int
        /// How long the queue refused requests.
        var frozen: Duration
    }

    let catalog: any CatalogStore
    let placement: Placement
    let metrics: RouterMetrics
    let logger = Logger(label: "herald-router.move")

    /// Moves `queue` to the pool `target`. Moving a queue to the pool it is on lifts any fence
    /// left there by an interrupted move and changes nothing else.
    /// - Throws: 404 when the queue is not in the catalog, 400 when `target` is unknown or of
    ///   another flavor, 409 when the queue was deleted or moved by someone else meanwhile,
    ///   503 when a node fails.
    func move(_ queue: QueueRef, to target: String) async throws -> Outcome {
        guard let current = try await catalog.placement(of: queue) else {
            throw APIError.notFound("Queue \(queue.name) is not in the catalog.")
        }
        let pools = try await catalog.pools()
        guard let destinationPool = pools.first(where: { $0.name == target }) else {
            throw APIError.invalidBody("Pool \(target) does not exist.")
        }
        guard destinationPool.flavor == current.flavor else {
            throw APIError.invalidBody(
                "Pool \(target) is of flavor \(destinationPool.flavor ?? "none"), the queue of flavor \(current.flavor ?? "none").")
        }
        let destination = await placement.stores.store(for: destinationPool)
        var outcome = Outcome(queue: queue, from: current.pool, to: target, flavor: current.flavor, messages: 0, frozen: .zero)
        if current.pool == target {
            try await destination.changeFence(queue, .lift)
            return outcome
        }
        guard let sourcePool = pools.first(where: { $0.name == current.pool }) else {
            throw APIError.unavailable("The pool \"\(current.pool)\" is not in the catalog.")
        }
        let source = await placement.stores.store(for: sourcePool)
        let copied: (marker: Int64, started: Bool)
        do {
            copied = try await copyWhileServing(queue, from: source, to: destination)
        } catch {
            try? await destination.changeFence(queue, .discard)
            metrics.queueMoveEnded(frozen: nil)
            throw error
        }
        let started = ContinuousClock.now
        try await source.changeFence(queue, .freeze)
        do {
            try await copyChanges(queue, after: copied.marker, started: copied.started, from: source, to: destination)
            guard try await catalog.movePlacement(queue, from: current.pool, to: target) else {
                throw APIError.conflict("Queue \(queue.name) was deleted or moved while it was being moved.")
            }
        } catch {
            await abandon(queue, source: source, sourcePool: current.pool, destination: destination, target: target)
            metrics.queueMoveEnded(frozen: nil)
            throw error
        }
        outcome.frozen = ContinuousClock.now - started
        metrics.queueMoveEnded(frozen: outcome.frozen)
        placement.forget(queue)
        outcome.messages = (try? await destination.stats(queue).total) ?? 0
        do {
            try await source.changeFence(queue, .retire)
        } catch {
            // The queue serves from its new pool; the old copy stays frozen until retired again.
            logger.warning("moved queue not retired on its old pool", metadata: [
                "project": "\(queue.project)", "queue": "\(queue.name)", "pool": "\(current.pool)", "error": "\(error)",
            ])
        }
        logger.info("queue moved", metadata: [
            "project": "\(queue.project)", "queue": "\(queue.name)", "from": "\(current.pool)", "to": "\(target)",
            "messages": "\(outcome.messages)", "frozen_ms": "\(outcome.frozen.wholeMilliseconds)",
        ])
        return outcome
    }

    /// Undoes what a failed move left, by where the catalog now places the queue: still on the
    /// old pool → drop the partial copy and thaw the queue; deleted meanwhile → drop both
    /// copies; on the target (another move of it won) → nothing; elsewhere → drop the copy.
    /// When the catalog cannot tell, nothing changes: moving the queue again finishes the job.
    private func abandon(
        _ queue: QueueRef, source: any QueueStore, sourcePool: String, destination: any QueueStore, target: String
    ) async {
        let lookup: QueuePlacement?
        do {
            lookup = try await catalog.placement(of: queue)
        } catch {
            return
        }
        switch lookup?.pool {
        case sourcePool?:
            try? await destination.changeFence(queue, .discard)
            try? await source.changeFence(queue, .lift)
        case nil:
            try? await destination.changeFence(queue, .discard)
            try? await source.changeFence(queue, .discard)
        case target?:
            break
        default:
            try? await destination.changeFence(queue, .discard)
        }
    }

    /// The first round: every message so far, while the queue serves requests; returns where
    /// it ended and whether it imported anything (the first import leaves the copy fenced).
    private func copyWhileServing(
        _ queue: QueueRef, from source: any QueueStore, to destination: any QueueStore
    ) async throws -> (marker: Int64, started: Bool) {
        var marker: Int64 = 0
        var started = false
        while true {
            let batch: QueueTransferBatch
            do {
                batch = try await source.exportQueue(queue, after: marker, maxBytes: Self.batchBytes, withState: false)
            } catch StorageError.queueNotFound {
                return (marker, started)
            }
            try await destination.importQueue(queue, batch, first: !started, last: false)
            started = true
            marker = batch.marker
            if !batch.hasMore { return (marker, started) }
        }
    }

    /// The second round, frozen: the states of the messages the first round copied (up to
    /// `marker`), the queue's state, and the messages posted since (`started`: the first round
    /// imported something). A queue its node never stored (nothing was ever written to it)
    /// copies nothing.
    private func copyChanges(
        _ queue: QueueRef, after marker: Int64, started: Bool, from source: any QueueStore, to destination: any QueueStore
    ) async throws {
        if started {
            do {
                try await copyMessageStates(queue, upTo: marker, from: source, to: destination)
            } catch StorageError.queueNotFound {
                try await destination.changeFence(queue, .discard)
                return
            }
        }
        var marker = marker
        var withState = true
        while true {
            let batch: QueueTransferBatch
            do {
                batch = try await source.exportQueue(queue, after: marker, maxBytes: Self.batchBytes, withState: withState)
            } catch StorageError.queueNotFound where withState {
                if started { try await destination.changeFence(queue, .discard) }
                return
            }
            try await destination.importQueue(queue, batch, first: withState && !started, last: !batch.hasMore)
            withState = false
            marker = batch.marker
            if !batch.hasMore { return }
        }
    }

    /// The claim columns of every message up to `marker` still on the old node, in batches.
    private func copyMessageStates(
        _ queue: QueueRef, upTo marker: Int64, from source: any QueueStore, to destination: any QueueStore
    ) async throws {
        var after: Int64 = 0
        while true {
            let states = try await source.exportMessageStates(queue, after: after, upTo: marker, maxRows: Self.stateRowsPerBatch)
            try await destination.importQueue(queue, states, first: false, last: false)
            after = states.marker
            if !states.hasMore { return }
        }
    }
}
