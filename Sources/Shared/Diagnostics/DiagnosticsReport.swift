/// A point-in-time report of one Herald process (like Zaqar's Guru Meditation report): its
/// version, configuration, connections, storage and resources, in titled sections.
///
/// Written as text to standard error on SIGUSR2 (``DiagnosticsSignal``) and served as JSON by
/// the router's `GET /v2/diagnostics`.
public struct DiagnosticsReport: Sendable, Equatable {
    /// The executable, e.g. `herald-node`.
    public var process: String
    /// The sections, in the order they are rendered.
    public var sections: [DiagnosticsSection]

    public init(process: String, sections: [DiagnosticsSection]) {
        self.process = process
        self.sections = sections
    }

    /// The section titled `title`, if any.
    public func section(_ title: String) -> DiagnosticsSection? {
        sections.first { $0.title == title }
    }
}

/// One titled part of a ``DiagnosticsReport``: named values in order.
public struct DiagnosticsSection: Sendable, Equatable {
    /// The title, e.g. `Configuration`.
    public var title: String
    /// The named values.
    public var entries: [DiagnosticsEntry]

    public init(_ title: String, _ entries: [DiagnosticsEntry]) {
        self.title = title
        self.entries = entries
    }

    /// The value named `key`, if any.
    public subscript(key: String) -> DiagnosticsValue? {
        entries.first { $0.key == key }?.value
    }
}

/// One named value of a section.
public struct DiagnosticsEntry: Sendable, Equatable {
    public var key: String
    public var value: DiagnosticsValue

    public init(_ key: String, _ value: DiagnosticsValue) {
        self.key = key
        self.value = value
    }
}

/// A value of a report: text, a whole number or a list of texts.
public enum DiagnosticsValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case list([String])

    /// The value as one line of text.
    public var rendered: String {
        switch self {
        case let .text(text): text
        case let .integer(number): String(number)
        case let .list(items): items.isEmpty ? "(none)" : items.joined(separator: ", ")
        }
    }
}
