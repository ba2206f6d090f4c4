import PostgresNIO
import Shared

extension PostgresCatalog {
    public func upsertFlavor(_ flavor: Flavor, pools members: [String]) async throws(CatalogError) {
        try CatalogInputChecks.check(flavor)
        let capabilities = StoredJSON.encode(flavor.capabilities)
        let members = Array(Set(members)).sorted()
        try await transaction { connection, logger in
            try await Self.lockRevision(connection, logger: logger)
            let existing = try await Self.all(
                try await connection.query(
                    "SELECT name FROM pools WHERE name = ANY(\(members)) FOR UPDATE", logger: logger),
                as: String.self)
            let unknown = CatalogInputChecks.unknownPools(members, existing: Set(existing))
            guard unknown.isEmpty else { throw CatalogError.unknownPools(unknown) }
            try await connection.query(
                """
                INSERT INTO flavors (project, name, capabilities)
                VALUES (\(flavor.project), \(flavor.name), \(capabilities))
                ON CONFLICT (project, name) DO UPDATE SET capabilities = EXCLUDED.capabilities
                """, logger: logger)
            try await connection.query(
                "UPDATE pools SET flavor = NULL WHERE flavor = \(flavor.name) AND NOT (name = ANY(\(members)))",
                logger: logger)
            try await connection.query(
                "UPDATE pools SET flavor = \(flavor.name) WHERE name = ANY(\(members))", logger: logger)
            try await Self.bumpRevision(connection, logger: logger)
        }
    }

    public func flavor(project: String, name: String) async throws(CatalogError) -> Flavor? {
        let rows = try await withConnection { connection, logger in
            try await Self.all(
                try await connection.query(
                    "SELECT project, name, capabilities FROM flavors WHERE project = \(project) AND name = \(name)",
                    logger: logger),
                decoding: { try $0.decode((String, String, String).self) })
        }
        return try Self.flavors(from: rows).first
    }

    public func flavors(project: String, after marker: String?, limit: Int) async throws(CatalogError) -> [Flavor] {
        guard limit > 0 else { return [] }
        let after = marker ?? ""
        let rows = try await withConnection { connection, logger in
            try await Self.all(
                try await connection.query(
                    """
                    SELECT project, name, capabilities FROM flavors
                    WHERE project = \(project) AND name > \(after) ORDER BY name LIMIT \(limit)
                    """, logger: logger),
                decoding: { try $0.decode((String, String, String).self) })
        }
        return try Self.flavors(from: rows)
    }

    public func deleteFlavor(project: String, name: String) async throws(CatalogError) {
        try await transaction { connection, logger in
            try await Self.lockRevision(connection, logger: logger)
            // Locking the flavor row waits for registrations through it (they share-lock it).
            let exists = try await Self.one(
                try await connection.query(
                    "SELECT 1 FROM flavors WHERE project = \(project) AND name = \(name) FOR UPDATE", logger: logger),
                as: Int.self) != nil
            guard exists else { return }
            let queues = try await Self.one(
                try await connection.query(
                    "SELECT COUNT(*) FROM queues WHERE project = \(project) AND flavor = \(name)", logger: logger),
                as: Int.self) ?? 0
            guard queues == 0 else { throw CatalogError.flavorInUse(flavor: name, queues: queues) }
            try await connection.query(
                "DELETE FROM flavors WHERE project = \(project) AND name = \(name)", logger: logger)
            try await connection.query("UPDATE pools SET flavor = NULL WHERE flavor = \(name)", logger: logger)
            try await Self.bumpRevision(connection, logger: logger)
        }
    }

    private static func flavors(from rows: [(String, String, String)]) throws(CatalogError) -> [Flavor] {
        var flavors: [Flavor] = []
        flavors.reserveCapacity(rows.count)
        for (project, name, capabilities) in rows {
            flavors.append(Flavor(
                project: project, name: name,
                capabilities: try StoredJSON.decode(capabilities, column: "flavors.capabilities")))
        }
        return flavors
    }
}
