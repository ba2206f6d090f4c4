import Catalog
import Logging
import Shared

/// Moves a queue with its messages, claims, subscriptions and pending notifications from its
/// pool to another while producers and consumers go on.
///
/// The queue is frozen on its node (requests already running finish first; new ones are refused
/// with `StorageError.queueMoving`, which routers retry for a moment), copied batch by batch to
/// the new node, switched over in the catalog with a compare-and-set, and retired on the old
/// node, which keeps a tombstone (`StorageError.queueMoved`) so routers with a stale placement
/// look it up again. The freeze lasts from the first export to the catalog switch. A failure
/// before the switch discards the partial copy and thaws the queue where it was (see
/// ``abandon(_:source:sourcePool:destination:target:)``).
struct QueueMover: Sendable {
    /// About how many bytes of messages one transfer batch carries.
    static let batchBytes = 4 << 20

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
        let started = ContinuousClock.now
        try await source.changeFence(queue, .freeze)
        do {
            outcome.messages = try await copy(queue, from: source, to: destination)
            guard try await catalog.movePlacement(queue, from: current.pool, to: target) else {
                throw APIError.conflict("Queue \(queue.name) was deleted or moved while it was being moved.")
            }
        } catch {
            await abandon(queue, source: source, sourcePool: current.pool, destination: destination, target: target)
            throw error
        }
        outcome.frozen = ContinuousClock.now - started
        placement.forget(queue)
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
            "messages": "\(outcome.messages)", "frozen_ms": "\(outcome.frozen.milliseconds)",
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

    /// Copies the frozen queue batch by batch; returns the number of messages copied. A queue
    /// the catalog knows but its node never stored (nothing was ever written) copies nothing.
    private func copy(_ queue: QueueRef, from source: any QueueStore, to destination: any QueueStore) async throws -> Int {
        var marker: Int64 = 0
        var first = true
        var messages = 0
        while true {
            let batch: QueueTransferBatch
            do {
                batch = try await source.exportQueue(queue, after: marker, maxBytes: Self.batchBytes)
            } catch StorageError.queueNotFound where first {
                return 0
            }
            try await destination.importQueue(queue, batch, first: first, last: batch.nextMarker == nil)
            messages += batch.messageCount
            first = false
            guard let next = batch.nextMarker else { return messages }
            marker = next
        }
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
