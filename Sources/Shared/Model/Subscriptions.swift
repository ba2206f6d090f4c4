/// A subscription of a queue or topic as a storage node returns it (spec §2.4).
public struct Subscription: Sendable, Equatable {
    /// Opaque id, sortable by creation (the listing marker).
    public var id: String
    /// The queue or topic name the subscription listens to.
    public var source: String
    /// `http(s)://…` webhook or `mailto:…` address.
    public var subscriber: String
    /// Seconds to live, counted from creation or from the last update that set a ttl.
    public var ttl: Int
    /// Whole seconds since creation.
    public var age: Int
    /// The options object as compact JSON bytes (`post_data`, `post_headers`, `_retry_policy`, …).
    public var options: [UInt8]
    /// Whether the subscriber confirmed (spec §5.5); starts `false`.
    public var confirmed: Bool

    public init(
        id: String, source: String, subscriber: String, ttl: Int, age: Int, options: [UInt8], confirmed: Bool
    ) {
        self.id = id
        self.source = source
        self.subscriber = subscriber
        self.ttl = ttl
        self.age = age
        self.options = options
        self.confirmed = confirmed
    }
}

/// A subscription a client creates, validated by the router.
public struct NewSubscription: Sendable, Equatable {
    public var subscriber: String
    public var ttl: Int
    /// Compact JSON object bytes.
    public var options: [UInt8]

    public init(subscriber: String, ttl: Int, options: [UInt8]) {
        self.subscriber = subscriber
        self.ttl = ttl
        self.options = options
    }
}

/// The fields a PATCH changes; `nil` leaves a field as it is. A new ttl restarts expiry from now;
/// options are replaced wholesale.
public struct SubscriptionUpdate: Sendable, Equatable {
    public var subscriber: String?
    public var ttl: Int?
    public var options: [UInt8]?

    public init(subscriber: String? = nil, ttl: Int? = nil, options: [UInt8]? = nil) {
        self.subscriber = subscriber
        self.ttl = ttl
        self.options = options
    }
}

/// The outcome of creating a subscription: an unconfirmed duplicate answers with the existing id.
public struct SubscriptionCreation: Sendable, Equatable {
    public var id: String
    /// `false` when an existing unconfirmed subscription of the same subscriber was returned.
    public var created: Bool

    public init(id: String, created: Bool) {
        self.id = id
        self.created = created
    }
}
