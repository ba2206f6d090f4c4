import CoreMetrics
import Shared

/// The storage node's counters, created once through a swift-metrics factory (the bootstrapped
/// `MetricsSystem.factory` by default; tests pass their own), so that counting costs only the
/// increment itself:
///
/// - `herald_messages_posted_total`, `herald_messages_claimed_total`,
///   `herald_messages_deleted_total` (deleted by clients: by id, in bulk, or popped) and
///   `herald_messages_expired_total` (removed by garbage collection);
/// - `herald_rpc_requests_total{operation}` and `herald_rpc_errors_total{operation}` (requests
///   the node failed itself: store unavailable or full, protocol violations; `operation` is
///   `malformed_frame` for frames that did not decode);
/// - `herald_notification_deliveries_total{scheme,outcome}` and `herald_notification_retries_total`.
///
/// The gauges read from the store (`herald_node_messages`, `herald_node_queues`,
/// `herald_store_size_bytes` and the per-queue `herald_queue_messages`) are refreshed at scrape
/// time by ``NodeGauges``.
public final class NodeMetrics: Sendable {
    /// Metric names.
    enum Name {
        static let posted = "herald_messages_posted_total"
        static let claimed = "herald_messages_claimed_total"
        static let deleted = "herald_messages_deleted_total"
        static let expired = "herald_messages_expired_total"
        static let rpcRequests = "herald_rpc_requests_total"
        static let rpcErrors = "herald_rpc_errors_total"
        static let deliveries = "herald_notification_deliveries_total"
        static let retries = "herald_notification_retries_total"
    }

    /// The factory every metric of the node is made with (``NodeGauges`` uses it too).
    let factory: any MetricsFactory
    /// Messages stored by posts.
    let messagesPosted: Counter
    /// Messages handed out by claims (a message claimed twice counts twice).
    let messagesClaimed: Counter
    /// Messages deleted by clients.
    let messagesDeleted: Counter
    /// Expired messages removed by garbage collection.
    let messagesExpired: Counter
    /// Notification deliveries rescheduled for a retry.
    let notificationRetries: Counter
    /// `herald_rpc_requests_total` and `herald_rpc_errors_total`, indexed by opcode raw value.
    private let rpcRequests: [Counter?]
    private let rpcErrors: [Counter?]
    /// `herald_rpc_errors_total{operation="malformed_frame"}`.
    let malformedFrames: Counter
    /// `herald_notification_deliveries_total`, by scheme and outcome.
    private let deliveries: [NotificationScheme: [NotificationOutcome: Counter]]

    /// - Parameter factory: makes every metric; `MetricsSystem.factory` (no-op until bootstrapped)
    ///   by default.
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        messagesPosted = Counter(label: Name.posted, dimensions: [], factory: factory)
        messagesClaimed = Counter(label: Name.claimed, dimensions: [], factory: factory)
        messagesDeleted = Counter(label: Name.deleted, dimensions: [], factory: factory)
        messagesExpired = Counter(label: Name.expired, dimensions: [], factory: factory)
        notificationRetries = Counter(label: Name.retries, dimensions: [], factory: factory)
        let slots = Int(NodeRequest.Opcode.allCases.map(\.rawValue).max() ?? 0) + 1
        var requests = [Counter?](repeating: nil, count: slots)
        var errors = [Counter?](repeating: nil, count: slots)
        for opcode in NodeRequest.Opcode.allCases {
            let operation = [("operation", "\(opcode)")]
            requests[Int(opcode.rawValue)] = Counter(label: Name.rpcRequests, dimensions: operation, factory: factory)
            errors[Int(opcode.rawValue)] = Counter(label: Name.rpcErrors, dimensions: operation, factory: factory)
        }
        rpcRequests = requests
        rpcErrors = errors
        malformedFrames = Counter(label: Name.rpcErrors, dimensions: [("operation", "malformed_frame")], factory: factory)
        var deliveries: [NotificationScheme: [NotificationOutcome: Counter]] = [:]
        for scheme in NotificationScheme.allCases {
            for outcome in NotificationOutcome.allCases {
                deliveries[scheme, default: [:]][outcome] = Counter(
                    label: Name.deliveries, dimensions: [("scheme", scheme.rawValue), ("outcome", outcome.rawValue)],
                    factory: factory)
            }
        }
        self.deliveries = deliveries
    }

    /// Counts one delivery attempt of a notification.
    func deliveryAttempted(scheme: NotificationScheme, outcome: NotificationOutcome) {
        deliveries[scheme]?[outcome]?.increment()
    }

    /// Counts one served RPC request, and an error when the node failed it itself.
    func rpcRequestFinished(_ opcode: NodeRequest.Opcode, failed: Bool) {
        let index = Int(opcode.rawValue)
        rpcRequests[index]?.increment()
        if failed { rpcErrors[index]?.increment() }
    }
}

/// The `scheme` label of notification deliveries.
enum NotificationScheme: String, CaseIterable, Sendable {
    case webhook
    case mailto
    case unsupported

    init(_ scheme: SubscriberScheme) {
        switch scheme {
        case .webhook: self = .webhook
        case .mailto: self = .mailto
        case .unsupported: self = .unsupported
        }
    }
}

/// The `outcome` label of notification deliveries: the ``DeliveryOutcome`` of the attempt.
enum NotificationOutcome: String, CaseIterable, Sendable {
    case delivered
    case retry
    case failed

    init(_ outcome: DeliveryOutcome) {
        switch outcome {
        case .delivered: self = .delivered
        case .retry: self = .retry
        case .failed: self = .failed
        }
    }
}
