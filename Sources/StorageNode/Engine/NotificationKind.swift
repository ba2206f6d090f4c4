/// What an outbox row announces (the `outbox.kind` column, spec §5.5).
public enum NotificationKind: Int, Sendable, Equatable, CaseIterable {
    /// A posted message; the row carries the notification payload.
    case message = 0
    /// A request to confirm a new (or re-posted, still unconfirmed) subscription; the body is
    /// built when it is delivered.
    case subscriptionConfirmation = 1
    /// The notice that a subscription was unsubscribed (`confirmed: false`), with a link to
    /// subscribe again; the body is built when it is delivered.
    case unsubscribeConfirmation = 2
}
