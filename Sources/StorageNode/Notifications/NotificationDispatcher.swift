import Logging
import Shared

/// Drains the durable notification outbox of one store (spec §5): delivers every due row to its
/// subscriber and completes or reschedules it per the effective retry policy.
///
/// When the store requires confirmation (``SQLiteQueueStore/requireConfirmation``), message rows
/// of subscriptions that are unconfirmed by then are dropped, and confirmation requests and
/// unsubscribe notices are delivered whatever the flag, through the subscriber's channel and with
/// the same retry schedule as messages (spec §5.5; see ``ConfirmationSettings``).
///
/// Deliveries run concurrently (at most `concurrency` at a time), each bounded by its own
/// timeout, so one slow subscriber never delays the others. A row being delivered is never
/// handed out a second time by this dispatcher. Rows stay in the outbox until completed, so a
/// crash redelivers them (at-least-once).
public final class NotificationDispatcher: Sendable {
    let store: SQLiteQueueStore
    let webhook: WebhookSender
    let mailer: SMTPMailer?
    let clock: any WallClock
    let confirmation: ConfirmationSettings
    let concurrency: Int
    let deliveryTimeout: Duration
    let logger: Logger
    let state = NotificationDispatcherState()

    /// The longest idle wait between two looks at the outbox, so new posts are picked up quickly.
    static let pollInterval = Duration.milliseconds(100)
    /// The wait after the store failed, before trying again.
    static let storeErrorBackoff = Duration.seconds(1)
    /// How long a `mailto:` row waits when no SMTP server is configured.
    static let noMailerRecheckMillis: Int64 = 3_600_000

    /// A dispatcher for `store`.
    ///
    /// - Parameters:
    ///   - store: the store whose outbox is drained.
    ///   - webhook: delivers `http(s)://` subscribers; the caller shuts it down after `run()` ends.
    ///   - mailer: delivers `mailto:` subscribers; without one, those rows wait (they are not dropped).
    ///   - clock: the time base of rescheduling (the store's clock).
    ///   - confirmation: signs and words confirmation requests (used when the store requires confirmation).
    ///   - concurrency: the largest number of deliveries in flight (at least 1).
    ///   - deliveryTimeout: the limit of one webhook delivery.
    public init(
        store: SQLiteQueueStore, webhook: WebhookSender, mailer: SMTPMailer?, clock: any WallClock,
        confirmation: ConfirmationSettings = ConfirmationSettings(), concurrency: Int = 16,
        deliveryTimeout: Duration = .seconds(10)
    ) {
        self.store = store
        self.webhook = webhook
        self.mailer = mailer
        self.clock = clock
        self.confirmation = confirmation
        self.concurrency = max(1, concurrency)
        self.deliveryTimeout = deliveryTimeout
        self.logger = Logger(label: "herald.node.notifications")
    }

    /// Delivers due notifications until the task is cancelled, then waits for the deliveries in flight.
    public func run() async {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let started: Int
                do {
                    started = try await startDue(in: &group)
                } catch {
                    logger.warning("reading the notification outbox failed", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: Self.storeErrorBackoff)
                    continue
                }
                if started == 0 { await idle() }
            }
        }
    }

    /// Starts a delivery task for each due row not in flight, within the free slots; returns how
    /// many started. Waits for a free slot first when every slot is busy, so a saturated
    /// dispatcher starts the next delivery as soon as one ends instead of polling.
    private func startDue(in group: inout DiscardingTaskGroup) async throws -> Int {
        await state.waitForFreeSlot(concurrency: concurrency)
        let busy = await state.beginRead()
        let free = concurrency - busy
        guard free > 0 else { return 0 }
        // Rows in flight are still due in the store: ask for enough to see past them.
        let rows = try await store.dueNotifications(limit: free + busy)
        var started = 0
        for row in rows where started < free {
            guard await state.begin(row.seq) else { continue }
            started += 1
            group.addTask {
                await self.process(row)
                await self.state.end(row.seq)
            }
        }
        return started
    }

    /// Sleeps until the next row is due, at most `pollInterval`.
    private func idle() async {
        var wait = Self.pollInterval
        if let next = try? await store.nextNotificationDue() {
            let until = next - clock.nowMillis()
            if until > 0, Duration.milliseconds(until) < wait { wait = .milliseconds(until) }
        }
        try? await Task.sleep(for: wait)
    }
}

/// A warning a ``NotificationDispatcher`` logs once, not for every row.
enum DispatcherWarning: Hashable, Sendable {
    /// `mailto:` rows wait: no SMTP server is configured.
    case noMailer
    /// `mailto:` confirmation rows are dropped: no external confirmation URL is configured.
    case noExternalConfirmationURL
}

/// The mutable bookkeeping of a ``NotificationDispatcher``: rows in flight, rows finished since
/// the last outbox read, waiters for a free slot, one-time warnings.
actor NotificationDispatcherState {
    private var inFlight: Set<Int64> = []
    /// Rows whose delivery ended since the last ``beginRead()``: a read that started before the
    /// end may still list them, and they must not be delivered a second time.
    private var finishedSinceRead: Set<Int64> = []
    private var slotWaiters: [CheckedContinuation<Void, Never>] = []
    private var warned: Set<DispatcherWarning> = []

    /// Called before each outbox read: forgets the rows finished before it (the read cannot see
    /// them) and returns the number of rows in flight.
    func beginRead() -> Int {
        finishedSinceRead.removeAll(keepingCapacity: true)
        return inFlight.count
    }

    /// Marks `seq` in flight; false when it already is, or when it finished since the last read.
    func begin(_ seq: Int64) -> Bool {
        guard !finishedSinceRead.contains(seq) else { return false }
        return inFlight.insert(seq).inserted
    }

    /// Ends the delivery of `seq` (its outcome is recorded) and wakes a waiter for a free slot.
    func end(_ seq: Int64) {
        inFlight.remove(seq)
        finishedSinceRead.insert(seq)
        let waiters = slotWaiters
        slotWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once fewer than `concurrency` rows are in flight.
    func waitForFreeSlot(concurrency: Int) async {
        while inFlight.count >= concurrency {
            await withCheckedContinuation { slotWaiters.append($0) }
        }
    }

    /// True the first time `warning` is asked about only.
    func shouldWarn(_ warning: DispatcherWarning) -> Bool { warned.insert(warning).inserted }
}
