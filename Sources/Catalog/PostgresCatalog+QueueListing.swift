import PostgresNIO
import Shared

extension PostgresCatalog {
    public func registeredQueues(after marker: QueueRef?, limit: Int) async throws(CatalogError) -> [RegisteredQueue] {
        guard limit > 0 else { return [] }
        return try await withConnection { connection, logger in
            let rows: PostgresRowSequence
            if let marker {
                rows = try await connection.query(
                    """
                    SELECT project, name, pool, flavor FROM queues
                    WHERE project > \(marker.project) OR (project = \(marker.project) AND name > \(marker.name))
                    ORDER BY project, name LIMIT \(limit)
                    """, logger: logger)
            } else {
                rows = try await connection.query(
                    "SELECT project, name, pool, flavor FROM queues ORDER BY project, name LIMIT \(limit)",
                    logger: logger)
            }
            return try await Self.all(rows) { row in
                let (project, name, pool, flavor) = try row.decode((String, String, String, String?).self)
                return RegisteredQueue(
                    queue: QueueRef(project: project, name: name), placement: QueuePlacement(pool: pool, flavor: flavor))
            }
        }
    }
}
