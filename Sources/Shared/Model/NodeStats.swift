/// Node-wide counts of one storage node, as pool health reports them (spec §2.8).
public struct NodeStats: Sendable, Equatable {
    /// Unexpired message counts over every queue of the node.
    public struct MessageCounts: Sendable, Equatable {
        /// Unexpired messages not held by a live claim (delayed messages included).
        public var free: Int
        /// Unexpired messages held by a live claim.
        public var claimed: Int
        /// `free + claimed`.
        public var total: Int { free + claimed }

        public init(free: Int, claimed: Int) {
            self.free = free
            self.claimed = claimed
        }
    }

    /// The number of queues the node holds.
    public var queues: Int
    /// The node's unexpired messages.
    public var messages: MessageCounts

    public init(queues: Int, messages: MessageCounts) {
        self.queues = queues
        self.messages = messages
    }

    /// A node without queues or messages.
    public static let empty = NodeStats(queues: 0, messages: MessageCounts(free: 0, claimed: 0))
}
