import Shared

/// The reserved queue metadata keys (spec §3.3): validation into `QueueSettings` and the
/// defaults shown on reads.
struct ReservedMetadata: Sendable {
    let limits: ServiceLimits

    static let defaultMessageTTL = "_default_message_ttl"
    static let maxMessagesPostSize = "_max_messages_post_size"
    static let defaultMessageDelay = "_default_message_delay"
    static let deadLetterQueue = "_dead_letter_queue"
    static let deadLetterQueueMessagesTTL = "_dead_letter_queue_messages_ttl"
    static let maxClaimCount = "_max_claim_count"
    static let enableEncryptMessages = "_enable_encrypt_messages"
    static let retryPolicy = "_retry_policy"

    /// The seven keys that are always shown, in display order.
    static let autoDefaultedKeys: [String] = [
        maxMessagesPostSize, defaultMessageTTL, defaultMessageDelay, deadLetterQueue,
        deadLetterQueueMessagesTTL, maxClaimCount, enableEncryptMessages,
    ]

    /// The value shown for an auto-defaulted key that is absent from the stored metadata.
    func defaultValue(for key: String) -> JSONValue {
        switch key {
        case Self.maxMessagesPostSize: return .int(Int64(limits.maxMessagesPostSize))
        case Self.defaultMessageTTL: return .int(Int64(limits.defaultMessageTTL))
        case Self.defaultMessageDelay: return .int(Int64(limits.defaultMessageDelay))
        case Self.enableEncryptMessages: return .bool(false)
        default: return .null
        }
    }

    /// The stored members followed by every auto-defaulted key of `kind` that is absent.
    func withDefaults(_ members: [(key: String, value: JSONValue)], kind: ResourceKind = .queue) -> JSONValue {
        var result = members
        for key in kind.defaultedKeys where !members.contains(where: { $0.key == key }) {
            result.append((key, defaultValue(for: key)))
        }
        return .object(result)
    }

    /// Strictly validates the reserved keys of a metadata object and types them.
    func settings(from members: [(key: String, value: JSONValue)]) throws(APIError) -> QueueSettings {
        var settings = QueueSettings()
        for (key, value) in members {
            switch key {
            case Self.defaultMessageTTL:
                settings.defaultMessageTTL = try integer(key, value, in: limits.minimumTTL...limits.maxMessageTTL)
            case Self.maxMessagesPostSize:
                settings.maxMessagesPostSize = try integer(key, value, in: 1...limits.maxMessagesPostSize)
            case Self.defaultMessageDelay:
                settings.defaultMessageDelay = try integer(key, value, in: 0...limits.maxMessageDelay)
            case Self.deadLetterQueue:
                switch value {
                case .null: settings.deadLetterQueue = nil
                case .string(let name): settings.deadLetterQueue = name
                default: throw .invalidAPIRequest("\(key) must be a string.")
                }
            case Self.deadLetterQueueMessagesTTL:
                if value != .null {
                    settings.deadLetterQueueMessagesTTL = try integer(
                        key, value, in: limits.minimumTTL...limits.maxMessageTTL)
                }
            case Self.maxClaimCount:
                if value != .null {
                    settings.maxClaimCount = try integer(key, value, in: 1...Int(Int32.max))
                }
            case Self.enableEncryptMessages:
                guard case .bool(let flag) = value else { throw .invalidAPIRequest("\(key) must be a boolean.") }
                settings.enableEncryptMessages = flag
            case Self.retryPolicy:
                try RetryPolicyValidation.validate(value)
            default:
                continue
            }
        }
        return settings
    }

    private func integer(_ key: String, _ value: JSONValue, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard case .int(let number) = value, number >= Int64(range.lowerBound), number <= Int64(range.upperBound) else {
            throw .invalidAPIRequest(
                "\(key) must be an integer between \(range.lowerBound) and \(range.upperBound).")
        }
        return Int(number)
    }
}
