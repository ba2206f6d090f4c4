/// One call of the ``QueueStore`` API as it travels to a storage node: one case per method,
/// carrying that method's arguments.
public enum NodeRequest: Sendable, Equatable {
    case ping
    case createQueue(QueueRef, metadata: QueueMetadata)
    case queueMetadata(QueueRef)
    case setQueueMetadata(QueueRef, metadata: QueueMetadata)
    case deleteQueue(QueueRef)
    case stats(QueueRef)
    case purge(QueueRef, messages: Bool, subscriptions: Bool)
    case postMessages(QueueRef, clientID: String, messages: [NewMessage], requestSize: Int)
    case listMessages(QueueRef, query: MessageListQuery)
    case getMessages(QueueRef, ids: [String])
    case deleteMessage(QueueRef, id: String, claimID: String?)
    case deleteMessages(QueueRef, ids: [String], claimIDs: [String]?)
    case popMessages(QueueRef, limit: Int)
    case createClaim(QueueRef, ttl: Int, grace: Int, limit: Int)
    case getClaim(QueueRef, id: String)
    case updateClaim(QueueRef, id: String, ttl: Int, grace: Int)
    case deleteClaim(QueueRef, id: String)
    case nodeStats
    case createSubscription(QueueRef, subscription: NewSubscription)
    case listSubscriptions(QueueRef, marker: String?, limit: Int)
    case getSubscription(QueueRef, id: String)
    case updateSubscription(QueueRef, id: String, update: SubscriptionUpdate)
    case confirmSubscription(QueueRef, id: String, confirmed: Bool)
    case deleteSubscription(QueueRef, id: String)
    case awaitMessages(QueueRef, timeoutMillis: Int)
    case changeFence(QueueRef, change: QueueFenceChange)
    case exportQueue(QueueRef, after: Int64, maxBytes: Int, withState: Bool)
    case importQueue(QueueRef, batch: QueueTransferBatch, first: Bool, last: Bool)
    case exportMessageStates(QueueRef, after: Int64, upTo: Int64, maxRows: Int)

    /// The opcode byte of each request in the frame header.
    public enum Opcode: UInt8, Sendable, CaseIterable {
        case ping = 1
        case createQueue
        case queueMetadata
        case setQueueMetadata
        case deleteQueue
        case stats
        case purge
        case postMessages
        case listMessages
        case getMessages
        case deleteMessage
        case deleteMessages
        case popMessages
        case createClaim
        case getClaim
        case updateClaim
        case deleteClaim
        case nodeStats
        case createSubscription
        case listSubscriptions
        case getSubscription
        case updateSubscription
        case confirmSubscription
        case deleteSubscription
        case awaitMessages
        case changeFence
        case exportQueue
        case importQueue
        case exportMessageStates
    }

    /// This request's opcode.
    public var opcode: Opcode {
        switch self {
        case .ping: return .ping
        case .createQueue: return .createQueue
        case .queueMetadata: return .queueMetadata
        case .setQueueMetadata: return .setQueueMetadata
        case .deleteQueue: return .deleteQueue
        case .stats: return .stats
        case .purge: return .purge
        case .postMessages: return .postMessages
        case .listMessages: return .listMessages
        case .getMessages: return .getMessages
        case .deleteMessage: return .deleteMessage
        case .deleteMessages: return .deleteMessages
        case .popMessages: return .popMessages
        case .createClaim: return .createClaim
        case .getClaim: return .getClaim
        case .updateClaim: return .updateClaim
        case .deleteClaim: return .deleteClaim
        case .nodeStats: return .nodeStats
        case .createSubscription: return .createSubscription
        case .listSubscriptions: return .listSubscriptions
        case .getSubscription: return .getSubscription
        case .updateSubscription: return .updateSubscription
        case .confirmSubscription: return .confirmSubscription
        case .deleteSubscription: return .deleteSubscription
        case .awaitMessages: return .awaitMessages
        case .changeFence: return .changeFence
        case .exportQueue: return .exportQueue
        case .importQueue: return .importQueue
        case .exportMessageStates: return .exportMessageStates
        }
    }

    /// The queue whose fence this request must pass on the node: every queue operation except
    /// waiting (which holds nothing) and the moving operations themselves.
    public var fencedQueue: QueueRef? {
        switch self {
        case .ping, .nodeStats, .awaitMessages, .changeFence, .exportQueue, .importQueue, .exportMessageStates:
            return nil
        case let .createQueue(queue, _), let .queueMetadata(queue), let .setQueueMetadata(queue, _),
            let .deleteQueue(queue), let .stats(queue), let .purge(queue, _, _), let .postMessages(queue, _, _, _),
            let .listMessages(queue, _), let .getMessages(queue, _), let .deleteMessage(queue, _, _),
            let .deleteMessages(queue, _, _), let .popMessages(queue, _), let .createClaim(queue, _, _, _),
            let .getClaim(queue, _), let .updateClaim(queue, _, _, _), let .deleteClaim(queue, _),
            let .createSubscription(queue, _), let .listSubscriptions(queue, _, _), let .getSubscription(queue, _),
            let .updateSubscription(queue, _, _), let .confirmSubscription(queue, _, _), let .deleteSubscription(queue, _):
            return queue
        }
    }
}
