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

    /// `GET /v2/ping`: 204 when every pool answers, else 503 without body.
    func ping() async -> Response {
        let alive = await withTaskGroup(of: Bool.self) { group in
            for (_, store) in placement.allStores {
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

    /// `GET /v2/health` (admin mode, admin role): catalog and per-pool reachability.
    func health(_ request: APIRequest) async throws -> Response {
        guard RequestChecks.isAdmin(request.request) else { throw APIError.notAuthorized }
        let catalogReachable: Bool
        do {
            _ = try await catalog.pools()
            catalogReachable = true
        } catch {
            catalogReachable = false
        }
        let stores = placement.allStores
        let reachability = await withTaskGroup(of: (String, Bool).self) { group in
            for (name, store) in stores {
                group.addTask {
                    do {
                        try await store.ping()
                        return (name, true)
                    } catch {
                        return (name, false)
                    }
                }
            }
            var result: [String: Bool] = [:]
            for await (name, alive) in group { result[name] = alive }
            return result
        }
        return Responses.json(.ok) { writer in
            writer.beginObject()
            writer.key("catalog_reachable")
            writer.bool(catalogReachable)
            for (name, _) in stores {
                writer.key(name)
                writer.beginObject()
                writer.key("storage_reachable")
                writer.bool(reachability[name] ?? false)
                writer.key("operation_status")
                writer.beginObject()
                writer.endObject()
                writer.endObject()
            }
            writer.endObject()
        }
    }
}
