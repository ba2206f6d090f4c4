import HummingbirdCore
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import ServiceLifecycle

/// Serves a Hummingbird child channel (HTTP/1) on a listening socket the process inherited
/// (systemd socket activation), where Hummingbird's own server can only bind an address.
/// A graceful shutdown stops accepting, lets each connection finish its request in flight, and
/// returns once all are closed — as Hummingbird's server does.
struct InheritedSocketServer<ChildChannel: ServerChildChannel>: Service {
    let childChannel: ChildChannel
    /// The listening socket (e.g. descriptor 3 from `sd_listen_fds`); the server closes it when done.
    let socket: Int32
    let eventLoopGroup: any EventLoopGroup
    let onServerRunning: @Sendable (any Channel) async -> Void
    let logger: Logger

    func run() async throws {
        let quiescing = ServerQuiescingHelper(group: eventLoopGroup)
        let childChannel = self.childChannel
        let logger = self.logger
        let serverChannel = try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .bind(socket, serverBackPressureStrategy: nil) { channel in
                childChannel.setup(channel: channel, logger: logger)
            }
        await withGracefulShutdownHandler {
            await onServerRunning(serverChannel.channel)
            await withDiscardingTaskGroup { group in
                do {
                    try await serverChannel.executeThenClose { inbound in
                        for try await connection in inbound {
                            group.addTask { await childChannel.handle(value: connection, logger: logger) }
                        }
                    }
                } catch {
                    logger.error("accepting connections failed", metadata: ["error": "\(error)"])
                }
            }
        } onGracefulShutdown: {
            quiescing.initiateShutdown(promise: nil)
        }
    }
}
