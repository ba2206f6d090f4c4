import Catalog
import HTTPTypes
import Hummingbird
import Shared

extension HeraldAPI {
    /// What every Herald pool offers, in the reference's declared order (spec §4.4).
    static let heraldCapabilities = ["FIFO", "CLAIMS", "DURABILITY", "AOD", "HIGH_THROUGHPUT"]

    /// `GET /v2/flavors` (open): a page of the project's flavors sorted by name.
    func listFlavors(_ request: APIRequest) async throws -> Response {
        let limit = try limit(request, max: Self.maxAdminPageSize)
        let detailed = try request.query.bool("detailed")
        let flavors = try await catalog.flavors(project: request.project, after: request.query.string("marker"), limit: limit)
        let pools = flavors.isEmpty ? [] : try await catalog.pools()
        return Responses.json(.ok) { writer in
            writer.beginObject()
            writer.key("flavors")
            writer.beginArray()
            for flavor in flavors {
                let members = Self.members(of: flavor, in: pools)
                Self.writeFlavor(
                    flavor, members: members, poolListWhenEmpty: false, capabilities: detailed == true, into: &writer)
            }
            writer.endArray()
            writeLinks(&writer, path: request.path, marker: flavors.last?.name) { next in
                addAdminPaging(&next, request, limit: limit, detailed: detailed)
            }
            writer.endObject()
        }
    }

    /// `GET /v2/flavors/{name}` (open): `{"name","href","pool_list","capabilities"}`.
    func getFlavor(_ request: APIRequest, name: String) async throws -> Response {
        guard let flavor = try await catalog.flavor(project: request.project, name: name) else {
            throw APIError(catalog: .flavorNotFound(name))
        }
        return try await flavorResponse(flavor)
    }

    /// `PUT /v2/flavors/{name}` (admin): creates or replaces the flavor and makes exactly the
    /// listed pools its members (201).
    func putFlavor(_ request: APIRequest, name: String) async throws -> Response {
        try checkAdminName(name, kind: "flavor")
        let fields = try FlavorDocument.forCreate(try await adminBody(request))
        let flavor = Flavor(project: request.project, name: name, capabilities: fields.capabilities ?? .object([]))
        try await catalog.upsertFlavor(flavor, pools: fields.poolList)
        placement.invalidatePools()
        return Responses.empty(.created, headers: [.location: request.path])
    }

    /// `PATCH /v2/flavors/{name}` (admin): replaces the member pools; 200 with the flavor.
    func patchFlavor(_ request: APIRequest, name: String) async throws -> Response {
        let fields = try FlavorDocument.forUpdate(try await adminBody(request))
        guard var flavor = try await catalog.flavor(project: request.project, name: name) else {
            throw APIError(catalog: .flavorNotFound(name))
        }
        if let capabilities = fields.capabilities { flavor.capabilities = capabilities }
        try await catalog.upsertFlavor(flavor, pools: fields.poolList)
        placement.invalidatePools()
        return try await flavorResponse(flavor)
    }

    /// `DELETE /v2/flavors/{name}` (admin): 204, also for unknown flavors; 409 while queues
    /// placed through it exist.
    func deleteFlavor(_ request: APIRequest, name: String) async throws -> Response {
        try await catalog.deleteFlavor(project: request.project, name: name)
        placement.invalidatePools()
        return Responses.empty(.noContent)
    }

    // MARK: Helpers

    private func flavorResponse(_ flavor: Flavor) async throws -> Response {
        let members = Self.members(of: flavor, in: try await catalog.pools())
        return Responses.json(.ok) { writer in
            Self.writeFlavor(flavor, members: members, poolListWhenEmpty: true, capabilities: true, into: &writer)
        }
    }

    /// Names of the pools whose `flavor` is the flavor's name, sorted.
    static func members(of flavor: Flavor, in pools: [Pool]) -> [String] {
        pools.filter { $0.flavor == flavor.name }.map(\.name)
    }

    /// Writes `{"name","href","pool_list"?,"capabilities"?}`; capabilities are derived from the
    /// member pools (none without members).
    static func writeFlavor(
        _ flavor: Flavor, members: [String], poolListWhenEmpty: Bool, capabilities: Bool, into writer: inout JSONWriter
    ) {
        writer.beginObject()
        writer.key("name")
        writer.string(flavor.name)
        writer.key("href")
        writer.string("/v2/flavors/" + flavor.name)
        if poolListWhenEmpty || !members.isEmpty {
            writer.key("pool_list")
            writer.beginArray()
            for name in members { writer.string(name) }
            writer.endArray()
        }
        if capabilities {
            writer.key("capabilities")
            writer.beginArray()
            if !members.isEmpty {
                for capability in heraldCapabilities { writer.string(capability) }
            }
            writer.endArray()
        }
        writer.endObject()
    }
}
