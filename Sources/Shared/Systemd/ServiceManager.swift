import CSystemd
#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd how the process is doing (`sd_notify`): ready to serve and stopping, each
/// with a `STATUS=` line, and watchdog pings. Without a service manager (no `$NOTIFY_SOCKET`,
/// e.g. in a shell or a test) every call does nothing.
public enum ServiceManager {
    /// `READY=1`: the process serves now. Call it only once it accepts requests.
    public static func ready(status: String) {
        notify("READY=1\nSTATUS=\(status)")
    }

    /// `STOPPING=1`: the process has begun to shut down.
    public static func stopping(status: String) {
        notify("STOPPING=1\nSTATUS=\(status)")
    }

    /// How often the watchdog must be pinged (half of the unit's `WatchdogSec=`), or nil when
    /// systemd watches no watchdog for this process.
    public static var watchdogPingInterval: Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(microseconds / 2))
    }

    /// Pings the watchdog (`WATCHDOG=1`) every ``watchdogPingInterval`` until cancelled; returns
    /// at once when no watchdog is set.
    public static func runWatchdog() async {
        guard let interval = watchdogPingInterval else { return }
        while !Task.isCancelled {
            notify("WATCHDOG=1")
            try? await Task.sleep(for: interval)
        }
    }

    /// The listening sockets systemd passed to this process (socket activation, `sd_listen_fds`):
    /// descriptors from 3 on, empty when the process was started without any. The `LISTEN_*`
    /// variables are removed so child processes do not take them for theirs.
    public static func inheritedSockets() -> [Int32] {
        let count = sd_listen_fds(1)
        guard count > 0 else { return [] }
        return (0..<count).map { SD_LISTEN_FDS_START + $0 }
    }

    /// Whether `descriptor` is a listening TCP socket (IPv4 or IPv6), as `ListenStream=` gives.
    public static func isListeningTCPSocket(_ descriptor: Int32) -> Bool {
        let stream = Int32(SOCK_STREAM.rawValue)
        return sd_is_socket(descriptor, AF_INET, stream, 1) > 0 || sd_is_socket(descriptor, AF_INET6, stream, 1) > 0
    }

    private static func notify(_ state: String) {
        _ = sd_notify(0, state)
    }
}
