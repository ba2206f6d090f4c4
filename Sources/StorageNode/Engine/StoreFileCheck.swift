import Foundation
import GRDB
import Shared

/// Makes sure the file a node opens is a Herald store before anything is written to it.
///
/// Herald stamps its files with `PRAGMA application_id` ``applicationID``. A file is accepted
/// when it is missing or empty (a new store), when it carries that id, or when it is a store of
/// an earlier Herald version (the id is 0 and it holds only Herald's tables, the migration
/// table or the queues table among them; ``StoreSchema`` then tells its version). Anything
/// else, another program's SQLite database above all, is refused with a clear message, having
/// only been read.
enum StoreFileCheck {
    /// `application_id` of Herald store files: the ASCII bytes "HRLD".
    static let applicationID: Int32 = 0x4852_4C44

    /// The tables a Herald store of some version holds.
    static let heraldTables: Set<String> = [
        "grdb_migrations", "queues", "messages", "claims", "subscriptions", "outbox", "queue_fences",
    ]

    /// Reads the file at `path` (when it exists) and throws `StorageError.unavailable` saying
    /// why it is not a Herald store; writes nothing.
    static func verify(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let database = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? database.close() }
            try database.read { db in
                try check(db, path: path)
                try StoreSchema.checkOpenable(db, path: path)
            }
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError.unavailable(unreadableFileMessage(error, path: path) ?? "cannot read \(path): \(error)")
        }
    }

    /// Gives an accepted store Herald's application id (new stores and earlier versions').
    static func stamp(_ db: Database) throws {
        guard try Int32.fetchOne(db, sql: "PRAGMA application_id") != applicationID else { return }
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
    }

    /// Throws `StorageError.unavailable` when `db` is not a Herald store (see the type's description).
    static func check(_ db: Database, path: String) throws {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if id == applicationID { return }
        guard id == 0 else {
            throw StorageError.unavailable(
                "\(path) belongs to another application (SQLite application_id \(id)); refusing to open it as a Herald store")
        }
        let tables = Set(try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            """))
        guard tables.isEmpty
            || (!tables.isDisjoint(with: ["grdb_migrations", "queues"]) && tables.isSubset(of: heraldTables)) else {
            let foreign = tables.subtracting(heraldTables).sorted().prefix(5).joined(separator: ", ")
            throw StorageError.unavailable(
                "\(path) is not a Herald store (it holds the tables \(foreign.isEmpty ? "of another program" : foreign)); "
                    + "refusing to open it. Point --data at a new file or at a Herald store")
        }
    }

    /// The message for a file SQLite cannot read as a database, or nil for any other error.
    static func unreadableFileMessage(_ error: any Error, path: String) -> String? {
        guard let error = error as? DatabaseError,
              error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
        else { return nil }
        return "\(path) is not a SQLite database or is damaged (\(error.message ?? "SQLite error \(error.resultCode.rawValue)")); "
            + "refusing to open it"
    }
}
