import NIOCore
import NIOHTTP1
import NIOPosix

/// A tiny HTTP/1.1 server answering the Zaqar v2 requests of a `load` run with fixed answers,
/// so that `load` against it measures the tool's own ceiling.
struct CannedServer: Sendable {
    /// The bound port.
    let port: Int
    private let listener: any Channel

    /// Starts listening on `host`:`port` (0 picks a free port).
    static func start(
        host: String, port: Int, responses: CannedResponses,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> CannedServer {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(CannedRequestHandler(responses: responses))
                }
            }
        let listener = try await bootstrap.bind(host: host, port: port).get()
        guard let boundPort = listener.localAddress?.port else {
            try? await listener.close()
            throw ChannelError.unknownLocalAddress
        }
        return CannedServer(port: boundPort, listener: listener)
    }

    /// Returns when the listener closes (the process is normally ended by a signal).
    func wait() async throws {
        try await listener.closeFuture.get()
    }

    /// Stops listening (connections already open stay until their clients close them).
    func close() async throws {
        try await listener.close()
    }
}
