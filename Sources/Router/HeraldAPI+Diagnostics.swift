import Catalog
import Hummingbird
import Shared

extension HeraldAPI {
    /// `GET /v2/diagnostics` (admin mode, admin role; Herald extension): the router's own
    /// diagnostics report (as its SIGUSR2 report) and, per pool, the node's summary over RPC
    /// (reachability and message volume, as in `/v2/health`) with the connection states.
    func diagnostics() async -> Response {
        let diagnostics = RouterDiagnostics(
            options: configuration.diagnosticsOptions, catalog: catalog, stores: placement.stores)
        let pools = try? await catalog.pools()
        let report = await diagnostics.report()
        var summaries: [String: PoolHealth] = [:]
        await withTaskGroup(of: (String, PoolHealth).self) { group in
            for pool in pools ?? [] {
                let store = await placement.stores.store(for: pool)
                group.addTask { (pool.name, await PoolHealth.probe(pool, store: store, catalog: catalog)) }
            }
            for await (name, summary) in group { summaries[name] = summary }
        }
        return Responses.json(.ok) { writer in
            writer.beginObject()
            writer.key("router")
            writer.value(report.json)
            writer.key("pools")
            writer.beginObject()
            for pool in pools ?? [] {
                writer.key(pool.name)
                writer.beginObject()
                writer.key("uri")
                writer.string(pool.uri)
                writer.key("connections")
                writer.value(.array((placement.stores.connectionStates(pool: pool.name) ?? []).map { .string($0) }))
                writer.key("node")
                (summaries[pool.name] ?? PoolHealth()).write(into: &writer)
                writer.endObject()
            }
            writer.endObject()
            writer.endObject()
        }
    }
}
