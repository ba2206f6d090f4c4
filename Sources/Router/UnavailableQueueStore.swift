import Shared

/// The store of a pool whose uri names no reachable node: every call fails with
/// `StorageError.unavailable`, so only that pool's queues answer 503.
struct UnavailableQueueStore: QueueStore {
    /// Why the pool cannot be reached.
    let reason: String

    private var failure: StorageError { .unavailable(reason) }

    func ping() async throws { throw failure }
    func nodeStats() async throws -> NodeStats { throw failure }
    func createQueue(_ queue: QueueRef, metadata: QueueMetadata) async throws -> Bool { throw failure }
    func queueMetadata(_ queue: QueueRef) async throws -> QueueMetadata? { throw failure }
    func setQueueMetadata(_ queue: QueueRef, metadata: QueueMetadata) async throws { throw failure }
    func deleteQueue(_ queue: QueueRef) async throws { throw failure }
    func stats(_ queue: QueueRef) async throws -> QueueStats { throw failure }
    func purge(_ queue: QueueRef, messages: Bool, subscriptions: Bool) async throws { throw failure }
    func postMessages(_ queue: QueueRef, clientID: String, messages: [NewMessage], requestSize: Int) async throws -> [String] {
        throw failure
    }
    func listMessages(_ queue: QueueRef, query: MessageListQuery) async throws -> MessagePage { throw failure }
    func awaitMessages(_ queue: QueueRef, timeout: Duration) async -> Bool { false }
    func getMessages(_ queue: QueueRef, ids: [String]) async throws -> [StoredMessage] { throw failure }
    func deleteMessage(_ queue: QueueRef, id: String, claimID: String?) async throws { throw failure }
    func deleteMessages(_ queue: QueueRef, ids: [String], claimIDs: [String]?) async throws { throw failure }
    func popMessages(_ queue: QueueRef, limit: Int) async throws -> [StoredMessage] { throw failure }
    func createClaim(_ queue: QueueRef, ttl: Int, grace: Int, limit: Int) async throws -> ClaimResult? { throw failure }
    func getClaim(_ queue: QueueRef, id: String) async throws -> ClaimInfo? { throw failure }
    func updateClaim(_ queue: QueueRef, id: String, ttl: Int, grace: Int) async throws { throw failure }
    func deleteClaim(_ queue: QueueRef, id: String) async throws { throw failure }
    func createSubscription(_ queue: QueueRef, _ subscription: NewSubscription) async throws -> SubscriptionCreation {
        throw failure
    }
    func listSubscriptions(_ queue: QueueRef, marker: String?, limit: Int) async throws -> [Subscription] { throw failure }
    func getSubscription(_ queue: QueueRef, id: String) async throws -> Subscription? { throw failure }
    func updateSubscription(_ queue: QueueRef, id: String, _ update: SubscriptionUpdate) async throws { throw failure }
    func confirmSubscription(_ queue: QueueRef, id: String, confirmed: Bool) async throws { throw failure }
    func deleteSubscription(_ queue: QueueRef, id: String) async throws { throw failure }
    func changeFence(_ queue: QueueRef, _ change: QueueFenceChange) async throws { throw failure }
    func exportQueue(_ queue: QueueRef, after: Int64, maxBytes: Int, withState: Bool) async throws -> QueueTransferBatch {
        throw failure
    }
    func exportMessageStates(_ queue: QueueRef, after: Int64, upTo: Int64, maxRows: Int) async throws -> QueueTransferBatch {
        throw failure
    }
    func importQueue(_ queue: QueueRef, _ batch: QueueTransferBatch, first: Bool, last: Bool) async throws { throw failure }
}
