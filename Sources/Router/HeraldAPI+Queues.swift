import HTTPTypes
import Hummingbird
import Shared

extension HeraldAPI {
    /// `PUT /v2/queues/{name}`: 201 when created, 204 when it existed (body validated, then ignored).
    func createQueue(_ request: APIRequest, name: String) async throws -> Response {
        let body = try await RequestBodyReader.collect(
            request.request, limit: limits.maxQueueMetadata,
            tooLarge: .invalidAPIRequest("Queue metadata is too large. Max size: \(limits.maxQueueMetadata)"))
        var metadata = QueueMetadata.empty
        if !isBlank(body) {
            guard case .object(let members) = try parseJSON(body) else {
                throw APIError.invalidBody("Document type not supported.")
            }
            let settings = try reserved.settings(from: members)
            metadata = QueueMetadata(json: JSONValue.object(members).serialized(), settings: settings)
        }
        let queue = request.queue(name)
        let store = try await placement.storeCreatingPlacement(for: queue)
        let created = try await store.createQueue(queue, metadata: metadata)
        return Responses.empty(created ? .created : .noContent, headers: [.location: request.path])
    }

    /// `GET /v2/queues/{name}`: stored metadata with reserved defaults; defaults for missing queues.
    func getQueue(_ request: APIRequest, name: String) async throws -> Response {
        let members = try await storedMetadata(request.queue(name)) ?? []
        return Responses.json(.ok, reserved.withDefaults(members).serialized())
    }

    /// `PATCH /v2/queues/{name}`: applies the patch document and returns the resulting metadata.
    func patchQueue(_ request: APIRequest, name: String) async throws -> Response {
        guard request.request.headers[.contentType] == MetadataPatch.mediaType else {
            throw APIError.unsupportedPatchType
        }
        let body = try await RequestBodyReader.collect(
            request.request, limit: limits.maxQueueMetadata,
            tooLarge: .invalidBody("Queue metadata is too large. Max size: \(limits.maxQueueMetadata)"))
        guard !isBlank(body) else { throw APIError.invalidBody("PATCH body could not be empty for update.") }
        let operations = try MetadataPatch.operations(from: try parseJSON(body))
        let queue = request.queue(name)
        guard let store = try await placement.store(for: queue),
            let stored = try await store.queueMetadata(queue)
        else { throw APIError.notFound("Queue \(name) does not exist.") }
        let updated = try MetadataPatch.apply(operations, to: try members(of: stored))
        let settings = try reserved.settings(from: updated)
        try await store.setQueueMetadata(queue, metadata: QueueMetadata(json: JSONValue.object(updated).serialized(), settings: settings))
        return Responses.json(.ok, reserved.withDefaults(updated).serialized())
    }

    /// `DELETE /v2/queues/{name}`: catalog entry first, then the data on its pool (spec §4.2).
    func deleteQueue(_ request: APIRequest, name: String) async throws -> Response {
        let queue = request.queue(name)
        if let store = try await placement.unregister(queue) {
            try await store.deleteQueue(queue)
        }
        return Responses.empty(.noContent)
    }

    /// `GET /v2/queues/{name}/stats`.
    func queueStats(_ request: APIRequest, name: String) async throws -> Response {
        let queue = request.queue(name)
        let stats = try await placement.store(for: queue)?.stats(queue) ?? .empty
        let messagesPath = "/v2/queues/\(name)/messages/"
        return Responses.json(.ok) { writer in
            writer.beginObject()
            writer.key("messages")
            writer.beginObject()
            writer.key("claimed")
            writer.int(stats.claimed)
            writer.key("free")
            writer.int(stats.free)
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
                    writer.string(Timestamp.iso8601(millis: endpoint.createdMillis))
                    writer.endObject()
                }
            }
            writer.endObject()
            writer.endObject()
        }
    }

    /// `POST /v2/queues/{name}/purge`: optional `{"resource_types": [...]}`.
    func purgeQueue(_ request: APIRequest, name: String) async throws -> Response {
        let body = try await RequestBodyReader.collect(
            request.request, limit: limits.maxQueueMetadata,
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
