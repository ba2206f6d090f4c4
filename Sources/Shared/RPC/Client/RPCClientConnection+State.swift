extension RPCClientConnection {
    /// The connection's state in words, e.g. `connected` or `backing off after 3 failures: ...`; for diagnostics.
    var stateDescription: String {
        switch currentState {
        case .idle(let failures): failures == 0 ? "idle (not opened yet)" : "idle after \(failures) failures"
        case .connecting: "connecting"
        case .connected: "connected"
        case let .backingOff(_, failures, error): "backing off after \(failures) failures: \(error)"
        case .shutDown: "shut down"
        }
    }
}
