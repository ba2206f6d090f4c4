import ServiceLifecycle
import Shared
import StorageNode

/// The node's RPC server as a service: starts listening, announces itself (banner line and
/// `READY=1`), and on graceful shutdown stops accepting and lets the requests in flight finish.
struct RPCServerService: Service {
    let server: RPCServer
    let announce: @Sendable (_ port: Int) -> Void

    func run() async throws {
        let port = try await server.start()
        announce(port)
        try? await gracefulShutdown()
        await server.shutdown()
    }
}

/// Work that runs until the process shuts down (garbage collection, notification delivery):
/// cancelled as soon as the graceful shutdown reaches it.
struct BackgroundService: Service {
    let work: @Sendable () async -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await work()
        }
    }
}
