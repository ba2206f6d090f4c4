import PostgresNIO
import Shared

extension PostgresCatalog {
    public func placement(of queue: QueueRef) async throws(CatalogError) -> QueuePlacement? {
        try await withConnection { connection, logger in
            try await Self.placement(of: queue, connection: connection, logger: logger)
        }
    }

    public func register(_ queue: QueueRef, placement: QueuePlacement) async throws(CatalogError) -> QueuePlacement {
        try await transaction { connection, logger in
            // Share-lock the pool and flavor rows so a concurrent delete of either waits for this
            // registration and then sees the queue (no queue is stranded on a deleted pool).
            try await connection.query(
                "SELECT 1 FROM pools WHERE name = \(placement.pool) FOR SHARE", logger: logger)
            if let flavor = placement.flavor {
                try await connection.query(
                    "SELECT 1 FROM flavors WHERE project = \(queue.project) AND name = \(flavor) FOR SHARE",
                    logger: logger)
            }
            try await connection.query(
                """
                INSERT INTO queues (project, name, pool, flavor)
                VALUES (\(queue.project), \(queue.name), \(placement.pool), \(placement.flavor))
                ON CONFLICT (project, name) DO NOTHING
                """, logger: logger)
            return try await Self.placement(of: queue, connection: connection, logger: logger) ?? placement
        }
    }

    public func unregister(_ queue: QueueRef) async throws(CatalogError) {
        try await transaction { connection, logger in
            let removed = try await Self.one(
                try await connection.query(
                    "DELETE FROM queues WHERE project = \(queue.project) AND name = \(queue.name) RETURNING 1",
                    logger: logger),
                as: Int.self) != nil
            if removed { try await Self.bumpRevision(connection, logger: logger) }
        }
    }

    public func movePlacement(_ queue: QueueRef, from: String, to: String) async throws(CatalogError) -> Bool {
        try await transaction { connection, logger in
            // Share-lock the target pool so a concurrent delete of it waits and then sees the queue.
            try await connection.query("SELECT 1 FROM pools WHERE name = \(to) FOR SHARE", logger: logger)
            return try await Self.one(
                try await connection.query(
                    """
                    UPDATE queues SET pool = \(to)
                    WHERE project = \(queue.project) AND name = \(queue.name) AND pool = \(from) RETURNING 1
                    """, logger: logger),
                as: Int.self) != nil
        }
    }

    public func queues(onPool pool: String, after marker: QueueRef?, limit: Int) async throws(CatalogError) -> [QueueRef] {
        guard limit > 0 else { return [] }
        let marker = marker ?? QueueRef(project: "", name: "")
        return try await withConnection { connection, logger in
            try await Self.all(
                try await connection.query(
                    """
                    SELECT project, name FROM queues
                    WHERE pool = \(pool) AND (project > \(marker.project) OR (project = \(marker.project) AND name > \(marker.name)))
                    ORDER BY project, name LIMIT \(limit)
                    """, logger: logger),
                decoding: { row in
                    let (project, name) = try row.decode((String, String).self)
                    return QueueRef(project: project, name: name)
                })
        }
    }

    public func queueNames(project: String, after marker: String?, limit: Int) async throws(CatalogError) -> [String] {
        guard limit > 0 else { return [] }
        let after = marker ?? ""
        return try await withConnection { connection, logger in
            try await Self.all(
                try await connection.query(
                    """
                    SELECT name FROM queues WHERE project = \(project) AND name > \(after)
                    ORDER BY name LIMIT \(limit)
                    """, logger: logger),
                as: String.self)
        }
    }

    public func queueCount(project: String) async throws(CatalogError) -> Int {
        try await withConnection { connection, logger in
            try await Self.one(
                try await connection.query("SELECT COUNT(*) FROM queues WHERE project = \(project)", logger: logger),
                as: Int.self) ?? 0
        }
    }

    private static func placement(
        of queue: QueueRef, connection: PostgresConnection, logger: Logger
    ) async throws -> QueuePlacement? {
        try await all(
            try await connection.query(
                "SELECT pool, flavor FROM queues WHERE project = \(queue.project) AND name = \(queue.name)",
                logger: logger),
            decoding: { row in
                let (pool, flavor) = try row.decode((String, String?).self)
                return QueuePlacement(pool: pool, flavor: flavor)
            }
        ).first
    }
}
