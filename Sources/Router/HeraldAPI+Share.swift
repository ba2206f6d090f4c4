import Hummingbird
import Shared

extension HeraldAPI {
    /// Largest share body accepted (the body holds three short fields).
    static let maxShareBody = 65_536

    /// `POST /v2/queues/{name}/share` (spec §6.1): signs a grant for the queue's messages,
    /// subscriptions or claims and answers 200 `{"project", "paths", "methods", "expires",
    /// "signature"}` (lists sorted). Neither creates nor looks up the queue. 400 without a
    /// configured secret.
    func shareQueue(_ request: APIRequest, name: String) async throws -> Response {
        let bytes = try await request.collectBody(
            limit: Self.maxShareBody,
            tooLarge: .invalidBody("Request body is too large. Max size: \(Self.maxShareBody)"))
        guard let urlSigner else {
            throw APIError.invalidAPIRequest(
                "Pre-signed URLs are not available: the server has no signed URL secret configured.")
        }
        // The body is required, as in the reference; `{}` takes every default.
        guard !isBlank(bytes) else { throw APIError.invalidBody("Request body can not be empty.") }
        let body = try parseJSON(bytes)
        let scope = try ShareDocument(nowMillis: clock.nowMillis()).scope(from: body, queue: name, project: request.project)
        let signature = urlSigner.signature(for: scope)
        return Responses.json(.ok) { writer in
            writer.beginObject()
            writer.key("project")
            writer.string(request.project)
            writer.key("paths")
            writer.beginArray()
            for path in scope.paths { writer.string(path) }
            writer.endArray()
            writer.key("methods")
            writer.beginArray()
            for method in scope.methods { writer.string(method) }
            writer.endArray()
            writer.key("expires")
            writer.string(scope.expires)
            writer.key("signature")
            writer.string(signature)
            writer.endObject()
        }
    }
}
