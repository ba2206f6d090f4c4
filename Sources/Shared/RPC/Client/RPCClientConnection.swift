import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// One lazily opened, automatically re-opened connection of a ``RemoteQueueStore``.
///
/// The socket is opened on first use: TCP, then TLS when configured, then the authentication
/// handshake; only an authenticated connection carries requests. When it drops, the next call
/// reconnects at once; when opening fails (authentication included), further attempts wait an
/// exponentially growing backoff (50 ms doubling up to 2 s) and calls made meanwhile fail fast
/// with the same ``RPCClientError``.
final class RPCClientConnection: Sendable {
    enum State {
        case idle(failures: Int)
        case connecting(EventLoopFuture<any Channel>, failures: Int)
        case connected(any Channel)
        case backingOff(until: NIODeadline, failures: Int, error: RPCClientError)
        case shutDown
    }

    private enum Acquired {
        case ready(any Channel)
        case pending(EventLoopFuture<any Channel>)
        case failed(RPCClientError)
        case connect(failures: Int)
    }

    static let initialBackoff = TimeAmount.milliseconds(50)
    static let maximumBackoff = TimeAmount.seconds(2)

    private let host: String
    private let port: Int
    /// `host:port`.
    let peer: String
    private let group: any EventLoopGroup
    private let connectTimeout: TimeAmount
    private let maxFrameSize: Int
    private let security: RPCClientSecurity
    private let logger: Logger
    private let state = NIOLockedValueBox(State.idle(failures: 0))

    /// The state right now (diagnostics).
    var currentState: State { state.withLockedValue { $0 } }

    /// - Parameters:
    ///   - connectTimeout: the longest opening may take, for TCP and TLS and again for the handshake.
    ///   - security: the cluster secret and TLS settings.
    init(
        host: String, port: Int, group: any EventLoopGroup, connectTimeout: TimeAmount, maxFrameSize: Int,
        security: RPCClientSecurity = .none, logger: Logger = Logger(label: "herald.rpc.client")
    ) {
        self.host = host
        self.port = port
        self.peer = "\(host):\(port)"
        self.group = group
        self.connectTimeout = connectTimeout
        self.maxFrameSize = maxFrameSize
        self.security = security
        self.logger = logger
    }

    /// Opens (and authenticates) the connection unless it is open already.
    func open() -> EventLoopFuture<Void> {
        switch acquire() {
        case .ready:
            return group.any().makeSucceededVoidFuture()
        case let .pending(future):
            return future.map { _ in }
        case let .failed(error):
            return group.any().makeFailedFuture(error)
        case let .connect(failures):
            return connect(failures: failures).map { _ in }
        }
    }

    /// Sends `request` and returns its response; failures are ``StorageError`` values for the
    /// call and ``RPCClientError`` values when the connection cannot be opened.
    func send(_ request: NodeRequest, deadline: NIODeadline) -> EventLoopFuture<NodeResponse> {
        // Read in the caller's task: the writes below may run on an event loop.
        let trace = RequestTrace.requestID
        switch acquire() {
        case let .ready(channel):
            return Self.write(request, trace: trace, deadline: deadline, on: channel)
        case let .pending(future):
            return future.flatMap { Self.write(request, trace: trace, deadline: deadline, on: $0) }
        case let .failed(error):
            return group.any().makeFailedFuture(error)
        case let .connect(failures):
            return connect(failures: failures).flatMap { Self.write(request, trace: trace, deadline: deadline, on: $0) }
        }
    }

    /// Closes the connection; later calls fail with `.unavailable`.
    func shutdown() async {
        let channel = state.withLockedValue { state -> (any Channel)? in
            defer { state = .shutDown }
            if case let .connected(channel) = state { return channel }
            return nil
        }
        try? await channel?.close()
    }

    private static func write(
        _ request: NodeRequest, trace: String?, deadline: NIODeadline, on channel: any Channel
    ) -> EventLoopFuture<NodeResponse> {
        let promise = channel.eventLoop.makePromise(of: NodeResponse.self)
        channel.writeAndFlush(RPCOutboundCall(request: request, trace: trace, deadline: deadline, promise: promise)).whenFailure { error in
            promise.fail(StorageError.unavailable("cannot send to node: \(error)"))
        }
        return promise.futureResult
    }

    /// Decides under the lock whether to use, await, open or refuse the connection.
    private func acquire() -> Acquired {
        state.withLockedValue { state in
            switch state {
            case let .connected(channel):
                if channel.isActive { return .ready(channel) }
                state = .idle(failures: 0)
                return .connect(failures: 0)
            case let .connecting(future, _):
                return .pending(future)
            case let .backingOff(until, failures, error):
                guard NIODeadline.now() >= until else { return .failed(error) }
                return .connect(failures: failures)
            case let .idle(failures):
                return .connect(failures: failures)
            case .shutDown:
                return .failed(.shutDown(peer: peer))
            }
        }
    }

    /// Opens the socket unless another caller got there first, and records the outcome.
    private func connect(failures: Int) -> EventLoopFuture<any Channel> {
        let peer = self.peer
        let eventLoop = group.next()
        let promise = eventLoop.makePromise(of: (any Channel).self)
        let existing = state.withLockedValue { state -> Acquired? in
            switch state {
            case .idle, .backingOff:
                state = .connecting(promise.futureResult, failures: failures)
                return nil
            case let .connecting(future, _):
                return .pending(future)
            case let .connected(channel) where channel.isActive:
                return .ready(channel)
            case .connected:
                state = .connecting(promise.futureResult, failures: failures)
                return nil
            case .shutDown:
                return .failed(.shutDown(peer: peer))
            }
        }
        switch existing {
        case nil:
            break
        case let .ready(channel):
            promise.succeed(channel)
            return promise.futureResult
        case let .pending(future):
            promise.fail(RPCClientError.connectFailed(peer: peer, reason: "superseded by another connect"))
            return future
        case let .failed(error):
            promise.fail(error)
            return promise.futureResult
        case .connect:
            break
        }
        let handshake = eventLoop.makePromise(of: Void.self)
        makeBootstrap(on: eventLoop, handshake: handshake).connect(host: host, port: port).whenComplete { result in
            switch result {
            case let .success(channel):
                handshake.futureResult.whenComplete { outcome in
                    switch outcome {
                    case .success:
                        self.connected(channel, promise: promise)
                    case let .failure(error):
                        channel.close(promise: nil)
                        self.connectFailed(error, failures: failures, promise: promise)
                    }
                }
            case let .failure(error):
                handshake.fail(RPCClientError.connectFailed(peer: peer, reason: "\(error)"))
                self.connectFailed(error, failures: failures, promise: promise)
            }
        }
        return promise.futureResult
    }

    private func connected(_ channel: any Channel, promise: EventLoopPromise<any Channel>) {
        let keep = state.withLockedValue { state -> Bool in
            guard case .connecting = state else { return false }
            state = .connected(channel)
            return true
        }
        guard keep else {
            channel.close(promise: nil)
            promise.fail(RPCClientError.shutDown(peer: peer))
            return
        }
        channel.closeFuture.whenComplete { _ in
            self.state.withLockedValue { state in
                if case let .connected(current) = state, current === channel {
                    state = .idle(failures: 0)
                }
            }
        }
        promise.succeed(channel)
    }

    private func connectFailed(_ error: any Error, failures: Int, promise: EventLoopPromise<any Channel>) {
        let failure = error as? RPCClientError ?? .connectFailed(peer: peer, reason: "\(error)")
        if case .authenticationFailed = failure {
            logger.error("storage node authentication failed; check the cluster secret", metadata: ["error": "\(failure)"])
        } else if case .handshakeFailed = failure {
            logger.warning("RPC handshake with storage node failed", metadata: ["error": "\(failure)"])
        }
        state.withLockedValue { state in
            guard case .connecting = state else { return }
            state = .backingOff(until: .now() + Self.backoff(afterFailures: failures), failures: failures + 1, error: failure)
        }
        promise.fail(failure)
    }

    /// 50 ms after the first failure, doubling with each further one, at most 2 s.
    static func backoff(afterFailures failures: Int) -> TimeAmount {
        let shift = min(failures, 6)
        return min(initialBackoff * (1 << shift), maximumBackoff)
    }

    /// TCP, then TLS when configured, then the handshake, which installs the RPC handlers once the
    /// node is authenticated and completes `handshake`.
    private func makeBootstrap(on eventLoop: any EventLoop, handshake: EventLoopPromise<Void>) -> ClientBootstrap {
        let peer = self.peer
        let host = self.host
        let maxFrameSize = self.maxFrameSize
        let security = self.security
        let timeout = self.connectTimeout
        return ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls = security.tls {
                        try pipeline.addHandler(try tls.makeHandler(host: host))
                    }
                    try pipeline.addHandler(
                        RPCClientHandshakeHandler(
                            secret: security.clusterSecret, peer: peer, timeout: timeout, completion: handshake
                        ) { pipeline in
                            try pipeline.addHandler(ByteToMessageHandler(RPCFrameDecoder(maxFrameSize: maxFrameSize)))
                            try pipeline.addHandler(RPCClientHandler(peer: peer, maxFrameSize: maxFrameSize))
                        })
                }
            }
    }
}
