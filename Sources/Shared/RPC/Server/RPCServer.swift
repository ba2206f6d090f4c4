import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Serves a ``QueueStore`` over the internal binary RPC on one TCP address.
///
/// A new connection first runs the authentication handshake (inside TLS when configured, see
/// ``RPCServerSecurity``); only then are the frame decoder and request handler added, so an
/// unauthenticated peer never gets a byte decoded as a request. Each connection may pipeline many requests; every request runs in its own task and its
/// response is written as soon as it completes, so responses can overtake each other. A peer
/// that sends a malformed frame is disconnected; the server keeps serving everyone else.
public final class RPCServer: Sendable {
    /// Failures of ``start()``.
    public enum StartError: Error, Sendable, Equatable {
        /// `start()` was called twice, or after `shutdown()`.
        case alreadyStarted
        /// The listening socket has no local port.
        case noLocalAddress
    }

    private let store: any QueueStore
    private let host: String
    private let port: Int
    private let group: any EventLoopGroup
    private let maxFrameSize: Int
    private let maxInFlightPerConnection: Int
    private let drainTimeout: Duration
    private let security: RPCServerSecurity
    private let logger: Logger
    private let observer: (any RPCServerObserver)?
    let registry = RPCServerRegistry()
    private let listener = NIOLockedValueBox<ListenerState>(.notStarted)

    private enum ListenerState {
        case notStarted
        case starting
        case listening(any Channel)
        case stopped
    }

    /// - Parameters:
    ///   - store: The store every request runs against.
    ///   - host: The address to bind, e.g. `127.0.0.1`.
    ///   - port: The port to bind; 0 picks a free one (see the value ``start()`` returns).
    ///   - maxFrameSize: The largest frame accepted from a client (and sent back).
    ///   - maxInFlightPerConnection: Requests one connection may have executing before the
    ///     server stops reading from it.
    ///   - drainTimeout: How long ``shutdown()`` waits for running requests to finish.
    ///   - security: The cluster secret, TLS settings and handshake timeout.
    ///   - observer: Told about every request served (e.g. to count them); `nil` for none.
    public init(
        store: any QueueStore, host: String, port: Int,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        maxFrameSize: Int = RPCFrameDecoder.defaultMaxFrameSize,
        maxInFlightPerConnection: Int = 1024,
        drainTimeout: Duration = .seconds(10),
        security: RPCServerSecurity = .none,
        logger: Logger = Logger(label: "herald.rpc.server"),
        observer: (any RPCServerObserver)? = nil
    ) {
        self.store = store
        self.host = host
        self.port = port
        self.group = eventLoopGroup
        self.maxFrameSize = maxFrameSize
        self.maxInFlightPerConnection = max(1, maxInFlightPerConnection)
        self.drainTimeout = drainTimeout
        self.security = security
        self.logger = logger
        self.observer = observer
    }

    /// Binds the listening socket and starts accepting connections.
    /// - Returns: The bound port (the real one when `port` was 0).
    public func start() async throws -> Int {
        try listener.withLockedValue { state in
            guard case .notStarted = state else { throw StartError.alreadyStarted }
            state = .starting
        }
        let channel: any Channel
        do {
            channel = try await makeBootstrap().bind(host: host, port: port).get()
        } catch {
            listener.withLockedValue { $0 = .notStarted }
            throw error
        }
        guard let boundPort = channel.localAddress?.port else {
            try? await channel.close()
            listener.withLockedValue { $0 = .notStarted }
            throw StartError.noLocalAddress
        }
        let keep = listener.withLockedValue { state -> Bool in
            guard case .starting = state else { return false }
            state = .listening(channel)
            return true
        }
        if !keep {
            try? await channel.close()
            throw StartError.alreadyStarted
        }
        logger.info("RPC server listening", metadata: ["host": "\(host)", "port": "\(boundPort)"])
        return boundPort
    }

    /// Stops accepting connections and requests (requests arriving now are answered with
    /// `.unavailable`), lets running requests finish (up to the drain timeout) and closes every
    /// connection. Safe to call more than once.
    public func shutdown() async {
        let channel = listener.withLockedValue { state -> (any Channel)? in
            defer { state = .stopped }
            if case let .listening(channel) = state { return channel }
            return nil
        }
        try? await channel?.close()
        _ = registry.stopAccepting()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: drainTimeout)
        while registry.inFlight > 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        for connection in registry.stopAccepting() {
            try? await connection.close()
        }
    }

    private func makeBootstrap() -> ServerBootstrap {
        let store = self.store
        let registry = self.registry
        let maxFrameSize = self.maxFrameSize
        let maxInFlight = self.maxInFlightPerConnection
        let security = self.security
        let logger = self.logger
        let observer = self.observer
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                guard registry.register(channel) else {
                    return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
                }
                channel.closeFuture.whenComplete { _ in registry.unregister(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls = security.tls {
                        try pipeline.addHandler(tls.makeHandler())
                    }
                    try pipeline.addHandler(
                        RPCServerHandshakeHandler(secret: security.clusterSecret, timeout: security.handshakeTimeout, logger: logger) {
                            pipeline in
                            try pipeline.addHandler(ByteToMessageHandler(RPCFrameDecoder(maxFrameSize: maxFrameSize)))
                            try pipeline.addHandler(
                                RPCServerConnectionHandler(
                                    store: store, registry: registry, maxFrameSize: maxFrameSize, maxInFlight: maxInFlight,
                                    logger: logger, observer: observer))
                        })
                }
            }
    }
}
