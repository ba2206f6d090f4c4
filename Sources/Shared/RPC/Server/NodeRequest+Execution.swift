extension NodeRequest {
    /// Runs this request against `store` and packs the outcome, errors included, into a response.
    /// Errors that are not ``StorageError`` become `.unavailable`.
    /// A queue behind a fence (moving to another pool) refuses the request before it runs.
    public func execute(on store: any QueueStore) async -> NodeResponse {
        do {
            guard let queue = fencedQueue else { return try await run(on: store) }
            try store.enter(queue)
            defer { store.leave(queue) }
            return try await run(on: store)
        } catch let error as StorageError {
            return .failure(error)
        } catch {
            return .failure(.unavailable("store failure: \(error)"))
        }
    }

    private func run(on store: any QueueStore) async throws -> NodeResponse {
        switch self {
        case .ping:
            try await store.ping()
            return .done
        case let .createQueue(queue, metadata):
            return .created(try await store.createQueue(queue, metadata: metadata))
        case let .queueMetadata(queue):
            return .metadata(try await store.queueMetadata(queue))
        case let .setQueueMetadata(queue, metadata):
            try await store.setQueueMetadata(queue, metadata: metadata)
            return .done
        case let .deleteQueue(queue):
            try await store.deleteQueue(queue)
            return .done
        case let .stats(queue):
            return .stats(try await store.stats(queue))
        case let .purge(queue, messages, subscriptions):
            try await store.purge(queue, messages: messages, subscriptions: subscriptions)
            return .done
        case let .postMessages(queue, clientID, messages, requestSize):
            return .messageIDs(try await store.postMessages(queue, clientID: clientID, messages: messages, requestSize: requestSize))
        case let .listMessages(queue, query):
            return .page(try await store.listMessages(queue, query: query))
        case let .getMessages(queue, ids):
            return .messages(try await store.getMessages(queue, ids: ids))
        case let .deleteMessage(queue, id, claimID):
            try await store.deleteMessage(queue, id: id, claimID: claimID)
            return .done
        case let .deleteMessages(queue, ids, claimIDs):
            try await store.deleteMessages(queue, ids: ids, claimIDs: claimIDs)
            return .done
        case let .popMessages(queue, limit):
            return .messages(try await store.popMessages(queue, limit: limit))
        case let .awaitMessages(queue, timeoutMillis):
            let arrived = await store.awaitMessages(queue, timeout: .milliseconds(max(0, min(timeoutMillis, 60_000))))
            return .created(arrived)
        case let .createClaim(queue, ttl, grace, limit):
            return .claim(try await store.createClaim(queue, ttl: ttl, grace: grace, limit: limit))
        case let .getClaim(queue, id):
            return .claimInfo(try await store.getClaim(queue, id: id))
        case let .updateClaim(queue, id, ttl, grace):
            try await store.updateClaim(queue, id: id, ttl: ttl, grace: grace)
            return .done
        case let .deleteClaim(queue, id):
            try await store.deleteClaim(queue, id: id)
            return .done
        case .nodeStats:
            return .nodeStats(try await store.nodeStats())
        case let .createSubscription(queue, subscription):
            return .subscriptionCreation(try await store.createSubscription(queue, subscription))
        case let .listSubscriptions(queue, marker, limit):
            return .subscriptions(try await store.listSubscriptions(queue, marker: marker, limit: limit))
        case let .getSubscription(queue, id):
            return .subscription(try await store.getSubscription(queue, id: id))
        case let .updateSubscription(queue, id, update):
            try await store.updateSubscription(queue, id: id, update)
            return .done
        case let .confirmSubscription(queue, id, confirmed):
            try await store.confirmSubscription(queue, id: id, confirmed: confirmed)
            return .done
        case let .deleteSubscription(queue, id):
            try await store.deleteSubscription(queue, id: id)
            return .done
        case let .changeFence(queue, change):
            try await store.changeFence(queue, change)
            return .done
        case let .exportQueue(queue, after, maxBytes, withState):
            return .transfer(try await store.exportQueue(queue, after: after, maxBytes: maxBytes, withState: withState))
        case let .importQueue(queue, batch, first, last):
            try await store.importQueue(queue, batch, first: first, last: last)
            return .done
        case let .exportMessageStates(queue, after, upTo, maxRows):
            return .transfer(try await store.exportMessageStates(queue, after: after, upTo: upTo, maxRows: maxRows))
        }
    }
}
