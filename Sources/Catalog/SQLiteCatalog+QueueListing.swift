import GRDB
import Shared

extension SQLiteCatalog {
    public func registeredQueues(after marker: QueueRef?, limit: Int) async throws(CatalogError) -> [RegisteredQueue] {
        guard limit > 0 else { return [] }
        return try await read { db in
            let rows: [Row]
            if let marker {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT project, name, pool, flavor FROM queues
                        WHERE project > ? OR (project = ? AND name > ?)
                        ORDER BY project, name LIMIT ?
                        """,
                    arguments: [marker.project, marker.project, marker.name, limit])
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT project, name, pool, flavor FROM queues ORDER BY project, name LIMIT ?",
                    arguments: [limit])
            }
            return rows.map { row in
                RegisteredQueue(
                    queue: QueueRef(project: row["project"], name: row["name"]),
                    placement: QueuePlacement(pool: row["pool"], flavor: row["flavor"]))
            }
        }
    }
}
