import Catalog
import Hummingbird
import Shared

/// The handlers of the Zaqar v2 API; storage is reached only through `any QueueStore`.
struct HeraldAPI: Sendable {
    let configuration: RouterConfiguration
    let catalog: any CatalogStore
    let placement: Placement
    let reserved: ReservedMetadata
    /// Establishes who makes each request.
    let authenticator: Authenticator
    /// The policy check of each request.
    let authorizer: Authorizer
    /// Signs shares and verifies signed requests; `nil` without a configured secret.
    let urlSigner: URLSigner?
    /// Per-project request rate limits; `nil` when they are off.
    let rateLimiter: ProjectRateLimiter?
    /// The time pre-signed expiries are compared with.
    let clock: any WallClock = SystemWallClock()
    /// Messages posted, claimed and deleted through this router (the operator page's rates).
    let activity = OperatorActivity()
    /// `wait=` on claims and listings.
    let longPoll = LongPoll()

    var limits: ServiceLimits { configuration.limits }

    init(configuration: RouterConfiguration, catalog: any CatalogStore, stores: PoolStores) {
        self.configuration = configuration
        self.catalog = catalog
        self.placement = Placement(
            catalog: catalog, stores: stores, maxQueuesPerProject: configuration.abuseLimits.maxQueuesPerProject,
            metrics: configuration.metrics)
        self.rateLimiter = ProjectRateLimiter(configuration.abuseLimits)
        self.reserved = ReservedMetadata(limits: configuration.limits)
        self.authenticator = Authenticator(mode: configuration.authMode)
        self.authorizer = Authorizer(policies: configuration.policyStore)
        self.urlSigner = configuration.signedURLSecret.flatMap { $0.isEmpty ? nil : URLSigner(secret: $0) }
    }

    /// Calls the handler of a route whose method is allowed.
    func handle(_ route: Route, _ request: APIRequest) async throws -> Response {
        let method = request.request.method
        switch route {
        case .root:
            return Self.versions()
        case .home:
            return homeDocument()
        case .ping:
            return method == .head ? Responses.empty(.noContent) : await ping()
        case .health:
            return try await health(request)
        case .diagnostics:
            return await diagnostics()
        case .queues:
            return try await listQueues(request)
        case .topics:
            return try await listQueues(request)
        case .queue(let name), .topic(let name):
            switch method {
            case .put: return try await createQueue(request, name: name)
            case .patch: return try await patchQueue(request, name: name)
            case .delete: return try await deleteQueue(request, name: name)
            default: return try await getQueue(request, name: name)
            }
        case .queueStats(let name), .topicStats(let name):
            return try await queueStats(request, name: name)
        case .queuePurge(let name), .topicPurge(let name):
            return try await purgeQueue(request, name: name)
        case .queueShare(let name):
            return try await shareQueue(request, name: name)
        case .messages(let name), .topicMessages(let name):
            switch method {
            case .post: return try await postMessages(request, name: name)
            case .delete: return try await deleteMessages(request, name: name)
            default: return try await listMessages(request, name: name)
            }
        case .message(let name, let id), .topicMessage(let name, let id):
            return method == .delete
                ? try await deleteMessage(request, name: name, id: id)
                : try await getMessage(request, name: name, id: id)
        case .claims(let name):
            return try await createClaim(request, name: name)
        case .claim(let name, let id):
            switch method {
            case .patch: return try await updateClaim(request, name: name, id: id)
            case .delete: return try await deleteClaim(request, name: name, id: id)
            default: return try await getClaim(request, name: name, id: id)
            }
        case .subscriptions(let kind, let name):
            return method == .post
                ? try await createSubscription(request, kind: kind, name: name)
                : try await listSubscriptions(request, kind: kind, name: name)
        case .subscription(let kind, let name, let id):
            switch method {
            case .patch: return try await patchSubscription(request, kind: kind, name: name, id: id)
            case .delete: return try await deleteSubscription(request, kind: kind, name: name, id: id)
            default: return try await getSubscription(request, kind: kind, name: name, id: id)
            }
        case .subscriptionConfirm(let kind, let name, let id):
            return try await confirmSubscription(request, kind: kind, name: name, id: id)
        case .pools:
            return try await listPools(request)
        case .pool(let name):
            switch method {
            case .put: return try await putPool(request, name: name)
            case .patch: return try await patchPool(request, name: name)
            case .delete: return try await deletePool(request, name: name)
            default: return try await getPool(request, name: name)
            }
        case .flavors:
            return try await listFlavors(request)
        case .flavor(let name):
            switch method {
            case .put: return try await putFlavor(request, name: name)
            case .patch: return try await patchFlavor(request, name: name)
            case .delete: return try await deleteFlavor(request, name: name)
            default: return try await getFlavor(request, name: name)
            }
        case .queuePool(let name):
            return method == .put ? try await moveQueue(request, name: name) : try await queuePool(request, name: name)
        case .poolDrain(let name):
            return try await drainPool(request, name: name)
        case .operatorPage:
            return operatorPage()
        case .operatorView:
            return await operatorView(request)
        }
    }

    /// Parses a body as JSON (spec §1.6): any parse failure is a 400 "Invalid request body".
    func parseJSON(_ bytes: [UInt8]) throws(APIError) -> JSONValue {
        do {
            return try JSONValue.parse(bytes)
        } catch {
            if error.reason.contains("too large") {
                throw .invalidBody("JSON contains integer that is too large.")
            }
            throw .invalidBody("Request body could not be parsed: \(error.reason) at offset \(error.offset).")
        }
    }

    /// A limit query parameter within `1...max`, `defaultValue` when absent.
    func limit(_ request: APIRequest, name: String = "limit", max: Int, defaultValue: Int = 10) throws(APIError) -> Int {
        guard let value = try request.query.int(name) else { return defaultValue }
        guard value >= 1, value <= max else {
            throw .invalidAPIRequest("Limit must be at least 1 and may not be greater than \(max).")
        }
        return value
    }
}
