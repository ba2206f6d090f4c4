import Logging
import Shared

extension NotificationDispatcher {
    /// Delivers one row and records the result in the outbox.
    func process(_ row: PendingNotification) async {
        let options = (try? JSONValue.parse(row.options)) ?? .object([])
        let delivered = row.kind == .message
            ? await deliverMessage(row, options: options)
            : await deliverConfirmation(row, options: options)
        guard let outcome = delivered else { return }
        store.metrics.deliveryAttempted(
            scheme: NotificationScheme(SubscriberScheme(row.subscriber)), outcome: NotificationOutcome(outcome))
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

    /// Delivers a message row; `nil` when the row was already settled (dropped or left waiting).
    private func deliverMessage(_ row: PendingNotification, options: JSONValue) async -> DeliveryOutcome? {
        if store.requireConfirmation && !row.confirmed {
            await drop(row, reason: "the subscription is not confirmed")
            return nil
        }
        switch SubscriberScheme(row.subscriber) {
        case .webhook:
            return await webhook.deliver(to: row.subscriber, payload: row.payload, options: options, timeout: deliveryTimeout)
        case .mailto:
            guard let mailer else {
                await waitForMailer(row)
                return nil
            }
            return await Self.mail(row, options: options, mailer: mailer)
        case .unsupported:
            return .failed(reason: "Subscriber \(row.subscriber) has no supported scheme.")
        }
    }

    /// Completes a row that will not be delivered, logging why at info level.
    func drop(_ row: PendingNotification, reason: String) async {
        logger.info(
            "notification dropped",
            metadata: ["subscription": "\(row.subscriptionID)", "kind": "\(row.kind)", "reason": "\(reason)"])
        await complete(row)
    }

    /// Removes a settled row; a failure only means it is looked at again.
    func complete(_ row: PendingNotification) async {
        do {
            try await store.completeNotification(seq: row.seq)
        } catch {
            logger.warning("completing a notification failed", metadata: ["seq": "\(row.seq)", "error": "\(error)"])
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
            let due = clock.nowMillis() + delays[row.attempts].wholeMilliseconds
            try await store.rescheduleNotification(seq: row.seq, due: due, attempts: row.attempts + 1)
            store.metrics.notificationRetries.increment()
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
    func waitForMailer(_ row: PendingNotification) async {
        if await state.shouldWarn(.noMailer) {
            logger.warning("mailto: notifications are pending: no SMTP server is configured (--smtp-host)")
        }
        let due = clock.nowMillis() + Self.noMailerRecheckMillis
        try? await store.rescheduleNotification(seq: row.seq, due: due, attempts: row.attempts)
    }
}
