extension DiagnosticsReport {
    private static let rule = String(repeating: "=", count: 72)

    /// The plain-text rendering: a banner, then `==== Title ====` and `key: value` lines per section.
    public var text: String {
        var lines = [Self.rule, "==== Herald diagnostics report: \(process) ====", Self.rule]
        for section in sections {
            lines.append("==== \(section.title) ====")
            if section.entries.isEmpty { lines.append("(none)") }
            for entry in section.entries { lines.append("\(entry.key): \(entry.value.rendered)") }
        }
        lines.append(Self.rule)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON rendering: `{"process": ..., "sections": {"<title in snake case>": {key: value}}}`,
    /// numbers as numbers and lists as arrays.
    public var json: JSONValue {
        .object([
            ("process", .string(process)),
            ("sections", .object(sections.map { section in
                (Self.jsonKey(section.title), .object(section.entries.map { ($0.key, $0.value.json) }))
            })),
        ])
    }

    /// `Open file descriptors` → `open_file_descriptors`.
    static func jsonKey(_ title: String) -> String {
        title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
    }
}

extension DiagnosticsValue {
    var json: JSONValue {
        switch self {
        case let .text(text): .string(text)
        case let .integer(number): .int(number)
        case let .list(items): .array(items.map { .string($0) })
        }
    }
}
