/// Limits and defaults of the Zaqar `[transport]` options (spec §3.1), shared by router and storage node.
public struct ServiceLimits: Sendable, Equatable {
    public var defaultMessageTTL = 3600
    public var defaultMessageDelay = 0
    public var defaultClaimTTL = 300
    public var defaultClaimGrace = 60
    public var maxQueuesPerPage = 20
    public var maxMessagesPerPage = 20
    public var maxMessagesPerClaimOrPop = 20
    public var maxQueueMetadata = 65_536
    public var maxMessagesPostSize = 262_144
    public var maxMessageTTL = 1_209_600
    public var maxMessageDelay = 900
    public var maxClaimTTL = 43_200
    public var maxClaimGrace = 43_200
    /// Hard minimum of message ttl, claim ttl and claim grace.
    public var minimumTTL = 60

    public init() {}

    /// The defaults the reference ships with.
    public static let standard = ServiceLimits()
}
