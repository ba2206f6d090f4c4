import Foundation

/// Sizes of a SQLite store file and of the file system holding it (upgrade checks, diagnostics).
public enum StoreFileSpace {
    /// Bytes of the database file and of its `-wal` file, when present (0 for missing files).
    public static func size(of path: String) -> Int64 {
        [path, path + "-wal"].reduce(Int64(0)) { total, file in
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            return total + ((attributes?[.size] as? NSNumber)?.int64Value ?? 0)
        }
    }

    /// Free bytes of the file system of the directory holding `path`, or nil when unknown.
    public static func freeBytes(beside path: String) -> Int64? {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: directory)
        return (attributes?[.systemFreeSize] as? NSNumber)?.int64Value
    }
}
