import HTTPTypes
import Hummingbird
import Shared

extension HeraldAPI {
    /// `POST /v2/queues/{name}/messages`: lazy queue creation, 201 with the new resources.
    func postMessages(_ request: APIRequest, name: String) async throws -> Response {
        let body = try await request.collectBody(
            limit: limits.maxMessagesPostSize,
            tooLarge: .invalidAPIRequest("Message collection size is too large. Max size \(limits.maxMessagesPostSize)"))
        guard !isBlank(body) else { throw APIError.invalidBody("Request body can not be empty") }
        let parser = MessagePostParser(limits: limits, enableChecksum: configuration.enableChecksum)
        let messages = try parser.messages(from: try parseJSON(body))
        let queue = request.queue(name)
        let store = try await placement.storeCreatingPlacement(for: queue)
        let ids = try await store.postMessages(
            queue, clientID: request.clientID, messages: messages,
            requestSize: RequestBodyReader.declaredLength(of: request.request) ?? body.count)
        activity.recordPosted(ids.count)
        let base = request.kind.path(name) + "/messages/"
        return Responses.json(.created, headers: [.location: request.path + "?ids=" + ids.joined(separator: ",")]) { writer in
            writer.beginObject()
            writer.key("resources")
            writer.beginArray()
            for id in ids { writer.string(base + id) }
            writer.endArray()
            writer.endObject()
        }
    }

    /// `GET /v2/queues/{name}/messages`: a page of the listing, or the messages named by `ids`.
    func listMessages(_ request: APIRequest, name: String) async throws -> Response {
        let query = request.query
        if let ids = query.list("ids") {
            return try await getMessages(request, name: name, ids: ids)
        }
        let limit = try limit(request, max: limits.maxMessagesPerPage)
        let echo = try query.bool("echo")
        let includeClaimed = try query.bool("include_claimed")
        let includeDelayed = try query.bool("include_delayed")
        var marker: Int64?
        if let text = query.string("marker") {
            guard let parsed = Int64(text) else { return Self.emptyMessagePage }
            marker = parsed
        }
        let wait = try LongPoll.seconds(request)
        let queue = request.queue(name)
        guard let store = try await placement.store(for: queue) else { return Self.emptyMessagePage }
        let listing = MessageListQuery(
            marker: marker, limit: limit, clientID: request.clientID, echo: echo ?? false,
            includeClaimed: includeClaimed ?? false, includeDelayed: includeDelayed ?? false)
        var page = try await store.listMessages(queue, query: listing)
        if page.messages.isEmpty, wait > 0 {
            // Long poll: an empty page waits for a post (the `includeDelayed` answer stays the first page's).
            let firstPage = page
            page = try await longPoll.repeatUntilFound(
                {
                    let next = try await store.listMessages(queue, query: listing)
                    return next.messages.isEmpty ? nil : next
                }, store: store, queue: queue, seconds: wait) ?? firstPage
        }
        return Responses.json(.ok) { writer in
            writer.beginObject()
            MessageRendering.writeList(page.messages, queue: name, kind: request.kind, into: &writer)
            writeLinks(&writer, path: request.path, marker: page.messages.last.map { String($0.sequence) }) { next in
                if query.contains("limit") { next.add("limit", limit) }
                if let echo { next.add("echo", echo) }
                if let includeClaimed { next.add("include_claimed", includeClaimed) }
                if includeDelayed != nil || page.includeDelayed { next.add("include_delayed", page.includeDelayed) }
            }
            writer.endObject()
        }
    }

    static let emptyMessagePage = Responses.json(.ok, Array(#"{"messages":[],"links":[]}"#.utf8))

    /// `GET .../messages?ids=a,b`: 404 when none is found.
    private func getMessages(_ request: APIRequest, name: String, ids: [String]) async throws -> Response {
        guard ids.count <= limits.maxMessagesPerPage else {
            throw APIError.invalidAPIRequest("No more than \(limits.maxMessagesPerPage) messages can be retrieved at once.")
        }
        let queue = request.queue(name)
        guard let store = try await placement.store(for: queue) else { throw APIError.notFound("Queue \(name) does not exist.") }
        let messages = ids.isEmpty ? [] : try await store.getMessages(queue, ids: ids)
        guard !messages.isEmpty else { throw APIError.notFound("No messages with the given ids were found.") }
        return Responses.json(.ok) { writer in
            writer.beginObject()
            MessageRendering.writeList(messages, queue: name, kind: request.kind, into: &writer)
            writer.endObject()
        }
    }

    /// `GET /v2/queues/{name}/messages/{id}`.
    func getMessage(_ request: APIRequest, name: String, id: String) async throws -> Response {
        let queue = request.queue(name)
        guard let store = try await placement.store(for: queue),
            let message = try await store.getMessages(queue, ids: [id]).first
        else { throw APIError.notFound("Message \(id) does not exist.") }
        return Responses.json(.ok) { writer in
            MessageRendering.write(message, queue: name, kind: request.kind, into: &writer)
        }
    }

    /// `DELETE /v2/queues/{name}/messages/{id}[?claim_id=]` (spec §3.7).
    func deleteMessage(_ request: APIRequest, name: String, id: String) async throws -> Response {
        let queue = request.queue(name)
        if let store = try await placement.store(for: queue) {
            try await store.deleteMessage(queue, id: id, claimID: request.query.string("claim_id"))
            activity.recordDeleted(1)
        }
        return Responses.empty(.noContent)
    }

    /// `DELETE /v2/queues/{name}/messages?ids=...` (204) or `?pop=N` (200 with the popped messages).
    func deleteMessages(_ request: APIRequest, name: String) async throws -> Response {
        let query = request.query
        let ids = query.list("ids")
        let pop = try query.int("pop")
        let claimIDs = configuration.messageDeleteWithClaimID ? query.list("claim_ids") : nil
        switch (ids, pop) {
        case (nil, nil):
            throw APIError.invalidAPIRequest("Either \"ids\" or \"pop\" must be specified.")
        case (.some, .some):
            throw APIError.invalidAPIRequest("\"ids\" and \"pop\" cannot be used together.")
        case (let ids?, nil):
            guard ids.count <= limits.maxMessagesPerPage else {
                throw APIError.invalidAPIRequest("No more than \(limits.maxMessagesPerPage) messages can be deleted at once.")
            }
            if configuration.messageDeleteWithClaimID, claimIDs == nil {
                throw APIError.invalidAPIRequest("\"claim_ids\" must be given along with \"ids\".")
            }
            let queue = request.queue(name)
            if !ids.isEmpty, let store = try await placement.store(for: queue) {
                try await store.deleteMessages(queue, ids: ids, claimIDs: claimIDs)
                activity.recordDeleted(ids.count)
            }
            return Responses.empty(.noContent)
        case (nil, let count?):
            guard count >= 1, count <= limits.maxMessagesPerClaimOrPop else {
                throw APIError.invalidAPIRequest(
                    "Pop value must be at least 1 and may not be greater than \(limits.maxMessagesPerClaimOrPop).")
            }
            let queue = request.queue(name)
            let popped = try await placement.store(for: queue)?.popMessages(queue, limit: count) ?? []
            activity.recordDeleted(popped.count)
            return Responses.json(.ok) { writer in
                writer.beginObject()
                writer.key("messages")
                writer.beginArray()
                for message in popped { MessageRendering.writePopped(message, into: &writer) }
                writer.endArray()
                writer.endObject()
            }
        }
    }
}
