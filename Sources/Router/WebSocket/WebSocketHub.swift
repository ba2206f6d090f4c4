import Synchronization

/// The open WebSocket connections of this router, by id, so that notifications the storage
/// nodes post to ``WebSocketNotificationListener`` reach the socket they were meant for.
final class WebSocketHub: Sendable {
    private let sockets = Mutex<[String: AsyncStream<String>.Continuation]>([:])
    /// `http://host:port/` of the notification listener once it listens.
    private let listenerBase = Mutex<String?>(nil)

    /// Registers a connection whose outgoing frames are yielded to `frames`; returns its id, a
    /// random 128-bit hex string (the last path segment of its subscriber URL).
    func register(_ frames: AsyncStream<String>.Continuation) -> String {
        let id = Self.randomID()
        sockets.withLock { $0[id] = frames }
        return id
    }

    /// Forgets a closed connection: later notifications for it answer 404.
    func unregister(_ id: String) {
        _ = sockets.withLock { $0.removeValue(forKey: id) }
    }

    /// Queues `text` on connection `id`; `false` when it is gone or its queue is full.
    func push(_ text: String, to id: String) -> Bool {
        guard let frames = sockets.withLock({ $0[id] }) else { return false }
        if case .enqueued = frames.yield(text) { return true }
        return false
    }

    /// Whether connection `id` is open.
    func isConnected(_ id: String) -> Bool {
        sockets.withLock { $0[id] != nil }
    }

    /// Records where the notification listener listens.
    func listenerStarted(host: String, port: Int) {
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        listenerBase.withLock { $0 = "http://\(shownHost):\(port)/" }
    }

    /// The subscriber URL of connection `id`; `nil` until the listener listens.
    func subscriberURL(for id: String) -> String? {
        listenerBase.withLock { $0 }.map { $0 + id }
    }

    private static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let digits = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
