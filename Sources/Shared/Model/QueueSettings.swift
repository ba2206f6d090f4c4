/// The reserved (`_`-prefixed) queue metadata keys that change server behaviour (spec §3.3),
/// already validated and typed by the router. `nil` means "not set: use the service default".
public struct QueueSettings: Sendable, Equatable {
    public var defaultMessageTTL: Int?
    public var maxMessagesPostSize: Int?
    public var defaultMessageDelay: Int?
    public var deadLetterQueue: String?
    public var deadLetterQueueMessagesTTL: Int?
    public var maxClaimCount: Int?
    public var enableEncryptMessages: Bool?

    public init(
        defaultMessageTTL: Int? = nil, maxMessagesPostSize: Int? = nil, defaultMessageDelay: Int? = nil,
        deadLetterQueue: String? = nil, deadLetterQueueMessagesTTL: Int? = nil, maxClaimCount: Int? = nil,
        enableEncryptMessages: Bool? = nil
    ) {
        self.defaultMessageTTL = defaultMessageTTL
        self.maxMessagesPostSize = maxMessagesPostSize
        self.defaultMessageDelay = defaultMessageDelay
        self.deadLetterQueue = deadLetterQueue
        self.deadLetterQueueMessagesTTL = deadLetterQueueMessagesTTL
        self.maxClaimCount = maxClaimCount
        self.enableEncryptMessages = enableEncryptMessages
    }

    /// True when both `_max_claim_count` and `_dead_letter_queue` are set (spec §3.9).
    public var deadLetteringEnabled: Bool { maxClaimCount != nil && deadLetterQueue != nil }
}

/// A queue's metadata as stored: the client's JSON object verbatim plus its typed reserved settings.
public struct QueueMetadata: Sendable, Equatable {
    /// The metadata JSON object exactly as the router serialised it (UTF-8, compact).
    public var json: [UInt8]
    /// The reserved keys, parsed from `json`.
    public var settings: QueueSettings

    public init(json: [UInt8], settings: QueueSettings) {
        self.json = json
        self.settings = settings
    }

    /// An empty metadata object `{}`.
    public static let empty = QueueMetadata(json: Array("{}".utf8), settings: QueueSettings())
}
