/// One message a client posts, already validated by the router.
public struct NewMessage: Sendable, Equatable {
    /// The message body as compact JSON bytes (any JSON value, `null` included).
    public var body: [UInt8]
    /// Seconds to live; `nil` takes the queue's `_default_message_ttl`, else the service default.
    public var ttl: Int?
    /// Seconds before the message becomes visible; honoured only on queues with a non-zero
    /// `_default_message_delay` (spec §2.2), which also supplies the value when this is `nil`.
    public var delay: Int?
    /// `"MD5:<hex>"` when checksums are enabled, else `nil`.
    public var checksum: String?

    public init(body: [UInt8], ttl: Int? = nil, delay: Int? = nil, checksum: String? = nil) {
        self.body = body
        self.ttl = ttl
        self.delay = delay
        self.checksum = checksum
    }
}

/// A message as a storage node returns it.
public struct StoredMessage: Sendable, Equatable {
    /// Opaque, URL-safe message id.
    public var id: String
    /// Per-queue monotonically increasing posting sequence; the paging marker.
    public var sequence: Int64
    /// The body as compact JSON bytes.
    public var body: [UInt8]
    /// Current ttl in seconds (a claim may have extended it, spec §3.6).
    public var ttl: Int
    /// Whole seconds since the message was posted, by the node's clock.
    public var age: Int
    /// Posting time, milliseconds since 1970 (node clock).
    public var createdMillis: Int64
    /// The id of the live claim holding the message, if any.
    public var claimID: String?
    /// How many times the message was claimed while dead-lettering was configured.
    public var claimCount: Int
    /// `"MD5:<hex>"` if stored with a checksum.
    public var checksum: String?

    public init(
        id: String, sequence: Int64, body: [UInt8], ttl: Int, age: Int, createdMillis: Int64,
        claimID: String?, claimCount: Int, checksum: String?
    ) {
        self.id = id
        self.sequence = sequence
        self.body = body
        self.ttl = ttl
        self.age = age
        self.createdMillis = createdMillis
        self.claimID = claimID
        self.claimCount = claimCount
        self.checksum = checksum
    }
}

/// Which messages a plain listing returns (spec §3.5).
public struct MessageListQuery: Sendable, Equatable {
    /// Return messages with a sequence strictly greater than this.
    public var marker: Int64?
    public var limit: Int
    /// The caller's `Client-ID`; its own messages are hidden unless `echo`.
    public var clientID: String
    public var echo: Bool
    public var includeClaimed: Bool
    /// As asked by the client; the node forces it on for queues without a default delay.
    public var includeDelayed: Bool

    public init(marker: Int64?, limit: Int, clientID: String, echo: Bool, includeClaimed: Bool, includeDelayed: Bool) {
        self.marker = marker
        self.limit = limit
        self.clientID = clientID
        self.echo = echo
        self.includeClaimed = includeClaimed
        self.includeDelayed = includeDelayed
    }
}

/// One page of a message listing.
public struct MessagePage: Sendable, Equatable {
    public var messages: [StoredMessage]
    /// The `include_delayed` value actually applied (forced to true on queues without a default delay).
    public var includeDelayed: Bool

    public init(messages: [StoredMessage], includeDelayed: Bool) {
        self.messages = messages
        self.includeDelayed = includeDelayed
    }
}
