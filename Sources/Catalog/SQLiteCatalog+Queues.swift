import GRDB
import Shared

extension SQLiteCatalog {
    public func placement(of queue: QueueRef) async throws(CatalogError) -> QueuePlacement? {
        try await read { db in
            try Self.placement(of: queue, in: db)
        }
    }

    public func register(_ queue: QueueRef, placement: QueuePlacement) async throws(CatalogError) -> QueuePlacement {
        try await write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO queues (project, name, pool, flavor) VALUES (?, ?, ?, ?)",
                arguments: [queue.project, queue.name, placement.pool, placement.flavor])
            return try Self.placement(of: queue, in: db) ?? placement
        }
    }

    public func unregister(_ queue: QueueRef) async throws(CatalogError) {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM queues WHERE project = ? AND name = ?", arguments: [queue.project, queue.name])
            if db.changesCount > 0 { try Self.bumpRevision(db) }
        }
    }

    public func movePlacement(_ queue: QueueRef, from: String, to: String) async throws(CatalogError) -> Bool {
        try await write { db in
            try db.execute(
                sql: "UPDATE queues SET pool = ? WHERE project = ? AND name = ? AND pool = ?",
                arguments: [to, queue.project, queue.name, from])
            return db.changesCount > 0
        }
    }

    public func queues(onPool pool: String, after marker: QueueRef?, limit: Int) async throws(CatalogError) -> [QueueRef] {
        guard limit > 0 else { return [] }
        let marker = marker ?? QueueRef(project: "", name: "")
        return try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT project, name FROM queues
                    WHERE pool = ? AND (project > ? OR (project = ? AND name > ?))
                    ORDER BY project, name LIMIT ?
                    """,
                arguments: [pool, marker.project, marker.project, marker.name, limit]
            ).map { QueueRef(project: $0["project"], name: $0["name"]) }
        }
    }

    public func queueNames(project: String, after marker: String?, limit: Int) async throws(CatalogError) -> [String] {
        guard limit > 0 else { return [] }
        return try await read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM queues WHERE project = ? AND name > ? ORDER BY name LIMIT ?",
                arguments: [project, marker ?? "", limit])
        }
    }

    public func queueCount(project: String) async throws(CatalogError) -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queues WHERE project = ?", arguments: [project]) ?? 0
        }
    }

    private static func placement(of queue: QueueRef, in db: Database) throws -> QueuePlacement? {
        try Row.fetchOne(
            db, sql: "SELECT pool, flavor FROM queues WHERE project = ? AND name = ?",
            arguments: [queue.project, queue.name]
        ).map { QueuePlacement(pool: $0["pool"], flavor: $0["flavor"]) }
    }
}
