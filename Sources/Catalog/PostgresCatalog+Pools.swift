import PostgresNIO
import Shared

extension PostgresCatalog {
    public func upsertPool(_ pool: Pool) async throws(CatalogError) {
        try CatalogInputChecks.check(pool)
        let options = StoredJSON.encode(pool.options)
        try await transaction { connection, logger in
            try await Self.lockRevision(connection, logger: logger)
            let holder = try await Self.one(
                try await connection.query(
                    "SELECT name FROM pools WHERE uri = \(pool.uri) AND name <> \(pool.name)", logger: logger),
                as: String.self)
            if let holder { throw CatalogError.duplicateURI(uri: pool.uri, pool: holder) }
            try await connection.query(
                """
                INSERT INTO pools (name, uri, weight, flavor, options)
                VALUES (\(pool.name), \(pool.uri), \(pool.weight), \(pool.flavor), \(options))
                ON CONFLICT (name) DO UPDATE SET
                    uri = EXCLUDED.uri, weight = EXCLUDED.weight,
                    flavor = EXCLUDED.flavor, options = EXCLUDED.options
                """, logger: logger)
            try await Self.bumpRevision(connection, logger: logger)
        }
    }

    public func pools() async throws(CatalogError) -> [Pool] {
        let rows = try await withConnection { connection, logger in
            try await Self.all(
                try await connection.query(
                    "SELECT name, uri, weight, flavor, options FROM pools ORDER BY name", logger: logger),
                decoding: { try $0.decode((String, String, Int, String?, String).self) })
        }
        return try Self.pools(from: rows)
    }

    public func pools(after marker: String?, limit: Int) async throws(CatalogError) -> [Pool] {
        guard limit > 0 else { return [] }
        let after = marker ?? ""
        let rows = try await withConnection { connection, logger in
            try await Self.all(
                try await connection.query(
                    """
                    SELECT name, uri, weight, flavor, options FROM pools
                    WHERE name > \(after) ORDER BY name LIMIT \(limit)
                    """, logger: logger),
                decoding: { try $0.decode((String, String, Int, String?, String).self) })
        }
        return try Self.pools(from: rows)
    }

    public func pool(named name: String) async throws(CatalogError) -> Pool? {
        let rows = try await withConnection { connection, logger in
            try await Self.all(
                try await connection.query(
                    "SELECT name, uri, weight, flavor, options FROM pools WHERE name = \(name)", logger: logger),
                decoding: { try $0.decode((String, String, Int, String?, String).self) })
        }
        return try Self.pools(from: rows).first
    }

    public func deletePool(named name: String) async throws(CatalogError) {
        try await transaction { connection, logger in
            try await Self.lockRevision(connection, logger: logger)
            // Locking the pool row waits for registrations on it (they share-lock it) to commit.
            let exists = try await Self.one(
                try await connection.query("SELECT 1 FROM pools WHERE name = \(name) FOR UPDATE", logger: logger),
                as: Int.self) != nil
            guard exists else { return }
            let queues = try await Self.one(
                try await connection.query("SELECT COUNT(*) FROM queues WHERE pool = \(name)", logger: logger),
                as: Int.self) ?? 0
            guard queues == 0 else { throw CatalogError.poolInUse(pool: name, queues: queues) }
            try await connection.query("DELETE FROM pools WHERE name = \(name)", logger: logger)
            try await Self.bumpRevision(connection, logger: logger)
        }
    }

    public func queueCount(pool: String) async throws(CatalogError) -> Int {
        try await withConnection { connection, logger in
            try await Self.one(
                try await connection.query("SELECT COUNT(*) FROM queues WHERE pool = \(pool)", logger: logger),
                as: Int.self) ?? 0
        }
    }

    private static func pools(from rows: [(String, String, Int, String?, String)]) throws(CatalogError) -> [Pool] {
        var pools: [Pool] = []
        pools.reserveCapacity(rows.count)
        for (name, uri, weight, flavor, options) in rows {
            pools.append(Pool(
                name: name, uri: uri, weight: weight, flavor: flavor,
                options: try StoredJSON.decode(options, column: "pools.options")))
        }
        return pools
    }
}
