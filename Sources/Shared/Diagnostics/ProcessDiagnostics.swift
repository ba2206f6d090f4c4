import Foundation

/// The report sections every Herald process has: package, and threads, file descriptors and memory.
public enum ProcessDiagnostics {
    /// `Package`: Herald and Swift versions, process id and uptime (since `started` where
    /// `/proc` cannot tell the process' start).
    public static func package(started: ContinuousClock.Instant) -> DiagnosticsSection {
        let uptime = ProcessStatistics.uptimeSeconds ?? (ContinuousClock.now - started).components.seconds
        return DiagnosticsSection("Package", [
            DiagnosticsEntry("herald version", .text(HeraldVersion.current)),
            DiagnosticsEntry("swift version", .text(ProcessStatistics.swiftVersion)),
            DiagnosticsEntry("process id", .integer(Int64(ProcessInfo.processInfo.processIdentifier))),
            DiagnosticsEntry("uptime seconds", .integer(uptime)),
        ])
    }

    /// `Threads`, `Open file descriptors` and `Memory`, from `/proc/self`.
    public static var resources: [DiagnosticsSection] {
        func figure(_ value: Int?) -> DiagnosticsValue { value.map { .integer(Int64($0)) } ?? .text("unknown") }
        return [
            DiagnosticsSection("Threads", [DiagnosticsEntry("count", figure(ProcessStatistics.threadCount))]),
            DiagnosticsSection(
                "Open file descriptors", [DiagnosticsEntry("count", figure(ProcessStatistics.openFileDescriptorCount))]),
            DiagnosticsSection("Memory", [DiagnosticsEntry("VmRSS kB", figure(ProcessStatistics.residentMemoryKB))]),
        ]
    }
}
