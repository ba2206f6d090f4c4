import Logging
import Shared

extension NotificationDispatcher {
    /// Delivers one row and records the result in the outbox.
    func process(_ row: PendingNotification) async {
        let options = (try? JSONValue.parse(row.options)) ?? .object([])
        let outcome: DeliveryOutcome
        let lowered = row.subscriber.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            outcome = await webhook.deliver(
                to: row.subscriber, payload: row.payload, options: options, timeout: deliveryTimeout)
        } else if lowered.hasPrefix("mailto:") {
            guard let mailer else {
                await waitForMailer(row)
                return
            }
            outcome = await Self.mail(row, options: options, mailer: mailer)
        } else {
            outcome = .failed(reason: "Subscriber \(row.subscriber) has no supported scheme.")
        }
        // Recorded even when the dispatcher is being cancelled, so a delivered row is not sent again.
        let recording = Task { try await self.record(outcome, for: row, options: options) }
        do {
            try await recording.value
        } catch {
            logger.warning(
                "recording a notification attempt failed; it will be delivered again",
                metadata: ["seq": "\(row.seq)", "error": "\(error)"])
        }
    }

    /// Sends one email notification: the payload JSON as the body (spec §5.2).
    static func mail(_ row: PendingNotification, options: JSONValue, mailer: SMTPMailer) async -> DeliveryOutcome {
        do throws(SMTPError) {
            let address = try MailtoAddress(parsing: row.subscriber)
            try await mailer.send(
                to: address.address, subject: address.subject(options: options),
                body: String(decoding: row.payload, as: UTF8.self),
                from: MailtoAddress.sender(options: options, configured: mailer.configuration.from))
            return .delivered(status: 250)
        } catch {
            return error.isRetryable ? .retry(reason: error.description) : .failed(reason: error.description)
        }
    }

    /// Completes a delivered or failed row; reschedules a retry per the effective policy, or
    /// gives up once its schedule is exhausted.
    func record(_ outcome: DeliveryOutcome, for row: PendingNotification, options: JSONValue) async throws {
        switch outcome {
        case .delivered:
            try await store.completeNotification(seq: row.seq)
        case .failed(let reason):
            logger.info(
                "notification not deliverable, dropped",
                metadata: ["subscription": "\(row.subscriptionID)", "reason": "\(reason)"])
            try await store.completeNotification(seq: row.seq)
        case .retry(let reason):
            let delays = try await retryPolicy(for: row, options: options).delays()
            guard row.attempts >= 0, row.attempts < delays.count else {
                logger.warning(
                    "notification retries exhausted, giving up",
                    metadata: [
                        "subscription": "\(row.subscriptionID)", "attempts": "\(row.attempts + 1)",
                        "reason": "\(reason)",
                    ])
                try await store.completeNotification(seq: row.seq)
                return
            }
            let due = clock.nowMillis() + Self.millis(delays[row.attempts])
            try await store.rescheduleNotification(seq: row.seq, due: due, attempts: row.attempts + 1)
        }
    }

    /// The subscription's and queue's `_retry_policy` combined (spec §5.4); the defaults when a
    /// stored policy does not parse.
    func retryPolicy(for row: PendingNotification, options: JSONValue) async throws -> RetryPolicy {
        let metadata = try await store.queueMetadata(row.queue)
        let queueJSON = metadata.flatMap { try? JSONValue.parse($0.json) } ?? .object([])
        do {
            return try RetryPolicy.effective(subscriptionOptions: options, queueMetadata: queueJSON)
        } catch {
            logger.warning(
                "invalid stored retry policy, using the defaults",
                metadata: ["subscription": "\(row.subscriptionID)", "error": "\(error)"])
            return .defaults
        }
    }

    /// Leaves a `mailto:` row pending far in the future when no SMTP server is configured.
    private func waitForMailer(_ row: PendingNotification) async {
        if await state.shouldWarnNoMailer() {
            logger.warning("mailto: notifications are pending: no SMTP server is configured (--smtp-host)")
        }
        let due = clock.nowMillis() + Self.noMailerRecheckMillis
        try? await store.rescheduleNotification(seq: row.seq, due: due, attempts: row.attempts)
    }

    static func millis(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
