import GRDB
import Shared

/// What a failure of the SQLite store means to the node's callers.
enum StoreFailure {
    /// `error` as a ``StorageError``: storage errors as they are, a full disk or a reached
    /// `--max-store-size` as `.storageFull`, anything else as `.unavailable`.
    static func storageError(_ error: any Error) -> StorageError {
        if let error = error as? StorageError { return error }
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_FULL {
            return .storageFull("the node's disk, or its store size limit, is full")
        }
        return .unavailable("store failure: \(error)")
    }
}
