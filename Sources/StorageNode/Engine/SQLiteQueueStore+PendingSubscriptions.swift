import Shared

// TEMPORARY stand-ins until the storage node implements subscriptions (issue 4).
extension SQLiteQueueStore {
    public func createSubscription(_ queue: QueueRef, _ subscription: NewSubscription) async throws -> SubscriptionCreation {
        throw StorageError.unavailable("subscriptions are not implemented yet")
    }

    public func listSubscriptions(_ queue: QueueRef, marker: String?, limit: Int) async throws -> [Subscription] { [] }

    public func getSubscription(_ queue: QueueRef, id: String) async throws -> Subscription? { nil }

    public func updateSubscription(_ queue: QueueRef, id: String, _ update: SubscriptionUpdate) async throws {
        throw StorageError.subscriptionNotFound
    }

    public func confirmSubscription(_ queue: QueueRef, id: String, confirmed: Bool) async throws {
        throw StorageError.subscriptionNotFound
    }

    public func deleteSubscription(_ queue: QueueRef, id: String) async throws {}
}
