/// What a read-only look at one Herald store found (`herald status upgrade-check`).
///
/// Filled by the store modules (`StoreSchema.inspect(path:)` of a node store,
/// `CatalogInspector.inspect(_:)` of a catalog); the inspection never migrates nor writes.
public struct StoreInspection: Sendable, Equatable {
    /// The path of a SQLite file, or the PostgreSQL URL without its password.
    public var location: String
    /// The schema version found against the one this binary brings.
    public var schema: SchemaStatus
    /// SQLite `PRAGMA quick_check` lines (`["ok"]` when sound); `nil` for PostgreSQL.
    public var integrity: [String]?
    /// SQLite journal mode (`wal` expected); `nil` for PostgreSQL.
    public var journalMode: String?
    /// Size of the database file (with its WAL) in bytes; `nil` for PostgreSQL.
    public var sizeBytes: Int64?
    /// Free bytes on the file system holding the file; `nil` when unknown or for PostgreSQL.
    public var freeDiskBytes: Int64?
    /// The pools a catalog lists (`nil` for a node store).
    public var pools: [InspectedPool]?

    public init(
        location: String, schema: SchemaStatus, integrity: [String]? = nil, journalMode: String? = nil,
        sizeBytes: Int64? = nil, freeDiskBytes: Int64? = nil, pools: [InspectedPool]? = nil
    ) {
        self.location = location
        self.schema = schema
        self.integrity = integrity
        self.journalMode = journalMode
        self.sizeBytes = sizeBytes
        self.freeDiskBytes = freeDiskBytes
        self.pools = pools
    }
}

/// One pool a catalog lists.
public struct InspectedPool: Sendable, Equatable {
    /// The pool's name.
    public var name: String
    /// Its node's `herald://host:port` uri.
    public var uri: String

    public init(name: String, uri: String) {
        self.name = name
        self.uri = uri
    }
}
