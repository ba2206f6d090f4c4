import Catalog
import HTTPTypes
import Hummingbird
import Shared

extension HeraldAPI {
    /// `GET /`: the version discovery document (300).
    static func versions() -> Response {
        Responses.json(.multipleChoices, versionsDocument)
    }

    private static let versionsDocument = Array(
        #"{"versions":[{"id":"2","status":"CURRENT","updated":"2014-9-24T04:06:47Z","media-types":[{"base":"application/json","type":"application/vnd.openstack.messaging-v2+json"}],"links":[{"href":"/v2/","rel":"self"}]}]}"#
            .utf8)

    /// `GET /v2/`: the JSON home document.
    func homeDocument() -> Response {
        let bytes = HomeDocument.build(adminMode: configuration.adminMode)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json-home", .cacheControl: "max-age=86400"],
            body: ResponseBody(byteBuffer: .init(bytes: bytes)))
    }

    /// `GET /v2/ping`: 204 when every pool answers, else 503 without body (also when the
    /// catalog cannot list the pools).
    func ping() async -> Response {
        guard let pools = try? await placement.poolStores() else { return Responses.empty(.serviceUnavailable) }
        let alive = await withTaskGroup(of: Bool.self) { group in
            for (_, store) in pools {
                group.addTask {
                    do {
                        try await store.ping()
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.allSatisfy { $0 }
        }
        return Responses.empty(alive ? .noContent : .serviceUnavailable)
    }

    /// `GET /v2/health` (admin mode, admin role): catalog reachability and, per pool, node
    /// reachability, message volume and the catalog's queue count (omitted when it cannot be
    /// counted). 503 when the catalog cannot list the pools.
    func health(_ request: APIRequest) async throws -> Response {
        let pools: [Pool]
        var catalogReachable = true
        do {
            pools = try await catalog.pools()
        } catch {
            pools = []
            catalogReachable = false
        }
        var reports: [String: PoolHealth] = [:]
        await withTaskGroup(of: (String, PoolHealth).self) { group in
            for pool in pools {
                let store = await placement.stores.store(for: pool)
                group.addTask { (pool.name, await PoolHealth.probe(pool, store: store, catalog: catalog)) }
            }
            for await (name, report) in group { reports[name] = report }
        }
        return Responses.json(catalogReachable ? .ok : .serviceUnavailable) { writer in
            writer.beginObject()
            writer.key("catalog_reachable")
            writer.bool(catalogReachable)
            for pool in pools {
                writer.key(pool.name)
                (reports[pool.name] ?? PoolHealth()).write(into: &writer)
            }
            writer.endObject()
        }
    }
}
