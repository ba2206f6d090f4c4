import Catalog
import HTTPTypes
import Hummingbird
import Shared

extension HeraldAPI {
    /// Largest pool or flavor body read.
    static let maxAdminBodySize = 65_536
    /// Largest `limit` of the pool and flavor listings.
    static let maxAdminPageSize = 20

    /// `GET /v2/pools`: a page of pools sorted by name, `Content-Location` = the request uri.
    func listPools(_ request: APIRequest) async throws -> Response {
        let limit = try limit(request, max: Self.maxAdminPageSize)
        let detailed = try request.query.bool("detailed")
        let pools = try await catalog.pools(after: request.query.string("marker"), limit: limit)
        let requestURI = request.request.uri.query.map { request.path + "?" + $0 } ?? request.path
        return Responses.json(.ok, headers: [.contentLocation: requestURI]) { writer in
            writer.beginObject()
            writer.key("pools")
            writer.beginArray()
            for pool in pools { Self.writePool(pool, detailed: detailed == true, into: &writer) }
            writer.endArray()
            writeLinks(&writer, path: request.path, marker: pools.last?.name) { next in
                addAdminPaging(&next, request, limit: limit, detailed: detailed)
            }
            writer.endObject()
        }
    }

    /// `GET /v2/pools/{name}`: the pool, with `options` when `detailed=true`.
    func getPool(_ request: APIRequest, name: String) async throws -> Response {
        let detailed = try request.query.bool("detailed") == true
        guard let pool = try await catalog.pool(named: name) else { throw APIError(catalog: .poolNotFound(name)) }
        return Responses.json(.ok) { Self.writePool(pool, detailed: detailed, into: &$0) }
    }

    /// `PUT /v2/pools/{name}`: creates or replaces the pool (201). A new uri must name a node
    /// that answers; a uri another pool uses is a 409.
    func putPool(_ request: APIRequest, name: String) async throws -> Response {
        try checkAdminName(name, kind: "pool")
        let fields = try PoolDocument.forCreate(try await adminBody(request))
        let existing = try await catalog.pool(named: name)
        let pool = Pool(
            name: name, uri: fields.uri ?? "", weight: fields.weight ?? 0, flavor: fields.flavor ?? nil,
            options: fields.options ?? .object([]))
        try await save(pool, previous: existing)
        return Responses.empty(.created, headers: [.location: request.path])
    }

    /// `PATCH /v2/pools/{name}`: updates the given fields (`flavor: ""` clears it); 200 with the pool.
    func patchPool(_ request: APIRequest, name: String) async throws -> Response {
        let fields = try PoolDocument.forUpdate(try await adminBody(request))
        guard let existing = try await catalog.pool(named: name) else { throw APIError(catalog: .poolNotFound(name)) }
        var pool = existing
        if let uri = fields.uri { pool.uri = uri }
        if let weight = fields.weight { pool.weight = weight }
        if let flavor = fields.flavor { pool.flavor = flavor }
        if let options = fields.options { pool.options = options }
        try await save(pool, previous: existing)
        return Responses.json(.ok) { Self.writePool(pool, detailed: false, into: &$0) }
    }

    /// `DELETE /v2/pools/{name}`: 204, also for unknown pools. Refused with 403 when the pool is
    /// the only one of its flavor, and with 409 (and the count) while it still holds queues.
    func deletePool(_ request: APIRequest, name: String) async throws -> Response {
        if let pool = try await catalog.pool(named: name), let flavor = pool.flavor {
            let members = try await catalog.pools().filter { $0.flavor == flavor }
            if members.count == 1 {
                throw APIError(
                    status: .forbidden, title: "Unable to delete",
                    description: "Pool \(name) is the only pool of flavor \(flavor); move the flavor to other pools first.")
            }
        }
        try await catalog.deletePool(named: name)
        placement.invalidatePools()
        return Responses.empty(.noContent)
    }

    // MARK: Helpers

    /// Writes the pool representation `{"name","uri","weight","flavor","href"[,"options"]}`.
    static func writePool(_ pool: Pool, detailed: Bool, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("name")
        writer.string(pool.name)
        writer.key("uri")
        writer.string(pool.uri)
        writer.key("weight")
        writer.int(pool.weight)
        writer.key("flavor")
        if let flavor = pool.flavor { writer.string(flavor) } else { writer.null() }
        writer.key("href")
        writer.string("/v2/pools/" + pool.name)
        if detailed {
            writer.key("options")
            writer.value(pool.options)
        }
        writer.endObject()
    }

    /// Stores the pool after the uri checks: unique among pools (409) and, when it is new for
    /// this pool, naming a node that answers (400).
    private func save(_ pool: Pool, previous: Pool?) async throws {
        if let owner = try await catalog.pools().first(where: { $0.uri == pool.uri && $0.name != pool.name }) {
            throw APIError(catalog: .duplicateURI(uri: pool.uri, pool: owner.name))
        }
        if previous?.uri != pool.uri {
            guard let address = PoolAddress(uri: pool.uri), await PoolProbe.answers(address, security: placement.stores.security) else {
                throw APIError(status: .badRequest, title: "Unable to create pool", description: "cannot connect to \(pool.uri)")
            }
        }
        try await catalog.upsertPool(pool)
        placement.invalidatePools()
    }

    /// Pool and flavor names follow the queue name rules: 1...64 of `[A-Za-z0-9_.-]`.
    func checkAdminName(_ name: String, kind: String) throws(APIError) {
        guard Validation.isValidQueueName(name) else {
            throw .invalidAPIRequest(
                "A \(kind) name must be 1 to \(Validation.maxQueueNameLength) ASCII letters, digits, underscores, dashes or dots.")
        }
    }

    /// The parsed JSON body of an admin request; an empty body is a 400.
    func adminBody(_ request: APIRequest) async throws -> JSONValue {
        let body = try await request.collectBody(
            limit: Self.maxAdminBodySize,
            tooLarge: .invalidBody("Request body is too large. Max size: \(Self.maxAdminBodySize)"))
        guard !isBlank(body) else { throw APIError.invalidBody("Request body can not be empty") }
        return try parseJSON(body)
    }
}
