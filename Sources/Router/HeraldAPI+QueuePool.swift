import Catalog
import Hummingbird
import Shared

extension HeraldAPI {
    /// `GET /v2/queues/{name}/pool` (Herald extension, admin): where the catalog places the
    /// queue, `{"queue","project","pool","flavor","href"}`; 404 when it is not in the catalog.
    func queuePool(_ request: APIRequest, name: String) async throws -> Response {
        guard let placement = try await catalog.placement(of: request.queue(name)) else {
            throw APIError.notFound("Queue \(name) is not in the catalog.")
        }
        return Responses.json(.ok) { writer in
            writer.beginObject()
            Self.writePlacementMembers(&writer, queue: name, project: request.project, placement: placement)
            writer.endObject()
        }
    }

    /// The members `queue`, `project`, `pool`, `flavor` and `href` of a placement document.
    static func writePlacementMembers(_ writer: inout JSONWriter, queue: String, project: String, placement: QueuePlacement) {
        writer.key("queue")
        writer.string(queue)
        writer.key("project")
        writer.string(project)
        writer.key("pool")
        writer.string(placement.pool)
        writer.key("flavor")
        if let flavor = placement.flavor { writer.string(flavor) } else { writer.null() }
        writer.key("href")
        writer.string("/v2/pools/" + placement.pool)
    }
}
