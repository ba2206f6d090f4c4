/// The answer of a storage node to a ``NodeRequest``: one case per result shape of the
/// ``QueueStore`` API, or the typed error the call threw.
public enum NodeResponse: Sendable, Equatable {
    /// The call returned nothing.
    case done
    /// `createQueue`: whether the queue was created.
    case created(Bool)
    /// `queueMetadata`.
    case metadata(QueueMetadata?)
    /// `stats`.
    case stats(QueueStats)
    /// `postMessages`: the new message ids in input order.
    case messageIDs([String])
    /// `listMessages`.
    case page(MessagePage)
    /// `getMessages` and `popMessages`.
    case messages([StoredMessage])
    /// `createClaim`.
    case claim(ClaimResult?)
    /// `getClaim`.
    case claimInfo(ClaimInfo?)
    /// The call threw this error.
    case failure(StorageError)
    /// `nodeStats`.
    case nodeStats(NodeStats)
    /// `createSubscription`.
    case subscriptionCreation(SubscriptionCreation)
    /// `listSubscriptions`.
    case subscriptions([Subscription])
    /// `getSubscription`.
    case subscription(Subscription?)
    /// `exportQueue`.
    case transfer(QueueTransferBatch)

    /// The opcode byte of each response in the frame header.
    public enum Opcode: UInt8, Sendable, CaseIterable {
        case done = 1
        case created
        case metadata
        case stats
        case messageIDs
        case page
        case messages
        case claim
        case claimInfo
        case failure
        case nodeStats
        case subscriptionCreation
        case subscriptions
        case subscription
        case transfer
    }

    /// This response's opcode.
    public var opcode: Opcode {
        switch self {
        case .done: return .done
        case .created: return .created
        case .metadata: return .metadata
        case .stats: return .stats
        case .messageIDs: return .messageIDs
        case .page: return .page
        case .messages: return .messages
        case .claim: return .claim
        case .claimInfo: return .claimInfo
        case .failure: return .failure
        case .nodeStats: return .nodeStats
        case .subscriptionCreation: return .subscriptionCreation
        case .subscriptions: return .subscriptions
        case .subscription: return .subscription
        case .transfer: return .transfer
        }
    }
}
