import Shared

/// The email a `mailto:` subscriber receives to confirm a subscription or after unsubscribing
/// (spec §5.5: Zaqar's `subscription_confirmation_email_template` and
/// `unsubscribe_confirmation_email_template`).
///
/// `topic` (the subject) and `body` may hold the placeholders `{0}` (the queue or topic name),
/// `{1}` (the project) and `{2}` (the confirmation link); every occurrence is replaced and any
/// other text, braces included, is kept as written.
public struct ConfirmationEmailTemplate: Sendable, Equatable {
    /// The subject.
    public var topic: String
    /// The plain-text body.
    public var body: String
    /// The sender (`addr` or `Display Name <addr>`); `nil` uses the node's `--smtp-from`.
    public var sender: String?

    public init(topic: String, body: String, sender: String? = nil) {
        self.topic = topic
        self.body = body
        self.sender = sender
    }

    /// The default mail asking a subscriber to confirm.
    public static let subscriptionDefault = ConfirmationEmailTemplate(
        topic: "Herald: please confirm your subscription to {0}",
        body: """
            Hello,

            This address was subscribed to the notifications of "{0}" (project {1}).

            To confirm the subscription and start receiving notifications, open this link:
            {2}

            If you did not ask for this, ignore this email: nothing is sent to this address \
            until the subscription is confirmed.
            """)

    /// The default mail telling a subscriber it was unsubscribed.
    public static let unsubscribeDefault = ConfirmationEmailTemplate(
        topic: "Herald: you are unsubscribed from {0}",
        body: """
            Hello,

            This address was unsubscribed from the notifications of "{0}" (project {1}); \
            no further notifications are sent to it.

            If this was a mistake, open this link within the next hour to subscribe again:
            {2}
            """)

    /// This template with the members of a JSON object (`topic`, `body`, `sender`, all strings)
    /// in place of its own; a missing member keeps its value.
    /// - Throws: ``ConfirmationTemplateError`` for anything but such an object, or an unusable sender.
    public func overriding(withJSON bytes: [UInt8]) throws(ConfirmationTemplateError) -> ConfirmationEmailTemplate {
        let document: JSONValue
        do throws(JSONParseError) {
            document = try JSONValue.parse(bytes)
        } catch {
            throw .invalidJSON("\(error)")
        }
        guard case .object(let members) = document else { throw .notAnObject }
        var template = self
        for (key, value) in members {
            guard case .string(let text) = value else { throw .notAString(key) }
            switch key {
            case "topic": template.topic = text
            case "body": template.body = text
            case "sender":
                do {
                    _ = try MailSender(parsing: text)
                } catch {
                    throw .unusableSender(text)
                }
                template.sender = text
            default: throw .unknownKey(key)
            }
        }
        return template
    }

    /// The subject and body for `queueName` of `project` with the confirmation `link`.
    public func render(queueName: String, project: String, link: String) -> (subject: String, body: String) {
        func fill(_ text: String) -> String {
            Self.replacingPlaceholders(in: text, with: [queueName, project, link])
        }
        return (fill(topic), fill(body))
    }

    /// `text` with every `{i}` replaced by `values[i]`, in one left-to-right pass (a value that
    /// itself holds `{1}` is not expanded again).
    static func replacingPlaceholders(in text: String, with values: [String]) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), after[..<close].allSatisfy({ ("0"..."9").contains($0) }),
               let index = Int(after[..<close]), values.indices.contains(index) {
                result += values[index]
                rest = after[after.index(after: close)...]
            } else {
                result += "{"
                rest = after
            }
        }
        return result + rest
    }
}

/// Why a confirmation email template file was refused.
public enum ConfirmationTemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidJSON(String)
    case notAnObject
    case notAString(String)
    case unknownKey(String)
    case unusableSender(String)

    public var description: String {
        switch self {
        case .invalidJSON(let reason): "the template is not valid JSON: \(reason)"
        case .notAnObject: "the template must be a JSON object with the string members topic, body and sender"
        case .notAString(let key): "the template member \"\(key)\" must be a string"
        case .unknownKey(let key): "unknown template member \"\(key)\" (expected topic, body or sender)"
        case .unusableSender(let sender): "the template sender \"\(sender)\" is not an email address"
        }
    }
}
