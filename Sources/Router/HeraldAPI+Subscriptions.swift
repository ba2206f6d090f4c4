import HTTPTypes
import Hummingbird
import Shared

extension HeraldAPI {
    /// Largest accepted subscription request body.
    static let maxSubscriptionBody = 65_536

    /// `POST /v2/{queues|topics}/{name}/subscriptions`: validates first, then places and creates
    /// the queue lazily; 201 `{"subscription_id"}` (the existing id for an unconfirmed duplicate).
    func createSubscription(_ request: APIRequest, kind: ResourceKind, name: String) async throws -> Response {
        let body = try await subscriptionBody(request)
        guard !isBlank(body) else { throw APIError.invalidBody("Missing parameter subscriber in body.") }
        let subscription = try subscriptionDocument().newSubscription(from: try parseJSON(body))
        let queue = kind.ref(project: request.project, name: name)
        let store = try await placement.storeCreatingPlacement(for: queue)
        let creation = try await store.createSubscription(queue, subscription)
        return Responses.json(.created, headers: [.location: request.path]) { writer in
            writer.beginObject()
            writer.key("subscription_id")
            writer.string(creation.id)
            writer.endObject()
        }
    }

    /// `GET /v2/{queues|topics}/{name}/subscriptions`: a page ordered by id (empty for unknown queues).
    func listSubscriptions(_ request: APIRequest, kind: ResourceKind, name: String) async throws -> Response {
        let limit = try limit(request, max: configuration.maxSubscriptionsPerPage)
        let marker = request.query.string("marker")
        let queue = kind.ref(project: request.project, name: name)
        let page = try await placement.store(for: queue)?.listSubscriptions(queue, marker: marker, limit: limit) ?? []
        return Responses.json(.ok) { writer in
            writer.beginObject()
            writer.key("subscriptions")
            writer.beginArray()
            for subscription in page { Self.write(subscription, into: &writer) }
            writer.endArray()
            writeLinks(&writer, path: request.path, marker: page.last?.id) { next in
                if request.query.contains("limit") { next.add("limit", limit) }
            }
            writer.endObject()
        }
    }

    /// `GET /v2/{queues|topics}/{name}/subscriptions/{id}`.
    func getSubscription(_ request: APIRequest, kind: ResourceKind, name: String, id: String) async throws -> Response {
        let queue = kind.ref(project: request.project, name: name)
        guard let store = try await placement.store(for: queue), let subscription = try await store.getSubscription(queue, id: id)
        else { throw APIError(storage: .subscriptionNotFound) }
        return Responses.json(.ok) { writer in Self.write(subscription, into: &writer) }
    }

    /// `PATCH /v2/{queues|topics}/{name}/subscriptions/{id}`: 204 with `Location`.
    func patchSubscription(_ request: APIRequest, kind: ResourceKind, name: String, id: String) async throws -> Response {
        let body = try await subscriptionBody(request)
        guard !isBlank(body) else { throw APIError.invalidBody("No subscription to create.") }
        let update = try subscriptionDocument().update(from: try parseJSON(body))
        let queue = kind.ref(project: request.project, name: name)
        guard let store = try await placement.store(for: queue) else { throw APIError(storage: .subscriptionNotFound) }
        try await store.updateSubscription(queue, id: id, update)
        return Responses.empty(.noContent, headers: [.location: request.path])
    }

    /// `DELETE /v2/{queues|topics}/{name}/subscriptions/{id}`: 204, also for unknown ids and queues.
    func deleteSubscription(_ request: APIRequest, kind: ResourceKind, name: String, id: String) async throws -> Response {
        let queue = kind.ref(project: request.project, name: name)
        if let store = try await placement.store(for: queue) {
            try await store.deleteSubscription(queue, id: id)
        }
        return Responses.empty(.noContent)
    }

    /// `PUT /v2/{queues|topics}/{name}/subscriptions/{id}/confirm` with `{"confirmed": bool}`: 204 with `Location`.
    func confirmSubscription(_ request: APIRequest, kind: ResourceKind, name: String, id: String) async throws -> Response {
        let body = try await subscriptionBody(request)
        guard !isBlank(body) else { throw APIError.invalidBody("Missing parameter confirmed in body.") }
        let document = try parseJSON(body)
        guard case .object = document, case .bool(let confirmed)? = document["confirmed"] else {
            throw APIError.invalidBody("The body must be an object with a boolean \"confirmed\".")
        }
        let queue = kind.ref(project: request.project, name: name)
        guard let store = try await placement.store(for: queue) else { throw APIError(storage: .subscriptionNotFound) }
        try await store.confirmSubscription(queue, id: id, confirmed: confirmed)
        return Responses.empty(.noContent, headers: [.location: request.path])
    }

    // MARK: Helpers

    private func subscriptionBody(_ request: APIRequest) async throws -> [UInt8] {
        try await request.collectBody(
            limit: Self.maxSubscriptionBody,
            tooLarge: .invalidBody("Subscription body is too large. Max size: \(Self.maxSubscriptionBody)"))
    }

    private func subscriptionDocument() -> SubscriptionDocument {
        SubscriptionDocument(
            defaultTTL: configuration.defaultSubscriptionTTL, nowSeconds: SystemWallClock().nowMillis() / 1000)
    }

    /// `{"id","source","subscriber","ttl","age","options","confirmed"}`, options spliced raw.
    static func write(_ subscription: Subscription, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(subscription.id)
        writer.key("source")
        writer.string(subscription.source)
        writer.key("subscriber")
        writer.string(subscription.subscriber)
        writer.key("ttl")
        writer.int(subscription.ttl)
        writer.key("age")
        writer.int(subscription.age)
        writer.key("options")
        if subscription.options.isEmpty { writer.raw(Array("{}".utf8)) } else { writer.raw(subscription.options) }
        writer.key("confirmed")
        writer.bool(subscription.confirmed)
        writer.endObject()
    }
}
