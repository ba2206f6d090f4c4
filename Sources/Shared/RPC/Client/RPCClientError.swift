/// Why a client could not open an RPC connection to a storage node.
///
/// ``RemoteQueueStore`` reports these to its callers as `StorageError.unavailable` carrying this
/// description (the router answers 503); ``RemoteQueueStore/connect()`` throws them as they are.
public enum RPCClientError: Error, Sendable, Equatable {
    /// TCP or TLS could not be established.
    case connectFailed(peer: String, reason: String)
    /// The handshake broke off: timeout, closed connection, or bytes that are no Herald handshake.
    case handshakeFailed(peer: String, reason: RPCHandshakeFailure)
    /// The two ends do not share the cluster secret.
    case authenticationFailed(peer: String, reason: RPCAuthenticationFailure)
    /// The client was shut down.
    case shutDown(peer: String)
}

/// How the cluster secrets of a client and a node disagree.
public enum RPCAuthenticationFailure: Sendable, Equatable {
    /// The node refused this client's proof: the secrets differ.
    case refusedByNode
    /// The node requires a cluster secret and this client has none.
    case nodeRequiresSecret
    /// This client has a cluster secret and the node has none, so it cannot prove itself.
    case nodeHasNoSecret
    /// The node's proof does not verify: it does not know this client's secret.
    case invalidNodeProof
}

/// How a handshake broke off before either end could judge the other.
public enum RPCHandshakeFailure: Sendable, Equatable {
    /// The node did not complete the handshake in time.
    case timedOut
    /// The node closed the connection during the handshake.
    case closedByNode
    /// The node sent bytes that are no valid handshake message.
    case malformed(RPCHandshakeError)
}

extension RPCClientError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .connectFailed(peer, reason):
            return "cannot connect to node at \(peer): \(reason)"
        case let .handshakeFailed(peer, reason):
            return "RPC handshake with node at \(peer) failed: \(reason)"
        case let .authenticationFailed(peer, reason):
            return "RPC authentication with node at \(peer) failed: \(reason)"
        case let .shutDown(peer):
            return "client for node at \(peer) is shut down"
        }
    }
}

extension RPCAuthenticationFailure: CustomStringConvertible {
    public var description: String {
        switch self {
        case .refusedByNode: return "the node refused this client's proof (the cluster secrets differ)"
        case .nodeRequiresSecret: return "the node requires a cluster secret and this client has none"
        case .nodeHasNoSecret: return "this client has a cluster secret and the node has none"
        case .invalidNodeProof: return "the node's proof is invalid (it does not know the cluster secret)"
        }
    }
}

extension RPCHandshakeFailure: CustomStringConvertible {
    public var description: String {
        switch self {
        case .timedOut: return "timed out"
        case .closedByNode: return "the node closed the connection"
        case let .malformed(error): return "malformed handshake message (\(error))"
        }
    }
}
