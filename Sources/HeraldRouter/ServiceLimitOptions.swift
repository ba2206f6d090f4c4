import ArgumentParser
import Shared

/// The Zaqar `[transport]` limits and defaults (spec §3.1) as options; each help names the Zaqar
/// option it stands for, and the defaults are the reference's.
struct ServiceLimitOptions: ParsableArguments {
    private static let standard = ServiceLimits.standard

    @Option(help: "Message ttl in seconds when a post gives none and the queue sets no _default_message_ttl (default_message_ttl).")
    var defaultMessageTTL = standard.defaultMessageTTL

    @Option(help: "Longest message ttl in seconds (max_message_ttl).")
    var maxMessageTTL = standard.maxMessageTTL

    @Option(help: "Longest message delay in seconds (max_message_delay).")
    var maxMessageDelay = standard.maxMessageDelay

    @Option(help: "Claim ttl in seconds when a claim gives none (default_claim_ttl).")
    var defaultClaimTTL = standard.defaultClaimTTL

    @Option(help: "Claim grace in seconds when a claim gives none (default_claim_grace).")
    var defaultClaimGrace = standard.defaultClaimGrace

    @Option(help: "Longest claim ttl in seconds (max_claim_ttl).")
    var maxClaimTTL = standard.maxClaimTTL

    @Option(help: "Longest claim grace in seconds (max_claim_grace).")
    var maxClaimGrace = standard.maxClaimGrace

    @Option(help: "Largest limit of a queue listing (max_queues_per_page).")
    var maxQueuesPerPage = standard.maxQueuesPerPage

    @Option(help: "Largest limit of a message listing, and most ids a get or delete by ids may name (max_messages_per_page).")
    var maxMessagesPerPage = standard.maxMessagesPerPage

    @Option(help: "Most messages one claim or pop may take (max_messages_per_claim_or_pop).")
    var maxMessagesPerClaimOrPop = standard.maxMessagesPerClaimOrPop

    @Option(help: "Largest queue metadata document in bytes (max_queue_metadata).")
    var maxQueueMetadata = standard.maxQueueMetadata

    @Option(help: "Largest message post body in bytes (max_messages_post_size); a queue may lower it with _max_messages_post_size.")
    var maxMessagesPostSize = standard.maxMessagesPostSize

    @Option(help: "Subscription ttl in seconds when a subscription gives none (default_subscription_ttl).")
    var defaultSubscriptionTTL = 3600

    @Option(help: "Largest limit of a subscription listing (max_subscriptions_per_page).")
    var maxSubscriptionsPerPage = 20

    /// The limits these options describe.
    var serviceLimits: ServiceLimits {
        var limits = ServiceLimits()
        limits.defaultMessageTTL = defaultMessageTTL
        limits.maxMessageTTL = maxMessageTTL
        limits.maxMessageDelay = maxMessageDelay
        limits.defaultClaimTTL = defaultClaimTTL
        limits.defaultClaimGrace = defaultClaimGrace
        limits.maxClaimTTL = maxClaimTTL
        limits.maxClaimGrace = maxClaimGrace
        limits.maxQueuesPerPage = maxQueuesPerPage
        limits.maxMessagesPerPage = maxMessagesPerPage
        limits.maxMessagesPerClaimOrPop = maxMessagesPerClaimOrPop
        limits.maxQueueMetadata = maxQueueMetadata
        limits.maxMessagesPostSize = maxMessagesPostSize
        return limits
    }

    func validate() throws {
        let minimum = Self.standard.minimumTTL
        let day = 86_400, year = 365 * day
        try Self.check(maxMessageTTL, "--max-message-ttl", minimum...year)
        try Self.check(defaultMessageTTL, "--default-message-ttl", minimum...maxMessageTTL, upper: "--max-message-ttl")
        try Self.check(maxMessageDelay, "--max-message-delay", 0...year)
        try Self.check(maxClaimTTL, "--max-claim-ttl", minimum...year)
        try Self.check(maxClaimGrace, "--max-claim-grace", minimum...year)
        try Self.check(defaultClaimTTL, "--default-claim-ttl", minimum...maxClaimTTL, upper: "--max-claim-ttl")
        try Self.check(defaultClaimGrace, "--default-claim-grace", 0...maxClaimGrace, upper: "--max-claim-grace")
        for (value, name) in [
            (maxQueuesPerPage, "--max-queues-per-page"), (maxMessagesPerPage, "--max-messages-per-page"),
            (maxMessagesPerClaimOrPop, "--max-messages-per-claim-or-pop"),
            (maxSubscriptionsPerPage, "--max-subscriptions-per-page"),
        ] {
            try Self.check(value, name, 1...1_000)
        }
        try Self.check(maxQueueMetadata, "--max-queue-metadata", 64...(16 << 20))
        try Self.check(maxMessagesPostSize, "--max-messages-post-size", 64...(64 << 20))
        try Self.check(defaultSubscriptionTTL, "--default-subscription-ttl", minimum...(100 * year))
    }

    private static func check(_ value: Int, _ name: String, _ range: ClosedRange<Int>, upper: String? = nil) throws {
        guard !range.contains(value) else { return }
        let bound = upper.map { "\(range.upperBound) (\($0))" } ?? "\(range.upperBound)"
        throw ValidationError("\(name) must be within \(range.lowerBound)...\(bound), not \(value)")
    }
}
