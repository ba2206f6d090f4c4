import NIOConcurrencyHelpers
import NIOCore

/// The live connections and in-flight requests of one ``RPCServer``, shared with its handlers.
final class RPCServerRegistry: Sendable {
    private struct State {
        var connections: [ObjectIdentifier: any Channel] = [:]
        var inFlight = 0
        var accepting = true
    }

    private let state = NIOLockedValueBox(State())

    /// Records a new connection; `false` once the server is shutting down.
    func register(_ channel: any Channel) -> Bool {
        state.withLockedValue { state in
            guard state.accepting else { return false }
            state.connections[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func unregister(_ channel: any Channel) {
        _ = state.withLockedValue { $0.connections.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Counts a request as running; `false` (and not counted) once the server is shutting down.
    func requestStarted() -> Bool {
        state.withLockedValue { state in
            guard state.accepting else { return false }
            state.inFlight += 1
            return true
        }
    }

    func requestFinished() {
        state.withLockedValue { $0.inFlight -= 1 }
    }

    /// The remote addresses of the open connections, sorted.
    var peers: [String] {
        state.withLockedValue { state in
            state.connections.values.map { $0.remoteAddress.map { "\($0)" } ?? "unknown peer" }.sorted()
        }
    }

    /// Requests currently executing.
    var inFlight: Int {
        state.withLockedValue { $0.inFlight }
    }

    /// Refuses new connections and new requests, and returns the open connections.
    func stopAccepting() -> [any Channel] {
        state.withLockedValue { state in
            state.accepting = false
            return Array(state.connections.values)
        }
    }
}
