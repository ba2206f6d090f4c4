import GRDB
import Shared

extension SQLiteCatalog {
    public func upsertFlavor(_ flavor: Flavor, pools members: [String]) async throws(CatalogError) {
        try CatalogInputChecks.check(flavor)
        let capabilities = StoredJSON.encode(flavor.capabilities)
        try await write { db in
            let existing = Set(try String.fetchAll(db, sql: "SELECT name FROM pools"))
            let unknown = CatalogInputChecks.unknownPools(members, existing: existing)
            guard unknown.isEmpty else { throw CatalogError.unknownPools(unknown) }
            try db.execute(
                sql: """
                    INSERT INTO flavors (project, name, capabilities) VALUES (?, ?, ?)
                    ON CONFLICT(project, name) DO UPDATE SET capabilities = excluded.capabilities
                    """,
                arguments: [flavor.project, flavor.name, capabilities])
            let keep = Set(members)
            for pool in try String.fetchAll(db, sql: "SELECT name FROM pools WHERE flavor = ?", arguments: [flavor.name])
            where !keep.contains(pool) {
                try db.execute(sql: "UPDATE pools SET flavor = NULL WHERE name = ?", arguments: [pool])
            }
            for pool in keep {
                try db.execute(sql: "UPDATE pools SET flavor = ? WHERE name = ?", arguments: [flavor.name, pool])
            }
            try Self.bumpRevision(db)
        }
    }

    public func flavor(project: String, name: String) async throws(CatalogError) -> Flavor? {
        let rows = try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT project, name, capabilities FROM flavors WHERE project = ? AND name = ?",
                arguments: [project, name]
            ).map(StoredFlavor.init)
        }
        return try Self.flavors(from: rows).first
    }

    public func flavors(project: String, after marker: String?, limit: Int) async throws(CatalogError) -> [Flavor] {
        guard limit > 0 else { return [] }
        let rows = try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT project, name, capabilities FROM flavors
                    WHERE project = ? AND name > ? ORDER BY name LIMIT ?
                    """,
                arguments: [project, marker ?? "", limit]
            ).map(StoredFlavor.init)
        }
        return try Self.flavors(from: rows)
    }

    public func deleteFlavor(project: String, name: String) async throws(CatalogError) {
        try await write { db in
            let known = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM flavors WHERE project = ? AND name = ?", arguments: [project, name]) ?? 0
            guard known > 0 else { return }
            let queues = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM queues WHERE project = ? AND flavor = ?", arguments: [project, name]) ?? 0
            guard queues == 0 else { throw CatalogError.flavorInUse(flavor: name, queues: queues) }
            try db.execute(sql: "DELETE FROM flavors WHERE project = ? AND name = ?", arguments: [project, name])
            try db.execute(sql: "UPDATE pools SET flavor = NULL WHERE flavor = ?", arguments: [name])
            try Self.bumpRevision(db)
        }
    }

    private static func flavors(from rows: [StoredFlavor]) throws(CatalogError) -> [Flavor] {
        var flavors: [Flavor] = []
        flavors.reserveCapacity(rows.count)
        for row in rows {
            flavors.append(Flavor(
                project: row.project, name: row.name,
                capabilities: try StoredJSON.decode(row.capabilities, column: "flavors.capabilities")))
        }
        return flavors
    }
}

/// One `flavors` row as read from SQLite, capabilities still serialized.
private struct StoredFlavor: Sendable {
    var project: String
    var name: String
    var capabilities: String

    init(_ row: Row) {
        project = row["project"]
        name = row["name"]
        capabilities = row["capabilities"]
    }
}
