/// A newly created claim and the messages it took.
public struct ClaimResult: Sendable, Equatable {
    public var claimID: String
    /// Oldest first; never empty (an empty claim is reported as `nil` instead).
    public var messages: [StoredMessage]

    public init(claimID: String, messages: [StoredMessage]) {
        self.claimID = claimID
        self.messages = messages
    }
}

/// A live claim as `GET .../claims/{id}` shows it.
public struct ClaimInfo: Sendable, Equatable {
    public var id: String
    /// The claim's current ttl in seconds.
    public var ttl: Int
    /// Seconds since the claim was created or last updated.
    public var age: Int
    /// The messages the claim still holds, oldest first.
    public var messages: [StoredMessage]

    public init(id: String, ttl: Int, age: Int, messages: [StoredMessage]) {
        self.id = id
        self.ttl = ttl
        self.age = age
        self.messages = messages
    }
}

/// Queue statistics (spec §2.1 stats).
public struct QueueStats: Sendable, Equatable {
    /// The oldest or newest message of a queue.
    public struct Endpoint: Sendable, Equatable {
        public var id: String
        public var age: Int
        public var createdMillis: Int64

        public init(id: String, age: Int, createdMillis: Int64) {
            self.id = id
            self.age = age
            self.createdMillis = createdMillis
        }
    }

    public var free: Int
    public var claimed: Int
    public var total: Int { free + claimed }
    public var oldest: Endpoint?
    public var newest: Endpoint?

    public init(free: Int, claimed: Int, oldest: Endpoint?, newest: Endpoint?) {
        self.free = free
        self.claimed = claimed
        self.oldest = oldest
        self.newest = newest
    }

    public static let empty = QueueStats(free: 0, claimed: 0, oldest: nil, newest: nil)
}
