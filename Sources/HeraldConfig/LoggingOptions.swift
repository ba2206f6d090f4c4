import ArgumentParser
import Logging
import Shared

extension LogOutput.Format: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `--log-level` and `--log-format`, shared by the processes of a cluster.
public struct LoggingOptions: ParsableArguments {
    @Option(help: "Least severe log level written: trace, debug, info, notice, warning, error or critical (debug logs every request with its id).")
    public var logLevel: Logger.Level = .info

    @Option(help: "Log format on standard error (the journal under systemd): text, or json (one object per line, metadata as members).")
    public var logFormat: LogOutput.Format = .text

    public init() {}

    /// Sets up the process's logging; call once at the start of `run()`.
    public func bootstrap() {
        LogOutput.bootstrap(format: logFormat, level: logLevel)
    }
}
