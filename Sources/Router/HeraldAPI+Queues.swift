import HTTPTypes
import Hummingbird
import Shared

extension HeraldAPI {
    /// `PUT /v2/queues/{name}`: 201 when created, 204 when it existed (body validated, then ignored).
    func createQueue(_ request: APIRequest, name: String) async throws -> Response {
        let body = try await request.collectBody(
            limit: limits.maxQueueMetadata,
            tooLarge: .invalidAPIRequest("Queue metadata is too large. Max size: \(limits.maxQueueMetadata)"))
        var metadata = QueueMetadata.empty
        var flavor: String?
        if !isBlank(body) {
            guard case .object(let members) = try parseJSON(body) else {
                throw APIError.invalidBody("Document type not supported.")
            }
            let settings = try reserved.settings(from: members)
            flavor = try await requestedFlavor(members, project: request.project)
            metadata = QueueMetadata(json: JSONValue.object(members).serialized(), settings: settings)
        }
        let queue = request.queue(name)
        let store = try await placement.storeCreatingPlacement(for: queue, flavor: flavor)
        let created = try await store.createQueue(queue, metadata: metadata)
        return Responses.empty(created ? .created : .noContent, headers: [.location: request.path])
    }

    /// `GET /v2/queues/{name}`: stored metadata with reserved defaults; defaults for missing queues.
    func getQueue(_ request: APIRequest, name: String) async throws -> Response {
        let members = try await storedMetadata(request.queue(name)) ?? []
        return Responses.json(.ok, reserved.withDefaults(members, kind: request.kind).serialized())
    }

    /// `PATCH /v2/queues/{name}`: applies the patch document and returns the resulting metadata.
    func patchQueue(_ request: APIRequest, name: String) async throws -> Response {
        guard request.request.headers[.contentType] == MetadataPatch.mediaType else {
            throw APIError.unsupportedPatchType
        }
        let body = try await request.collectBody(
            limit: limits.maxQueueMetadata,
            tooLarge: .invalidBody("Queue metadata is too large. Max size: \(limits.maxQueueMetadata)"))
        guard !isBlank(body) else { throw APIError.invalidBody("PATCH body could not be empty for update.") }
        let operations = try MetadataPatch.operations(from: try parseJSON(body))
        let queue = request.queue(name)
        guard let store = try await placement.store(for: queue),
            let stored = try await store.queueMetadata(queue)
        else { throw APIError.notFound("\(request.kind.noun) \(name) does not exist.") }
        let current = try members(of: stored)
        let updated = try MetadataPatch.apply(operations, to: current, reservedKeys: request.kind.defaultedKeys)
        let settings = try reserved.settings(from: updated)
        if Self.flavorValue(updated) != Self.flavorValue(current) {
            _ = try await requestedFlavor(updated, project: request.project)
        }
        try await store.setQueueMetadata(queue, metadata: QueueMetadata(json: JSONValue.object(updated).serialized(), settings: settings))
        return Responses.json(.ok, reserved.withDefaults(updated, kind: request.kind).serialized())
    }

    /// `DELETE /v2/queues/{name}`: catalog entry first, then the data on its pool (spec §4.2).
    func deleteQueue(_ request: APIRequest, name: String) async throws -> Response {
        let queue = request.queue(name)
        if let store = try await placement.unregister(queue) {
            try await store.deleteQueue(queue)
        }
        return Responses.empty(.noContent)
    }

    /// `GET /v2/queues/{name}/stats`; for an existing topic only `total` and the endpoints
    /// (spec §2.5), a missing topic shows the queue's zeros.
    func queueStats(_ request: APIRequest, name: String) async throws -> Response {
        let queue = request.queue(name)
        let store = try await placement.store(for: queue)
        let stats = try await store?.stats(queue) ?? .empty
        let messagesPath = request.kind.path(name) + "/messages/"
        let showsCounts = request.kind == .queue || store == nil
        return Responses.json(.ok) { writer in
            writer.beginObject()
            writer.key("messages")
            writer.beginObject()
            if showsCounts {
                writer.key("claimed")
                writer.int(stats.claimed)
                writer.key("free")
                writer.int(stats.free)
            }
            writer.key("total")
            writer.int(stats.total)
            if stats.total > 0 {
                for (key, endpoint) in [("oldest", stats.oldest), ("newest", stats.newest)] {
                    guard let endpoint else { continue }
                    writer.key(key)
                    writer.beginObject()
                    writer.key("href")
                    writer.string(messagesPath + endpoint.id)
                    writer.key("age")
                    writer.int(endpoint.age)
                    writer.key("created")
                    writer.string(UTCTimestamp.iso8601(millis: endpoint.createdMillis))
                    writer.endObject()
                }
            }
            writer.endObject()
            writer.endObject()
        }
    }

    /// `POST /v2/queues/{name}/purge`: optional `{"resource_types": [...]}`.
    func purgeQueue(_ request: APIRequest, name: String) async throws -> Response {
        let body = try await request.collectBody(
            limit: limits.maxQueueMetadata,
            tooLarge: .invalidBody("Request body is too large. Max size: \(limits.maxQueueMetadata)"))
        var purgeMessages = true
        var purgeSubscriptions = true
        if !isBlank(body) {
            let document = try parseJSON(body)
            guard case .object = document, let types = document["resource_types"] else {
                throw APIError.invalidBody("The body must be an object with \"resource_types\".")
            }
            guard case .array(let items) = types else {
                throw APIError.invalidBody("\"resource_types\" must be an array.")
            }
            purgeMessages = false
            purgeSubscriptions = false
            for item in items {
                switch item {
                case .string("messages"): purgeMessages = true
                case .string("subscriptions"): purgeSubscriptions = true
                default: throw APIError.invalidBody("\"resource_types\" may only contain messages and subscriptions.")
                }
            }
        }
        let queue = request.queue(name)
        if purgeMessages || purgeSubscriptions, let store = try await placement.store(for: queue) {
            try await store.purge(queue, messages: purgeMessages, subscriptions: purgeSubscriptions)
        }
        return Responses.empty(.noContent)
    }

    // MARK: Helpers

    /// The metadata key naming the flavor a new queue is placed through (spec §4.1).
    static let flavorKey = "_flavor"

    /// The raw `_flavor` member, if any.
    static func flavorValue(_ members: [(key: String, value: JSONValue)]) -> JSONValue? {
        members.last { $0.key == flavorKey }?.value
    }

    /// The flavor named by `_flavor`: a string naming a flavor of the project (400 otherwise);
    /// `nil` when absent, `null` or empty.
    func requestedFlavor(_ members: [(key: String, value: JSONValue)], project: String) async throws -> String? {
        switch Self.flavorValue(members) {
        case nil, .null?, .string("")?:
            return nil
        case .string(let name)?:
            guard try await catalog.flavor(project: project, name: name) != nil else {
                throw APIError.invalidAPIRequest("Flavor \(name) does not exist.")
            }
            return name
        default:
            throw APIError.invalidAPIRequest("\(Self.flavorKey) must be a string.")
        }
    }

    /// The stored metadata members of a queue; `nil` when the queue does not exist.
    func storedMetadata(_ queue: QueueRef) async throws -> [(key: String, value: JSONValue)]? {
        guard let store = try await placement.store(for: queue), let stored = try await store.queueMetadata(queue) else {
            return nil
        }
        return try members(of: stored)
    }

    /// The members of a stored metadata object.
    func members(of metadata: QueueMetadata) throws -> [(key: String, value: JSONValue)] {
        guard case .object(let members) = try? JSONValue.parse(metadata.json) else {
            throw StorageError.protocolViolation("stored queue metadata is not a JSON object")
        }
        return members
    }
}
