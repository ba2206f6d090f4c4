extension RemoteQueueStore {
    public func ping() async throws {
        try expectDone(try await call(.ping), for: .ping)
    }

    public func nodeStats() async throws -> NodeStats {
        guard case let .nodeStats(stats) = try await call(.nodeStats) else { throw unexpected(.nodeStats) }
        return stats
    }

    public func createQueue(_ queue: QueueRef, metadata: QueueMetadata) async throws -> Bool {
        let request = NodeRequest.createQueue(queue, metadata: metadata)
        guard case let .created(created) = try await call(request) else { throw unexpected(request) }
        return created
    }

    public func queueMetadata(_ queue: QueueRef) async throws -> QueueMetadata? {
        let request = NodeRequest.queueMetadata(queue)
        guard case let .metadata(metadata) = try await call(request) else { throw unexpected(request) }
        return metadata
    }

    public func setQueueMetadata(_ queue: QueueRef, metadata: QueueMetadata) async throws {
        let request = NodeRequest.setQueueMetadata(queue, metadata: metadata)
        try expectDone(try await call(request), for: request)
    }

    public func deleteQueue(_ queue: QueueRef) async throws {
        let request = NodeRequest.deleteQueue(queue)
        try expectDone(try await call(request), for: request)
    }

    public func stats(_ queue: QueueRef) async throws -> QueueStats {
        let request = NodeRequest.stats(queue)
        guard case let .stats(stats) = try await call(request) else { throw unexpected(request) }
        return stats
    }

    public func purge(_ queue: QueueRef, messages: Bool, subscriptions: Bool) async throws {
        let request = NodeRequest.purge(queue, messages: messages, subscriptions: subscriptions)
        try expectDone(try await call(request), for: request)
    }

    public func postMessages(_ queue: QueueRef, clientID: String, messages: [NewMessage], requestSize: Int) async throws -> [String] {
        let request = NodeRequest.postMessages(queue, clientID: clientID, messages: messages, requestSize: requestSize)
        guard case let .messageIDs(ids) = try await call(request) else { throw unexpected(request) }
        return ids
    }

    public func listMessages(_ queue: QueueRef, query: MessageListQuery) async throws -> MessagePage {
        let request = NodeRequest.listMessages(queue, query: query)
        guard case let .page(page) = try await call(request) else { throw unexpected(request) }
        return page
    }

    public func getMessages(_ queue: QueueRef, ids: [String]) async throws -> [StoredMessage] {
        let request = NodeRequest.getMessages(queue, ids: ids)
        guard case let .messages(messages) = try await call(request) else { throw unexpected(request) }
        return messages
    }

    public func deleteMessage(_ queue: QueueRef, id: String, claimID: String?) async throws {
        let request = NodeRequest.deleteMessage(queue, id: id, claimID: claimID)
        try expectDone(try await call(request), for: request)
    }

    public func deleteMessages(_ queue: QueueRef, ids: [String], claimIDs: [String]?) async throws {
        let request = NodeRequest.deleteMessages(queue, ids: ids, claimIDs: claimIDs)
        try expectDone(try await call(request), for: request)
    }

    public func popMessages(_ queue: QueueRef, limit: Int) async throws -> [StoredMessage] {
        let request = NodeRequest.popMessages(queue, limit: limit)
        guard case let .messages(messages) = try await call(request) else { throw unexpected(request) }
        return messages
    }

    public func awaitMessages(_ queue: QueueRef, timeout: Duration) async -> Bool {
        let request = NodeRequest.awaitMessages(queue, timeoutMillis: Int(timeout.wholeMilliseconds))
        // The node answers within `timeout`; the usual deadline covers the way there and back.
        guard case let .created(arrived)? = try? await call(request, extraTime: timeout) else { return false }
        return arrived
    }

    public func createClaim(_ queue: QueueRef, ttl: Int, grace: Int, limit: Int) async throws -> ClaimResult? {
        let request = NodeRequest.createClaim(queue, ttl: ttl, grace: grace, limit: limit)
        guard case let .claim(claim) = try await call(request) else { throw unexpected(request) }
        return claim
    }

    public func getClaim(_ queue: QueueRef, id: String) async throws -> ClaimInfo? {
        let request = NodeRequest.getClaim(queue, id: id)
        guard case let .claimInfo(info) = try await call(request) else { throw unexpected(request) }
        return info
    }

    public func updateClaim(_ queue: QueueRef, id: String, ttl: Int, grace: Int) async throws {
        let request = NodeRequest.updateClaim(queue, id: id, ttl: ttl, grace: grace)
        try expectDone(try await call(request), for: request)
    }

    public func deleteClaim(_ queue: QueueRef, id: String) async throws {
        let request = NodeRequest.deleteClaim(queue, id: id)
        try expectDone(try await call(request), for: request)
    }

    public func createSubscription(_ queue: QueueRef, _ subscription: NewSubscription) async throws -> SubscriptionCreation {
        let request = NodeRequest.createSubscription(queue, subscription: subscription)
        guard case let .subscriptionCreation(creation) = try await call(request) else { throw unexpected(request) }
        return creation
    }

    public func listSubscriptions(_ queue: QueueRef, marker: String?, limit: Int) async throws -> [Subscription] {
        let request = NodeRequest.listSubscriptions(queue, marker: marker, limit: limit)
        guard case let .subscriptions(subscriptions) = try await call(request) else { throw unexpected(request) }
        return subscriptions
    }

    public func getSubscription(_ queue: QueueRef, id: String) async throws -> Subscription? {
        let request = NodeRequest.getSubscription(queue, id: id)
        guard case let .subscription(subscription) = try await call(request) else { throw unexpected(request) }
        return subscription
    }

    public func updateSubscription(_ queue: QueueRef, id: String, _ update: SubscriptionUpdate) async throws {
        let request = NodeRequest.updateSubscription(queue, id: id, update: update)
        try expectDone(try await call(request), for: request)
    }

    public func confirmSubscription(_ queue: QueueRef, id: String, confirmed: Bool) async throws {
        let request = NodeRequest.confirmSubscription(queue, id: id, confirmed: confirmed)
        try expectDone(try await call(request), for: request)
    }

    public func deleteSubscription(_ queue: QueueRef, id: String) async throws {
        let request = NodeRequest.deleteSubscription(queue, id: id)
        try expectDone(try await call(request), for: request)
    }

    private func expectDone(_ response: NodeResponse, for request: NodeRequest) throws(StorageError) {
        guard case .done = response else { throw unexpected(request) }
    }

    private func unexpected(_ request: NodeRequest) -> StorageError {
        .protocolViolation("unexpected response shape to \(request.opcode)")
    }

    public func changeFence(_ queue: QueueRef, _ change: QueueFenceChange) async throws {
        let request = NodeRequest.changeFence(queue, change: change)
        try expectDone(try await call(request), for: request)
    }

    public func exportQueue(_ queue: QueueRef, after: Int64, maxBytes: Int, withState: Bool) async throws -> QueueTransferBatch {
        let request = NodeRequest.exportQueue(queue, after: after, maxBytes: maxBytes, withState: withState)
        guard case let .transfer(batch) = try await call(request) else { throw unexpected(request) }
        return batch
    }

    public func exportMessageStates(_ queue: QueueRef, after: Int64, upTo: Int64, maxRows: Int) async throws -> QueueTransferBatch {
        let request = NodeRequest.exportMessageStates(queue, after: after, upTo: upTo, maxRows: maxRows)
        guard case let .transfer(batch) = try await call(request) else { throw unexpected(request) }
        return batch
    }

    public func importQueue(_ queue: QueueRef, _ batch: QueueTransferBatch, first: Bool, last: Bool) async throws {
        let request = NodeRequest.importQueue(queue, batch: batch, first: first, last: last)
        try expectDone(try await call(request), for: request)
    }
}
