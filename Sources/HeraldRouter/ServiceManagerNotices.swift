import ServiceLifecycle
import Shared

/// Runs beside the router's HTTP server in its service group: pings systemd's watchdog while
/// the router runs and tells systemd `STOPPING=1` as soon as a graceful shutdown begins
/// (`READY=1` is sent once the server listens).
struct ServiceManagerNotices: Service {
    func run() async throws {
        await cancelWhenGracefulShutdown {
            await ServiceManager.runWatchdog()
            try? await gracefulShutdown()
        }
        ServiceManager.stopping(status: "finishing requests in flight")
    }
}
