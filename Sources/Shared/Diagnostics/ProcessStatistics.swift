import Foundation

/// Resource figures of the running process, read from `/proc/self` (Linux; absent elsewhere).
public enum ProcessStatistics {
    /// Threads of the process: the entries of `/proc/self/task`.
    public static var threadCount: Int? {
        try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count
    }

    /// Open file descriptors: the entries of `/proc/self/fd` (the one listing it included).
    public static var openFileDescriptorCount: Int? {
        try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
    }

    /// Resident memory in kB: `VmRSS` of `/proc/self/status`.
    public static var residentMemoryKB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.dropFirst("VmRSS:".count).split(whereSeparator: \.isWhitespace).first ?? "")
        }
        return nil
    }

    /// Seconds since the process started: `/proc/self/stat` start time against `/proc/uptime`.
    public static var uptimeSeconds: Int64? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let systemSeconds = Double(uptime.split(separator: " ").first ?? ""),
              let afterName = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after "(name)" start at field 3 (state); the start time is field 22.
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard fields.count > 19, let startTicks = Double(fields[19]), ticksPerSecond > 0 else { return nil }
        return Int64(max(0, systemSeconds - startTicks / ticksPerSecond))
    }

    /// The Swift language version the binary was compiled with.
    public static var swiftVersion: String {
        #if compiler(>=6.4)
        "6.4 or later"
        #elseif compiler(>=6.3)
        "6.3"
        #elseif compiler(>=6.2)
        "6.2"
        #elseif compiler(>=6.1)
        "6.1"
        #else
        "6.0"
        #endif
    }
}
