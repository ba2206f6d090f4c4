import Dispatch
import Foundation

/// Writes a diagnostics report to standard error each time the process gets SIGUSR2, without
/// stopping it (under systemd the report lands in the journal). Keep the value alive as long
/// as reports should be written; ``stop()`` restores the default action.
public final class DiagnosticsSignal {
    private let source: any DispatchSourceSignal

    /// Installs the SIGUSR2 handler; each signal renders `report()` and writes its text.
    public init(report: @escaping @Sendable () async -> DiagnosticsReport) {
        signal(SIGUSR2, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGUSR2, queue: .global())
        source.setEventHandler {
            Task {
                let text = await report().text
                FileHandle.standardError.write(Data(text.utf8))
            }
        }
        source.resume()
    }

    /// Ignores SIGUSR2 until a handler is installed: a report asked for while the process is
    /// still starting is skipped instead of killing it (SIGUSR2's default action).
    public static func ignoreUntilInstalled() {
        signal(SIGUSR2, SIG_IGN)
    }

    /// Stops reacting to SIGUSR2.
    public func stop() {
        source.cancel()
    }
}
