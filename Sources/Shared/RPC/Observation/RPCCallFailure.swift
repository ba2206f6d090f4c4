/// Why one RPC call from a router to a storage node failed, as far as the transport or the
/// node's health is concerned. Answers that are ordinary outcomes of the API (queue or message
/// not found, claim conflicts, a post too large) are not failures in this sense.
public enum RPCCallFailure: String, Sendable, CaseIterable {
    /// The node could not be reached: connecting failed, the connection was lost or closed, or
    /// the client is shut down.
    case unavailable
    /// The call's deadline passed before the node answered.
    case timeout
    /// The handshake failed: the two ends do not share the cluster secret, or the node did not
    /// complete it.
    case authentication
    /// The node reported a failure of its own store (`StorageError.unavailable`).
    case remote
    /// The node's store is full (`StorageError.storageFull`).
    case storageFull = "storage_full"
    /// A frame could not be encoded or decoded, or the node refused ours as malformed.
    case protocolViolation = "protocol"

    /// The failure kind of an error answered by the node itself; `nil` for the API's ordinary
    /// outcomes (not found, conflicts, limits).
    public init?(remote error: StorageError) {
        switch error {
        case .unavailable: self = .remote
        case .storageFull: self = .storageFull
        case .protocolViolation: self = .protocolViolation
        default: return nil
        }
    }
}

/// Told about every failed call of a ``RemoteQueueStore``; called on the calling task, so it
/// must return quickly and never block.
public typealias RPCCallFailureObserver = @Sendable (RPCCallFailure) -> Void

/// The error a client fails a call with when the call's deadline passes: reported to callers
/// as `StorageError.unavailable` with this description.
struct RPCDeadlineExceeded: Error, CustomStringConvertible {
    /// The node's address.
    let peer: String

    var description: String { "deadline exceeded waiting for node at \(peer)" }
}
