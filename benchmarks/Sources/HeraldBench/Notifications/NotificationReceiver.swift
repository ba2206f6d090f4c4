import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// The loopback HTTP/1.1 webhook receiver of the notification benchmark: listens on
/// 127.0.0.1 only, answers every request with 204 and records deliveries in a ledger.
final class NotificationReceiver: Sendable {
    /// The address the receiver binds; never anything but loopback.
    static let host = "127.0.0.1"

    /// The bound port.
    let port: Int
    private let listener: any Channel
    private let connections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>

    private init(port: Int, listener: any Channel, connections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>) {
        self.port = port
        self.listener = listener
        self.connections = connections
    }

    /// Starts listening on `port` (0 picks a free one) and recording into `ledger`.
    static func start(
        port: Int, ledger: DeliveryLedger, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> NotificationReceiver {
        let connections = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                let key = ObjectIdentifier(channel)
                connections.withLockedValue { $0[key] = channel }
                channel.closeFuture.whenComplete { _ in _ = connections.withLockedValue { $0.removeValue(forKey: key) } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(NotificationRequestHandler(ledger: ledger))
                }
            }
        let listener = try await bootstrap.bind(host: host, port: port).get()
        guard let boundPort = listener.localAddress?.port else {
            try? await listener.close()
            throw ChannelError.unknownLocalAddress
        }
        return NotificationReceiver(port: boundPort, listener: listener, connections: connections)
    }

    /// The subscriber URI of subscriber `index`: `http://127.0.0.1:<port>/s<index>`.
    func subscriberURL(_ index: Int) -> String {
        "http://\(Self.host):\(port)\(SubscriberPath.path(of: index))"
    }

    /// Stops listening and closes every open connection.
    func shutdown() async {
        try? await listener.close()
        let open = connections.withLockedValue { Array($0.values) }
        for channel in open {
            try? await channel.close()
        }
    }
}
