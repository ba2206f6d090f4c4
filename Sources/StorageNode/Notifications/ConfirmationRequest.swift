import Shared

/// The confirmation request or unsubscribe notice of one outbox row (spec §5.5): a pre-signed
/// `PUT` of the subscription's confirm path, built when the row is delivered.
///
/// The confirm path is `/v2/queues/<q>/subscriptions/<id>/confirm` (`/v2/topics/...` for a
/// topic) and the signed project is the caller's real project (without the topic namespace
/// prefix), so the router's verification (spec §6.3) accepts the link as sent.
struct ConfirmationRequest: Sendable {
    /// How long an unsubscribe notice's link to subscribe again stays valid: Zaqar's
    /// `default_subscription_ttl`.
    static let unsubscribeLinkSeconds: Int64 = 3600

    let unsubscribe: Bool
    /// The queue or topic name.
    let queueName: String
    let isTopic: Bool
    /// The project the link is signed for.
    let project: String
    let confirmPath: String
    let scope: SignedURLScope
    let signature: String
    /// The absolute confirm URL on the routers, when their public URL is known.
    let subscribeURL: String?

    /// The request of `row` (a confirmation kind): a subscription confirmation link expires with
    /// the subscription (whole seconds, rounded down), an unsubscribe notice's one hour after `nowMillis`.
    init(row: PendingNotification, signer: URLSigner, publicURL: String?, nowMillis: Int64) {
        unsubscribe = row.kind == .unsubscribeConfirmation
        queueName = row.queue.name
        isTopic = TopicNamespace.isTopic(row.queue)
        project = isTopic
            ? String(decoding: row.queue.project.utf8.dropFirst(TopicNamespace.projectPrefix.utf8.count), as: UTF8.self)
            : row.queue.project
        let path = "/v2/\(isTopic ? "topics" : "queues")/\(row.queue.name)/subscriptions/\(row.subscriptionID)/confirm"
        confirmPath = path
        let expires = unsubscribe
            ? Self.floorSeconds(nowMillis) + Self.unsubscribeLinkSeconds
            : Self.floorSeconds(row.subscriptionExpires)
        scope = SignedURLScope(paths: [path], methods: ["PUT"], project: project, expiresSeconds: expires)
        signature = signer.signature(for: scope)
        subscribeURL = publicURL.map { Self.trimmingTrailingSlashes($0) + path }
    }

    /// `SubscriptionConfirmation` or `UnsubscribeConfirmation`.
    var messageType: String { unsubscribe ? "UnsubscribeConfirmation" : "SubscriptionConfirmation" }

    /// The human text of the webhook request.
    var message: String {
        let resource = "\(isTopic ? "topic" : "queue"): \(queueName)"
        let howTo = "PUT to URL-Paths with the URL-Signature, URL-Methods, URL-Paths, URL-Expires and "
            + "X-Project-ID headers and SubscribeBody as the body"
        return unsubscribe
            ? "You have unsubscribed successfully from the \(resource). To subscribe again, \(howTo) before URL-Expires."
            : "You have chosen to subscribe to the \(resource). To confirm, \(howTo); UnsubscribeBody declines."
    }

    /// The JSON body POSTed to a webhook subscriber (before `post_data` applies).
    func webhookBody() -> [UInt8] {
        var writer = JSONWriter(capacity: 768)
        writer.beginObject()
        writer.key("Message_Type")
        writer.string(messageType)
        writer.key("Message")
        writer.string(message)
        writer.key("URL-Signature")
        writer.string(signature)
        writer.key("URL-Methods")
        writer.string("PUT")
        writer.key("URL-Paths")
        writer.string(confirmPath)
        writer.key("URL-Expires")
        writer.string(scope.expires)
        writer.key("X-Project-ID")
        writer.string(project)
        writer.key("SubscribeBody")
        writer.raw(Array(#"{"confirmed":true}"#.utf8))
        writer.key("UnsubscribeBody")
        writer.raw(Array(#"{"confirmed":false}"#.utf8))
        writer.key("queue_name")
        writer.string(queueName)
        if let subscribeURL {
            writer.key("WSGISubscribeURL")
            writer.string(subscribeURL)
        }
        writer.endObject()
        return writer.bytes
    }

    /// The link of a confirmation email: `externalURL` with the query `Signature`, `Methods`,
    /// `Paths`, `Project`, `Expires`, `Url` (the absolute confirm URL, or empty) and `Queue`,
    /// each value percent-encoded (Zaqar's order and names).
    func emailLink(externalURL: String) -> String {
        let query: [(String, String)] = [
            ("Signature", signature), ("Methods", "PUT"), ("Paths", confirmPath), ("Project", project),
            ("Expires", scope.expires), ("Url", subscribeURL ?? ""), ("Queue", queueName),
        ]
        let separator = externalURL.contains("?") ? "&" : "?"
        return externalURL + separator + query.map { "\($0.0)=\(Self.percentEncoded($0.1))" }.joined(separator: "&")
    }

    /// `text` with every byte outside RFC 3986's unreserved set percent-encoded.
    static func percentEncoded(_ text: String) -> String { PercentEncoding.encode(text) }

    private static func floorSeconds(_ millis: Int64) -> Int64 {
        millis >= 0 ? millis / 1000 : (millis - 999) / 1000
    }

    private static func trimmingTrailingSlashes(_ url: String) -> String {
        var url = Substring(url)
        while url.hasSuffix("/") { url = url.dropLast() }
        return String(url)
    }
}
