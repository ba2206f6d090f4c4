import GRDB
import Shared

extension SQLiteCatalog {
    private static let poolColumns = "name, uri, weight, flavor, options"

    public func upsertPool(_ pool: Pool) async throws(CatalogError) {
        try CatalogInputChecks.check(pool)
        let options = StoredJSON.encode(pool.options)
        try await write { db in
            if let other = try String.fetchOne(
                db, sql: "SELECT name FROM pools WHERE uri = ? AND name <> ?", arguments: [pool.uri, pool.name])
            {
                throw CatalogError.duplicateURI(uri: pool.uri, pool: other)
            }
            try db.execute(
                sql: """
                    INSERT INTO pools (name, uri, weight, flavor, options) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET
                        uri = excluded.uri, weight = excluded.weight,
                        flavor = excluded.flavor, options = excluded.options
                    """,
                arguments: [pool.name, pool.uri, pool.weight, pool.flavor, options])
            try Self.bumpRevision(db)
        }
    }

    public func pools() async throws(CatalogError) -> [Pool] {
        let rows = try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.poolColumns) FROM pools ORDER BY name").map(StoredPool.init)
        }
        return try Self.pools(from: rows)
    }

    public func pools(after marker: String?, limit: Int) async throws(CatalogError) -> [Pool] {
        guard limit > 0 else { return [] }
        let rows = try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.poolColumns) FROM pools WHERE name > ? ORDER BY name LIMIT ?",
                arguments: [marker ?? "", limit]
            ).map(StoredPool.init)
        }
        return try Self.pools(from: rows)
    }

    public func pool(named name: String) async throws(CatalogError) -> Pool? {
        let rows = try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.poolColumns) FROM pools WHERE name = ?", arguments: [name])
                .map(StoredPool.init)
        }
        return try Self.pools(from: rows).first
    }

    public func deletePool(named name: String) async throws(CatalogError) {
        try await write { db in
            let queues = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queues WHERE pool = ?", arguments: [name]) ?? 0
            guard queues == 0 else { throw CatalogError.poolInUse(pool: name, queues: queues) }
            try db.execute(sql: "DELETE FROM pools WHERE name = ?", arguments: [name])
            if db.changesCount > 0 { try Self.bumpRevision(db) }
        }
    }

    public func queueCount(pool: String) async throws(CatalogError) -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queues WHERE pool = ?", arguments: [pool]) ?? 0
        }
    }

    private static func pools(from rows: [StoredPool]) throws(CatalogError) -> [Pool] {
        var pools: [Pool] = []
        pools.reserveCapacity(rows.count)
        for row in rows {
            pools.append(Pool(
                name: row.name, uri: row.uri, weight: row.weight, flavor: row.flavor,
                options: try StoredJSON.decode(row.options, column: "pools.options")))
        }
        return pools
    }
}

/// One `pools` row as read from SQLite, options still serialized.
private struct StoredPool: Sendable {
    var name: String
    var uri: String
    var weight: Int
    var flavor: String?
    var options: String

    init(_ row: Row) {
        name = row["name"]
        uri = row["uri"]
        weight = row["weight"]
        flavor = row["flavor"]
        options = row["options"]
    }
}
