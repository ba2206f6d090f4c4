import Foundation

extension HeraldClient {
    /// The `X-Roles: admin` header the admin API requires.
    static let adminRole = ("X-Roles", "admin")

    /// `GET path` with the admin role.
    func adminGet(_ path: String) async throws -> HeraldResponse {
        try await send(.get, path, headers: [Self.adminRole])
    }

    /// `PUT path` with a JSON body and the admin role.
    func adminPut(_ path: String, body: String) async throws -> HeraldResponse {
        try await send(.put, path, headers: [Self.adminRole], body: body)
    }

    /// `PATCH path` with a plain JSON body (pools and flavors) and the admin role.
    func adminPatch(_ path: String, body: String) async throws -> HeraldResponse {
        try await send(.patch, path, headers: [Self.adminRole, ("Content-Type", "application/json")], body: body)
    }

    /// The pool the catalog placed `queue` on (`GET /v2/queues/{name}/pool`), or `nil`.
    func poolOf(queue: String) async throws -> String? {
        let response = try await adminGet("/v2/queues/\(queue)/pool")
        guard response.status == 200 else { return nil }
        return try response.json()["pool"]?.string
    }
}
