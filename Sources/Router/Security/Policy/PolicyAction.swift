import HTTPTypes

/// An API action as the policy names it: Zaqar's policy names (spec §2 "Policies:" lines) for
/// every Zaqar route, and Herald names for Herald-only routes (`home:get`, `queues:get_pool`).
///
/// Topic messages and topic subscriptions use the message and subscription names, as the
/// reference routes them to the same handlers.
enum PolicyAction: String, CaseIterable, Sendable {
    /// `GET /v2` (Herald name; the reference does not check the home document).
    case home = "home:get"
    case ping = "ping:get"
    case health = "health:get"
    /// `GET /v2/diagnostics` (Herald name): the router's diagnostics report.
    case diagnostics = "diagnostics:get"

    case queuesGetAll = "queues:get_all"
    case queuesCreate = "queues:create"
    case queuesGet = "queues:get"
    case queuesUpdate = "queues:update"
    case queuesDelete = "queues:delete"
    case queuesStats = "queues:stats"
    case queuesShare = "queues:share"
    case queuesPurge = "queues:purge"
    /// `GET /v2/queues/{name}/pool` (Herald name): where a queue is placed.
    case queuesGetPool = "queues:get_pool"
    /// `PUT /v2/queues/{name}/pool` (Herald name): move a queue to another pool.
    case queuesMove = "queues:move"

    case messagesGetAll = "messages:get_all"
    case messagesCreate = "messages:create"
    case messagesGet = "messages:get"
    case messagesDelete = "messages:delete"
    case messagesDeleteAll = "messages:delete_all"

    case claimsCreate = "claims:create"
    case claimsGet = "claims:get"
    case claimsUpdate = "claims:update"
    case claimsDelete = "claims:delete"

    case subscriptionGetAll = "subscription:get_all"
    case subscriptionCreate = "subscription:create"
    case subscriptionGet = "subscription:get"
    case subscriptionUpdate = "subscription:update"
    case subscriptionDelete = "subscription:delete"
    case subscriptionConfirm = "subscription:confirm"

    case topicsGetAll = "topics:get_all"
    case topicsCreate = "topics:create"
    case topicsGet = "topics:get"
    case topicsUpdate = "topics:update"
    case topicsDelete = "topics:delete"
    case topicsStats = "topics:stats"
    case topicsPurge = "topics:purge"

    case poolsGetAll = "pools:get_all"
    case poolsCreate = "pools:create"
    case poolsGet = "pools:get"
    case poolsUpdate = "pools:update"
    case poolsDelete = "pools:delete"
    /// `POST /v2/pools/{name}/drain` (Herald name).
    case poolsDrain = "pools:drain"

    case flavorsGetAll = "flavors:get_all"
    case flavorsCreate = "flavors:create"
    case flavorsGet = "flavors:get"
    case flavorsUpdate = "flavors:update"
    case flavorsDelete = "flavors:delete"

    /// `GET /operator/view` (Herald name): the operator page's data.
    case operatorGet = "operator:get"

    /// The policy name, e.g. `queues:create`.
    var name: String { rawValue }

    /// The action of `method` on `route`; `nil` for version discovery (`/`) and the operator page
    /// shell (`/operator`), which need no credentials, OPTIONS (it only lists methods) and methods the route does not serve.
    /// HEAD is checked as GET.
    init?(_ route: Route, method: HTTPRequest.Method) {
        let method = method == .head ? .get : method
        guard let action = Self.action(route, method) else { return nil }
        self = action
    }

    private static func action(_ route: Route, _ method: HTTPRequest.Method) -> PolicyAction? {
        switch route {
        case .root, .operatorPage: return nil
        case .operatorView: return method == .get ? .operatorGet : nil
        case .home: return method == .get ? .home : nil
        case .ping: return method == .get ? .ping : nil
        case .health: return method == .get ? .health : nil
        case .diagnostics: return method == .get ? .diagnostics : nil
        case .queues: return method == .get ? .queuesGetAll : nil
        case .queue: return resource(method, get: .queuesGet, put: .queuesCreate, patch: .queuesUpdate, delete: .queuesDelete)
        case .queueStats: return method == .get ? .queuesStats : nil
        case .queuePurge: return method == .post ? .queuesPurge : nil
        case .queueShare: return method == .post ? .queuesShare : nil
        case .queuePool: return method == .get ? .queuesGetPool : method == .put ? .queuesMove : nil
        case .poolDrain: return method == .post ? .poolsDrain : nil
        case .messages, .topicMessages: return collection(method, get: .messagesGetAll, post: .messagesCreate, delete: .messagesDeleteAll)
        case .message, .topicMessage: return resource(method, get: .messagesGet, delete: .messagesDelete)
        case .claims: return method == .post ? .claimsCreate : nil
        case .claim: return resource(method, get: .claimsGet, patch: .claimsUpdate, delete: .claimsDelete)
        case .topics: return method == .get ? .topicsGetAll : nil
        case .topic: return resource(method, get: .topicsGet, put: .topicsCreate, patch: .topicsUpdate, delete: .topicsDelete)
        case .topicStats: return method == .get ? .topicsStats : nil
        case .topicPurge: return method == .post ? .topicsPurge : nil
        case .subscriptions: return collection(method, get: .subscriptionGetAll, post: .subscriptionCreate)
        case .subscription:
            return resource(method, get: .subscriptionGet, patch: .subscriptionUpdate, delete: .subscriptionDelete)
        case .subscriptionConfirm: return method == .put ? .subscriptionConfirm : nil
        case .pools: return method == .get ? .poolsGetAll : nil
        case .pool: return resource(method, get: .poolsGet, put: .poolsCreate, patch: .poolsUpdate, delete: .poolsDelete)
        case .flavors: return method == .get ? .flavorsGetAll : nil
        case .flavor:
            return resource(method, get: .flavorsGet, put: .flavorsCreate, patch: .flavorsUpdate, delete: .flavorsDelete)
        }
    }

    /// A collection path: GET lists, POST creates, DELETE removes many.
    private static func collection(
        _ method: HTTPRequest.Method, get: PolicyAction, post: PolicyAction, delete: PolicyAction? = nil
    ) -> PolicyAction? {
        switch method {
        case .get: return get
        case .post: return post
        case .delete: return delete
        default: return nil
        }
    }

    /// One resource: GET reads, PUT creates, PATCH updates, DELETE removes.
    private static func resource(
        _ method: HTTPRequest.Method, get: PolicyAction, put: PolicyAction? = nil, patch: PolicyAction? = nil,
        delete: PolicyAction? = nil
    ) -> PolicyAction? {
        switch method {
        case .get: return get
        case .put: return put
        case .patch: return patch
        case .delete: return delete
        default: return nil
        }
    }
}
