import Shared

/// The outcome of a `herald-bench scale` run.
struct ScaleResult: Sendable {
    let settings: ScaleSettings
    /// The probes, the empty store's first.
    let phases: [ScalePhase]
    /// Resident bytes of each watched process before the first probe.
    let startResident: [(label: String, bytes: UInt64?)]
    /// Failed posts while filling.
    let fillErrors: Int
    /// Failed queue creations.
    let queueErrors: Int

    /// The allowed ratio of a probe's latency to the empty store's.
    static let latencyRatioLimit = 2.0

    /// `phase`'s post and claim p50 and p99 over the empty store's, named.
    func ratios(_ phase: ScalePhase) -> [(name: String, ratio: Double)] {
        guard let empty = phases.first else { return [] }
        func ratio(_ value: UInt64, _ base: UInt64) -> Double { base > 0 ? Double(value) / Double(base) : 0 }
        return [
            ("post p50", ratio(phase.post.p50, empty.post.p50)), ("post p99", ratio(phase.post.p99, empty.post.p99)),
            ("claim p50", ratio(phase.claim.p50, empty.claim.p50)), ("claim p99", ratio(phase.claim.p99, empty.claim.p99)),
        ]
    }

    /// The largest growth of a watched process's resident memory from the start to any probe.
    func residentGrowth(of label: String) -> UInt64? {
        guard let start = startResident.first(where: { $0.label == label })?.bytes else { return nil }
        let later = phases.compactMap { phase in phase.resident.first(where: { $0.label == label })?.bytes }
        return later.map { $0 > start ? $0 - start : 0 }.max()
    }

    /// The reasons the run failed; empty when it passed.
    var failures: [String] {
        var reasons: [String] = []
        let errors = fillErrors + queueErrors + phases.reduce(0) { $0 + $1.errors }
        if errors > 0 { reasons.append("\(errors) requests failed") }
        for phase in phases.dropFirst() {
            for (name, ratio) in ratios(phase) where ratio > Self.latencyRatioLimit {
                reasons.append("\(phase.name): \(name) is \(Figures.decimal(ratio, digits: 2))x the empty store's")
            }
        }
        for process in settings.watched {
            guard let growth = residentGrowth(of: process.label) else {
                reasons.append("\(process.label): resident memory unreadable")
                continue
            }
            if growth > settings.residentGrowthBudget {
                reasons.append("\(process.label): resident memory grew by \(ProcessMemory.megabytes(growth))")
            }
        }
        return reasons
    }

    var passed: Bool { failures.isEmpty }

    func render() -> String {
        var lines = [
            "herald-bench scale: \(settings.endpoint), project \(settings.project)",
            "  \(settings.messages) messages in one queue (batches of \(settings.fillBatch)), then \(settings.queues) queues; "
                + "\(settings.probeCycles) probe cycles per stage, \(settings.bodySize)-byte bodies",
            "",
        ]
        var latency = TextTable(header: ["stage", "post p50", "post p99", "claim p50", "claim p99", "delete p50", "delete p99", "errors"])
        for phase in phases {
            latency.add([
                phase.name,
                Figures.latency(micros: phase.post.p50), Figures.latency(micros: phase.post.p99),
                Figures.latency(micros: phase.claim.p50), Figures.latency(micros: phase.claim.p99),
                Figures.latency(micros: phase.delete.p50), Figures.latency(micros: phase.delete.p99),
                String(phase.errors),
            ])
        }
        lines.append(latency.render())
        if !settings.watched.isEmpty {
            lines.append("")
            var memory = TextTable(header: ["resident memory", "start"] + phases.map(\.name))
            for process in settings.watched {
                let start = startResident.first(where: { $0.label == process.label })?.bytes
                let cells = phases.map { phase in
                    phase.resident.first(where: { $0.label == process.label })?.bytes.map(ProcessMemory.megabytes) ?? "-"
                }
                memory.add([process.label, start.map(ProcessMemory.megabytes) ?? "-"] + cells)
            }
            lines.append(memory.render())
        }
        lines.append("")
        lines.append("  fill errors \(fillErrors), queue creation errors \(queueErrors)")
        let failures = self.failures
        lines.append(failures.isEmpty ? "RESULT: ok" : "RESULT: failed (" + failures.joined(separator: "; ") + ")")
        return lines.joined(separator: "\n")
    }

    func json() -> JSONValue {
        .object([
            ("scenario", .string("scale")),
            ("endpoint", .string(settings.endpoint)),
            ("messages", .int(Int64(settings.messages))),
            ("queues", .int(Int64(settings.queues))),
            ("probe_cycles", .int(Int64(settings.probeCycles))),
            ("body_size", .int(Int64(settings.bodySize))),
            ("fill_errors", .int(Int64(fillErrors))),
            ("queue_errors", .int(Int64(queueErrors))),
            ("start_resident_bytes", Self.residentJSON(startResident)),
            ("phases", .array(phases.map { phase in
                .object([
                    ("name", .string(phase.name)),
                    ("queued_messages", .int(Int64(phase.queuedMessages))),
                    ("queues", .int(Int64(phase.queues))),
                    ("post", LatencySummaryJSON.make(phase.post)),
                    ("claim", LatencySummaryJSON.make(phase.claim)),
                    ("delete", LatencySummaryJSON.make(phase.delete)),
                    ("resident_bytes", Self.residentJSON(phase.resident)),
                    ("errors", .int(Int64(phase.errors))),
                ])
            })),
            ("passed", .bool(passed)),
            ("failures", .array(failures.map(JSONValue.string))),
        ])
    }

    private static func residentJSON(_ values: [(label: String, bytes: UInt64?)]) -> JSONValue {
        .object(values.map { ($0.label, $0.bytes.map { .int(Int64($0)) } ?? .null) })
    }
}
