import ServiceLifecycle

/// Runs in a process's service group, last, so a graceful shutdown reaches it first: pings
/// systemd's watchdog while the process runs and tells systemd `STOPPING=1` as soon as the
/// shutdown begins (`READY=1` is sent by whatever starts serving).
public struct ServiceManagerNotices: Service {
    private let stoppingStatus: String

    /// - Parameter stoppingStatus: the `STATUS=` line sent with `STOPPING=1`.
    public init(stoppingStatus: String) {
        self.stoppingStatus = stoppingStatus
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await ServiceManager.runWatchdog()
            try? await gracefulShutdown()
        }
        ServiceManager.stopping(status: stoppingStatus)
    }
}
