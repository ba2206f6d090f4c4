import Shared

/// What the dispatcher needs to send confirmation requests and unsubscribe notices (spec §5.5)
/// when the store requires confirmation.
///
/// Webhook subscribers get a JSON request (see ``ConfirmationRequest``) with `post_data` and
/// `post_headers` applied as for messages. `mailto:` subscribers get the email of the template
/// of the kind: To is the address of the `mailto:` URI; the subject is the template's `topic`
/// (the URI's `subject` and `options.subject` name message notifications, not this mail); the
/// sender is the template's `sender`, else the node's `--smtp-from` (never `options.from`: the
/// confirmation mail speaks for the operator, not the subscriber).
public struct ConfirmationSettings: Sendable {
    /// Signs the confirmation links; without it confirmation rows are dropped with an error logged.
    public var signer: URLSigner?
    /// The routers' public base URL (`http://127.0.0.1:8888`): the confirm path appended to it is
    /// sent as `WSGISubscribeURL`. Trailing slashes are ignored; a path prefix is kept.
    public var publicURL: String?
    /// The operator's confirmation web page, the base of the link in confirmation emails (Zaqar's
    /// `external_confirmation_url`); without it `mailto:` confirmation rows are dropped with a warning.
    public var externalConfirmationURL: String?
    /// The email asking a `mailto:` subscriber to confirm.
    public var subscriptionEmail: ConfirmationEmailTemplate
    /// The email telling a `mailto:` subscriber it was unsubscribed.
    public var unsubscribeEmail: ConfirmationEmailTemplate

    public init(
        signer: URLSigner? = nil, publicURL: String? = nil, externalConfirmationURL: String? = nil,
        subscriptionEmail: ConfirmationEmailTemplate = .subscriptionDefault,
        unsubscribeEmail: ConfirmationEmailTemplate = .unsubscribeDefault
    ) {
        self.signer = signer
        self.publicURL = publicURL
        self.externalConfirmationURL = externalConfirmationURL
        self.subscriptionEmail = subscriptionEmail
        self.unsubscribeEmail = unsubscribeEmail
    }

    /// The email template of a confirmation row of `kind`.
    func emailTemplate(for kind: NotificationKind) -> ConfirmationEmailTemplate {
        kind == .unsubscribeConfirmation ? unsubscribeEmail : subscriptionEmail
    }
}
