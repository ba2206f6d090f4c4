import Foundation

/// The resident memory of other processes (the storage nodes a scenario watches), read from
/// `/proc/<pid>/status`.
enum ProcessMemory {
    /// `VmRSS` of `pid` in bytes, or nil when the process is gone or the file unreadable.
    static func residentBytes(of pid: Int32) -> UInt64? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        return residentBytes(inStatus: status)
    }

    /// `VmRSS` of a `/proc/<pid>/status` text in bytes (the file gives kB).
    static func residentBytes(inStatus status: String) -> UInt64? {
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.dropFirst("VmRSS:".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let kilobytes = fields.first.flatMap({ UInt64($0) }) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// Bytes as mebibytes with one decimal, e.g. `41.3 MB`.
    static func megabytes(_ bytes: UInt64) -> String {
        Figures.decimal(Double(bytes) / 1_048_576) + " MB"
    }
}
