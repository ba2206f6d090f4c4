import Catalog
import Hummingbird
import Shared

extension HeraldAPI {
    /// The largest `limit` of one drain call.
    static let maxDrainLimit = 1000
    /// Queues one drain call moves without a `limit`.
    static let defaultDrainLimit = 10

    /// `PUT /v2/queues/{name}/pool` (Herald extension, admin): moves the queue to the pool named
    /// by `{"pool": NAME}` while it stays in use (see ``QueueMover``). Answers the new placement
    /// with `moved_from`, `messages` (copied) and `frozen_ms` (how long requests were held).
    func moveQueue(_ request: APIRequest, name: String) async throws -> Response {
        guard case .object(let members) = try await adminBody(request) else {
            throw APIError.invalidBody("The body must be a JSON object.")
        }
        if let extra = members.first(where: { $0.key != "pool" }) {
            throw APIError.invalidBody("Additional properties are not allowed (\"\(extra.key)\" was unexpected).")
        }
        guard case .string(let target) = members.first(where: { $0.key == "pool" })?.value else {
            throw APIError.invalidBody("\"pool\" is a required property and must be a string.")
        }
        try checkAdminName(target, kind: "pool")
        let mover = QueueMover(catalog: catalog, placement: placement, metrics: configuration.metrics)
        let outcome = try await mover.move(request.queue(name), to: target)
        return Responses.json(.ok) { writer in
            writer.beginObject()
            Self.writePlacementMembers(
                &writer, queue: name, project: request.project, placement: QueuePlacement(pool: outcome.to, flavor: outcome.flavor))
            writer.key("moved_from")
            writer.string(outcome.from)
            writer.key("messages")
            writer.int(outcome.messages)
            writer.key("frozen_ms")
            writer.int64(outcome.frozen.wholeMilliseconds)
            writer.endObject()
        }
    }

    /// `POST /v2/pools/{name}/drain` (Herald extension, admin): sets the pool's weight to 0 and
    /// moves up to `limit` (body `{"limit": N}`, optional, default 10) of its queues to other
    /// pools of their flavor. Call it again until `remaining` is 0; then the pool can be deleted.
    func drainPool(_ request: APIRequest, name: String) async throws -> Response {
        let limit = try drainLimit(try await request.collectBody(
            limit: Self.maxAdminBodySize, tooLarge: .invalidBody("Request body is too large. Max size: \(Self.maxAdminBodySize)")))
        let progress = try await PoolDrainer(mover: QueueMover(catalog: catalog, placement: placement, metrics: configuration.metrics))
            .drain(pool: name, limit: limit)
        return Responses.json(.ok) { writer in
            writer.beginObject()
            writer.key("pool")
            writer.string(name)
            writer.key("moved")
            writer.beginArray()
            for outcome in progress.moved {
                writer.beginObject()
                writer.key("project")
                writer.string(outcome.queue.project)
                writer.key("queue")
                writer.string(outcome.queue.name)
                writer.key("pool")
                writer.string(outcome.to)
                writer.key("messages")
                writer.int(outcome.messages)
                writer.key("frozen_ms")
                writer.int64(outcome.frozen.wholeMilliseconds)
                writer.endObject()
            }
            writer.endArray()
            writer.key("failed")
            writer.beginArray()
            for failure in progress.failed {
                writer.beginObject()
                writer.key("project")
                writer.string(failure.queue.project)
                writer.key("queue")
                writer.string(failure.queue.name)
                writer.key("description")
                writer.string(failure.reason)
                writer.endObject()
            }
            writer.endArray()
            writer.key("remaining")
            writer.int(progress.remaining)
            writer.endObject()
        }
    }

    /// `limit` of a drain body: absent (or an empty body) is the default, else 1...maxDrainLimit.
    private func drainLimit(_ body: [UInt8]) throws -> Int {
        if isBlank(body) { return Self.defaultDrainLimit }
        guard case .object(let members) = try parseJSON(body) else { throw APIError.invalidBody("The body must be a JSON object.") }
        if let extra = members.first(where: { $0.key != "limit" }) {
            throw APIError.invalidBody("Additional properties are not allowed (\"\(extra.key)\" was unexpected).")
        }
        guard let value = members.first(where: { $0.key == "limit" })?.value else { return Self.defaultDrainLimit }
        guard case .int(let limit) = value, (1...Int64(Self.maxDrainLimit)).contains(limit) else {
            throw APIError.invalidBody("\"limit\" must be an integer between 1 and \(Self.maxDrainLimit).")
        }
        return Int(limit)
    }

    /// Handles the request, sending it again while its queue is moving to another pool (nodes
    /// refuse such requests untouched): the cached placement is dropped and the request waits a
    /// little, at most ``moveWaitBudget`` after the first refusal, then answers 503 with
    /// `Retry-After`.
    func handleFollowingMoves(_ route: Route, _ request: APIRequest) async throws -> Response {
        // Read the clock only once a node refused: the budget counts from the first refusal, so a
        // long poll that waited before it is sent again too.
        var deadline: ContinuousClock.Instant?
        var pause: Duration = .milliseconds(2)
        while true {
            do {
                return try await handle(route, request)
            } catch let error as StorageError where error.isRelocation {
                configuration.metrics.queueMoveRetries.increment()
                if let (kind, name) = route.resource { placement.forget(kind.ref(project: request.project, name: name)) }
                let now = ContinuousClock.now
                let giveUp = deadline ?? now.advanced(by: Self.moveWaitBudget)
                deadline = giveUp
                guard now.advanced(by: pause) < giveUp else { throw error }
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .milliseconds(50))
            }
        }
    }

    /// How long a request waits for its queue to finish moving before it answers 503.
    static let moveWaitBudget: Duration = .seconds(3)
}
