import Foundation
import GRDB
import Shared

extension StoreSchema {
    /// Looks at the node store at `path` without migrating or writing it: its schema version
    /// against this binary's, SQLite's quick integrity check, the journal mode, the file's size
    /// and the free space beside it (`herald status upgrade-check`).
    /// - Throws: `StorageError.unavailable` when there is no file, it is not a Herald store, or
    ///   it cannot be read as a database (the reason in the message).
    public static func inspect(path: String) throws(StorageError) -> StoreInspection {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .unavailable("\(path) does not exist")
        }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            let database = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? database.close() }
            let found = try database.read { db in
                try StoreFileCheck.check(db, path: path)
                let status: SchemaStatus
                do {
                    status = try self.status(db)
                } catch let layout as UnrecognisedSchemaLayout {
                    throw StorageError.unavailable(
                        "\(path) holds the tables \(layout.tables.joined(separator: ", ")) without a schema version record")
                }
                let integrity = try String.fetchAll(db, sql: "PRAGMA quick_check")
                let journalMode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
                return (status, integrity, journalMode)
            }
            return StoreInspection(
                location: path, schema: found.0, integrity: found.1, journalMode: found.2,
                sizeBytes: StoreFileSpace.size(of: path), freeDiskBytes: StoreFileSpace.freeBytes(beside: path))
        } catch let error as StorageError {
            throw error
        } catch {
            throw .unavailable(StoreFileCheck.unreadableFileMessage(error, path: path) ?? "cannot read \(path): \(error)")
        }
    }
}
