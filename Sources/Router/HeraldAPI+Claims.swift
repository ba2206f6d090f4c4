import HTTPTypes
import Hummingbird
import Shared

extension HeraldAPI {
    /// Largest claim body read.
    static let maxClaimBodySize = 4096

    /// `POST /v2/queues/{name}/claims`: 201 with the claimed messages, 204 when nothing was claimable.
    func createClaim(_ request: APIRequest, name: String) async throws -> Response {
        let limit = try limit(request, max: limits.maxMessagesPerClaimOrPop)
        let body = try await request.collectBody(
            limit: Self.maxClaimBodySize, tooLarge: .invalidBody("Claim body is too large."))
        let (ttl, grace) = try claimParameters(body, required: false)
        try checkRange(ttl, name: "ttl", max: limits.maxClaimTTL)
        try checkRange(grace, name: "grace", max: limits.maxClaimGrace)
        let wait = try LongPoll.seconds(request)
        let queue = request.queue(name)
        guard let store = try await placement.store(for: queue),
            let claim = try await longPoll.repeatUntilFound(
                { try await store.createClaim(queue, ttl: ttl, grace: grace, limit: limit) },
                store: store, queue: queue, seconds: wait)
        else { return Responses.empty(.noContent) }
        activity.recordClaimed(claim.messages.count)
        let location = "/v2/queues/\(name)/claims/\(claim.claimID)"
        return Responses.json(.created, headers: [.location: location]) { writer in
            writer.beginObject()
            MessageRendering.writeList(claim.messages, queue: name, claimID: claim.claimID, into: &writer)
            writer.endObject()
        }
    }

    /// `GET /v2/queues/{name}/claims/{id}`.
    func getClaim(_ request: APIRequest, name: String, id: String) async throws -> Response {
        let queue = request.queue(name)
        guard let store = try await placement.store(for: queue), let claim = try await store.getClaim(queue, id: id) else {
            throw APIError.notFound("Claim \(id) does not exist or has expired.")
        }
        return Responses.json(.ok) { writer in
            writer.beginObject()
            writer.key("age")
            writer.int(claim.age)
            writer.key("ttl")
            writer.int(claim.ttl)
            writer.key("href")
            writer.string("/v2/queues/\(name)/claims/\(claim.id)")
            MessageRendering.writeList(claim.messages, queue: name, claimID: claim.id, into: &writer)
            writer.endObject()
        }
    }

    /// `PATCH /v2/queues/{name}/claims/{id}`: body required; missing fields take the defaults.
    func updateClaim(_ request: APIRequest, name: String, id: String) async throws -> Response {
        let body = try await request.collectBody(
            limit: Self.maxClaimBodySize, tooLarge: .invalidBody("Claim body is too large."))
        let (ttl, grace) = try claimParameters(body, required: true)
        try checkRange(ttl, name: "ttl", max: limits.maxClaimTTL)
        let queue = request.queue(name)
        guard let store = try await placement.store(for: queue) else {
            throw APIError.notFound("Claim \(id) does not exist or has expired.")
        }
        try await store.updateClaim(queue, id: id, ttl: ttl, grace: grace)
        return Responses.empty(.noContent)
    }

    /// `DELETE /v2/queues/{name}/claims/{id}`: 204 also for unknown claims.
    func deleteClaim(_ request: APIRequest, name: String, id: String) async throws -> Response {
        let queue = request.queue(name)
        if let store = try await placement.store(for: queue) {
            try await store.deleteClaim(queue, id: id)
        }
        return Responses.empty(.noContent)
    }

    // MARK: Helpers

    /// `ttl` and `grace` of a claim body, defaults for missing fields.
    private func claimParameters(_ body: [UInt8], required: Bool) throws(APIError) -> (ttl: Int, grace: Int) {
        var ttl = limits.defaultClaimTTL
        var grace = limits.defaultClaimGrace
        guard !isBlank(body) else {
            if required { throw .invalidBody("Request body can not be empty") }
            return (ttl, grace)
        }
        let document = try parseJSON(body)
        guard case .object = document else { throw .invalidBody("The claim body must be an object.") }
        for (name, slot) in [("ttl", 0), ("grace", 1)] {
            guard let value = document[name] else { continue }
            guard case .int(let number) = value, let exact = Int(exactly: number) else {
                throw .invalidBody("The claim \(name) must be an integer.")
            }
            if slot == 0 { ttl = exact } else { grace = exact }
        }
        return (ttl, grace)
    }

    private func checkRange(_ value: Int, name: String, max: Int) throws(APIError) {
        guard value >= limits.minimumTTL, value <= max else {
            throw .invalidAPIRequest(
                "The \(name) for a claim may not exceed \(max) seconds, and must be at least \(limits.minimumTTL) seconds long.")
        }
    }
}
