/// The schema version a store records, compared with the schema this binary brings.
///
/// Every Herald store (a node's SQLite file, the SQLite or PostgreSQL catalog) applies named,
/// ordered migrations and records each one it applied; its version is the number of the last
/// migration it completed. A store holding Herald's tables but no record of them (written
/// before versions were recorded) is recognised by its tables as being at the baseline, the
/// schema the first versioned binary created.
public struct SchemaStatus: Sendable, Equatable {
    /// How the version was learned.
    public enum Origin: Sendable, Equatable {
        /// The store is empty: a new store, every migration pending.
        case empty
        /// Read from the store's migration record.
        case recorded
        /// The store has no migration record but holds the baseline tables (recorded at the next open).
        case detectedBaseline
    }

    /// How ``foundVersion`` was learned.
    public var origin: Origin
    /// The version the store is at (0 for an empty store).
    public var foundVersion: Int
    /// The version this binary migrates stores to.
    public var latestVersion: Int
    /// The migrations opening the store would apply, oldest first.
    public var pendingMigrations: [String]
    /// Migrations the store records that this binary does not know: a newer Herald wrote it.
    public var unknownMigrations: [String]

    public init(
        origin: Origin, foundVersion: Int, latestVersion: Int, pendingMigrations: [String],
        unknownMigrations: [String] = []
    ) {
        self.origin = origin
        self.foundVersion = foundVersion
        self.latestVersion = latestVersion
        self.pendingMigrations = pendingMigrations
        self.unknownMigrations = unknownMigrations
    }

    /// Whether a newer Herald wrote the store: this binary must not open it.
    public var isNewer: Bool {
        foundVersion > latestVersion || !unknownMigrations.isEmpty
    }

    /// Whether the store is at this binary's version with nothing left to record.
    public var isCurrent: Bool {
        !isNewer && pendingMigrations.isEmpty && origin == .recorded
    }

    /// Why the store must not be opened (`nil` when it may be), naming it as `store`.
    public func refusal(store: String) -> String? {
        guard isNewer else { return nil }
        let unknown = unknownMigrations.isEmpty ? "" : " (unknown migrations: \(unknownMigrations.joined(separator: ", ")))"
        return "\(store) has schema version \(foundVersion)\(unknown), newer than the version \(latestVersion) "
            + "this Herald \(HeraldVersion.current) supports; refusing to open it (nothing was changed). "
            + "Run a Herald release that knows this schema"
    }
}
