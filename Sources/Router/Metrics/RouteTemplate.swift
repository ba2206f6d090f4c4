/// The path template of a route, e.g. `/v2/queues/{queue_name}/messages`: the `route` label of
/// the HTTP metrics. Templates never carry names or ids from the request, so the label has a
/// small, fixed set of values; requests that match no route count as ``unmatched``.
enum RouteTemplate: String, CaseIterable, Sendable {
    case root = "/"
    case home = "/v2/"
    case ping = "/v2/ping"
    case health = "/v2/health"
    case diagnostics = "/v2/diagnostics"
    case queues = "/v2/queues"
    case queue = "/v2/queues/{queue_name}"
    case queueStats = "/v2/queues/{queue_name}/stats"
    case queuePurge = "/v2/queues/{queue_name}/purge"
    case queueShare = "/v2/queues/{queue_name}/share"
    case queuePool = "/v2/queues/{queue_name}/pool"
    case messages = "/v2/queues/{queue_name}/messages"
    case message = "/v2/queues/{queue_name}/messages/{message_id}"
    case claims = "/v2/queues/{queue_name}/claims"
    case claim = "/v2/queues/{queue_name}/claims/{claim_id}"
    case queueSubscriptions = "/v2/queues/{queue_name}/subscriptions"
    case queueSubscription = "/v2/queues/{queue_name}/subscriptions/{subscription_id}"
    case queueSubscriptionConfirm = "/v2/queues/{queue_name}/subscriptions/{subscription_id}/confirm"
    case topics = "/v2/topics"
    case topic = "/v2/topics/{topic_name}"
    case topicStats = "/v2/topics/{topic_name}/stats"
    case topicPurge = "/v2/topics/{topic_name}/purge"
    case topicMessages = "/v2/topics/{topic_name}/messages"
    case topicMessage = "/v2/topics/{topic_name}/messages/{message_id}"
    case topicSubscriptions = "/v2/topics/{topic_name}/subscriptions"
    case topicSubscription = "/v2/topics/{topic_name}/subscriptions/{subscription_id}"
    case topicSubscriptionConfirm = "/v2/topics/{topic_name}/subscriptions/{subscription_id}/confirm"
    case pools = "/v2/pools"
    case pool = "/v2/pools/{pool_name}"
    case poolDrain = "/v2/pools/{pool_name}/drain"
    case flavors = "/v2/flavors"
    case flavor = "/v2/flavors/{flavor_name}"
    case operatorPage = "/operator"
    case operatorView = "/operator/view"
    /// Any path no route matches (or a request refused before its path was matched).
    case unmatched = "unmatched"

    /// The template of `route`, or ``unmatched`` without one.
    init(_ route: Route?) {
        guard let route else {
            self = .unmatched
            return
        }
        switch route {
        case .root: self = .root
        case .home: self = .home
        case .ping: self = .ping
        case .health: self = .health
        case .diagnostics: self = .diagnostics
        case .queues: self = .queues
        case .queue: self = .queue
        case .queueStats: self = .queueStats
        case .queuePurge: self = .queuePurge
        case .queueShare: self = .queueShare
        case .queuePool: self = .queuePool
        case .messages: self = .messages
        case .message: self = .message
        case .claims: self = .claims
        case .claim: self = .claim
        case .topics: self = .topics
        case .topic: self = .topic
        case .topicStats: self = .topicStats
        case .topicPurge: self = .topicPurge
        case .topicMessages: self = .topicMessages
        case .topicMessage: self = .topicMessage
        case .subscriptions(let kind, _): self = kind == .queue ? .queueSubscriptions : .topicSubscriptions
        case .subscription(let kind, _, _): self = kind == .queue ? .queueSubscription : .topicSubscription
        case .subscriptionConfirm(let kind, _, _):
            self = kind == .queue ? .queueSubscriptionConfirm : .topicSubscriptionConfirm
        case .pools: self = .pools
        case .pool: self = .pool
        case .poolDrain: self = .poolDrain
        case .flavors: self = .flavors
        case .flavor: self = .flavor
        case .operatorPage: self = .operatorPage
        case .operatorView: self = .operatorView
        }
    }
}

/// The `method` label of the HTTP metrics: the methods the API knows, and ``other`` for any
/// other token a client sends, so the label stays bounded.
enum MetricMethod: String, CaseIterable, Sendable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
    case options = "OPTIONS"
    case other = "OTHER"

    /// The label of a request method.
    init(_ method: String) {
        self = MetricMethod(rawValue: method) ?? .other
    }
}
