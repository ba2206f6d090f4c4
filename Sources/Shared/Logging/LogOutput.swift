import Logging

/// How a process writes its logs, chosen by `--log-format` and `--log-level`.
public enum LogOutput {
    /// The formats `--log-format` accepts.
    public enum Format: String, CaseIterable, Sendable {
        /// `2026-12-06T12:00:00+0000 info herald.node: [key=value] message`, for people.
        case text
        /// One JSON object per line (``JSONLogHandler``), for machines.
        case json
    }

    /// Sends every logger of the process to standard error in `format`, at `level` and above.
    /// Call once, before the first logger is made.
    public static func bootstrap(format: Format, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler
            switch format {
            case .text: handler = StreamLogHandler.standardError(label: label)
            case .json: handler = JSONLogHandler(label: label)
            }
            handler.logLevel = level
            return handler
        }
    }
}
