import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A ``QueueStore`` on a remote storage node, reached over the internal binary RPC.
///
/// Calls are spread round-robin over a small pool of lazily opened connections and pipelined
/// on each. Every connection authenticates once when it opens (cluster secret, optionally TLS;
/// see ``RPCClientSecurity``), never per call. Every call has a deadline; an expired deadline,
/// an unreachable node, a failed authentication or a dropped connection all surface as
/// `StorageError.unavailable`. Errors the node's store throws arrive as the same typed
/// ``StorageError``. Every failed call that is not an ordinary API outcome is also reported to
/// the optional failure observer (see ``RPCCallFailure``).
public final class RemoteQueueStore: QueueStore {
    private let connections: [RPCClientConnection]
    private let deadline: TimeAmount
    private let nextConnection = NIOLockedValueBox(0)
    private let failureObserver: RPCCallFailureObserver?

    /// - Parameters:
    ///   - host: The node's RPC host.
    ///   - port: The node's RPC port.
    ///   - connections: How many connections to spread calls over (at least 1).
    ///   - deadline: The longest a call (opening and authenticating its connection included) may take.
    ///   - maxFrameSize: The largest frame sent or accepted.
    ///   - security: The cluster secret and TLS settings every connection uses.
    ///   - logger: Where failed authentications are reported.
    ///   - failureObserver: Told the kind of every failed call (unreachable node, deadline,
    ///     authentication, the node's own failures); `nil` to tell no one.
    public init(
        host: String, port: Int, connections: Int = 2, deadline: Duration = .seconds(5),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        maxFrameSize: Int = RPCFrameDecoder.defaultMaxFrameSize,
        security: RPCClientSecurity = .none,
        logger: Logger = Logger(label: "herald.rpc.client"),
        failureObserver: RPCCallFailureObserver? = nil
    ) {
        let deadline = TimeAmount(deadline)
        self.deadline = deadline
        self.failureObserver = failureObserver
        self.connections = (0..<max(1, connections)).map { _ in
            RPCClientConnection(
                host: host, port: port, group: eventLoopGroup, connectTimeout: deadline, maxFrameSize: maxFrameSize,
                security: security, logger: logger)
        }
    }

    /// `host:port: state` of each connection to the node, e.g. `127.0.0.1:7001: connected` (diagnostics).
    public var connectionStates: [String] {
        connections.map { "\($0.peer): \($0.stateDescription)" }
    }

    /// Opens (and authenticates) every connection now instead of on first use.
    /// - Throws: Why a connection could not be opened, e.g. ``RPCClientError/authenticationFailed(peer:reason:)``.
    public func connect() async throws(RPCClientError) {
        for connection in connections {
            do {
                try await connection.open().get()
            } catch let error as RPCClientError {
                throw error
            } catch {
                throw .connectFailed(peer: connection.peer, reason: "\(error)")
            }
        }
    }

    /// Closes every connection; later calls fail with `.unavailable`.
    public func shutdown() async {
        for connection in connections {
            await connection.shutdown()
        }
    }

    /// Sends one request and returns the node's answer; a `.failure` answer is thrown. The
    /// deadline is the store's, plus `extraTime` for a request the node holds on purpose.
    public func call(_ request: NodeRequest, extraTime: Duration = .zero) async throws(StorageError) -> NodeResponse {
        let index = nextConnection.withLockedValue { next in
            defer { next = next == Int.max ? 0 : next + 1 }
            return next % connections.count
        }
        let response: NodeResponse
        do {
            response = try await connections[index].send(request, deadline: .now() + deadline + TimeAmount(extraTime)).get()
        } catch let error as StorageError {
            failureObserver?(.unavailable)
            throw error
        } catch let error as RPCDeadlineExceeded {
            failureObserver?(.timeout)
            throw .unavailable(error.description)
        } catch let error as RPCClientError {
            failureObserver?(error.failureKind)
            throw .unavailable(error.description)
        } catch {
            failureObserver?(.unavailable)
            throw .unavailable("RPC to node failed: \(error)")
        }
        if case let .failure(error) = response {
            if let failureObserver, let kind = RPCCallFailure(remote: error) { failureObserver(kind) }
            throw error
        }
        return response
    }
}

extension RPCClientError {
    /// How this connection failure is counted.
    var failureKind: RPCCallFailure {
        switch self {
        case .connectFailed, .shutDown: return .unavailable
        case .handshakeFailed(_, .timedOut): return .timeout
        case .handshakeFailed, .authenticationFailed: return .authentication
        }
    }
}
