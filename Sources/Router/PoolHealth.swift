import Catalog
import Shared

/// One pool's entry of `/v2/health`.
struct PoolHealth: Sendable {
    var storageReachable = false
    /// Node-wide message counts; `nil` when the node could not report them.
    var messageVolume: NodeStats.MessageCounts?
    /// Queues the catalog places on the pool; `nil` when the catalog could not count them.
    var queues: Int?

    /// Pings the pool's node, asks it for its message counts and the catalog for its queue count.
    static func probe(_ pool: Pool, store: any QueueStore, catalog: any CatalogStore) async -> PoolHealth {
        var health = PoolHealth()
        do {
            try await store.ping()
            health.storageReachable = true
            health.messageVolume = try? await store.nodeStats().messages
        } catch {
            health.storageReachable = false
        }
        health.queues = try? await catalog.queueCount(pool: pool.name)
        return health
    }

    /// Writes `{"storage_reachable", "operation_status": {}, "message_volume"?, "queues"?}`.
    func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("storage_reachable")
        writer.bool(storageReachable)
        writer.key("operation_status")
        writer.beginObject()
        writer.endObject()
        if let messageVolume {
            writer.key("message_volume")
            writer.beginObject()
            writer.key("free")
            writer.int(messageVolume.free)
            writer.key("claimed")
            writer.int(messageVolume.claimed)
            writer.key("total")
            writer.int(messageVolume.total)
            writer.endObject()
        }
        if let queues {
            writer.key("queues")
            writer.int(queues)
        }
        writer.endObject()
    }
}
