import Logging
import Shared

extension NotificationDispatcher {
    /// Delivers a confirmation request or unsubscribe notice (spec §5.5) through the subscriber's
    /// channel, whatever the subscription's `confirmed` flag; `nil` when the row was already
    /// settled (dropped or left waiting for a mailer).
    func deliverConfirmation(_ row: PendingNotification, options: JSONValue) async -> DeliveryOutcome? {
        guard store.requireConfirmation else {
            await drop(row, reason: "confirmation is no longer required")
            return nil
        }
        guard let signer = confirmation.signer else {
            logger.error(
                "confirmation not sent: no signed-URL secret is configured (--signed-url-secret)",
                metadata: ["subscription": "\(row.subscriptionID)"])
            await complete(row)
            return nil
        }
        let request = ConfirmationRequest(
            row: row, signer: signer, publicURL: confirmation.publicURL, nowMillis: clock.nowMillis())
        switch SubscriberScheme(row.subscriber) {
        case .webhook:
            return await webhook.deliver(
                to: row.subscriber, payload: request.webhookBody(), options: options, timeout: deliveryTimeout)
        case .mailto:
            guard let externalURL = confirmation.externalConfirmationURL else {
                if await state.shouldWarn(.noExternalConfirmationURL) {
                    logger.warning(
                        "mailto: confirmations are not sent: no external confirmation URL is configured (--external-confirmation-url)")
                }
                await drop(row, reason: "no external confirmation URL is configured")
                return nil
            }
            guard let mailer else {
                await waitForMailer(row)
                return nil
            }
            return await Self.mailConfirmation(
                request, to: row.subscriber, template: confirmation.emailTemplate(for: row.kind),
                externalURL: externalURL, mailer: mailer)
        case .unsupported:
            return .failed(reason: "Subscriber \(row.subscriber) has no supported scheme.")
        }
    }

    /// Sends the confirmation email of `request` built from `template` (see ``ConfirmationSettings``
    /// for the address, subject and sender rules).
    static func mailConfirmation(
        _ request: ConfirmationRequest, to subscriber: String, template: ConfirmationEmailTemplate,
        externalURL: String, mailer: SMTPMailer
    ) async -> DeliveryOutcome {
        do throws(SMTPError) {
            let address = try MailtoAddress(parsing: subscriber)
            let mail = template.render(
                queueName: request.queueName, project: request.project, link: request.emailLink(externalURL: externalURL))
            try await mailer.send(to: address.address, subject: mail.subject, body: mail.body, from: template.sender)
            return .delivered(status: 250)
        } catch {
            return error.isRetryable ? .retry(reason: error.description) : .failed(reason: error.description)
        }
    }
}
