import Hummingbird
import Logging
import NIOCore
import XCTest

/// A real Hummingbird server on 127.0.0.1 (random port) serving a test's router, plus a gate
/// that requests can wait on until ``stop()`` releases them. The receivers of this target
/// build their routes on it.
final class LoopbackHTTPServer: Sendable {
    /// The port the server listens on.
    let port: Int
    private let release: AsyncStream<Void>.Continuation
    private let task: Task<Void, any Error>

    private init(port: Int, release: AsyncStream<Void>.Continuation, task: Task<Void, any Error>) {
        self.port = port
        self.release = release
        self.task = task
    }

    /// Starts a server whose routes `configure` adds; the stream it gets ends at ``stop()``, so a
    /// handler that iterates it hangs until then.
    static func start(
        label: String, _ configure: (Router<BasicRequestContext>, AsyncStream<Void>) -> Void
    ) async throws -> LoopbackHTTPServer {
        let (gate, release) = AsyncStream<Void>.makeStream()
        let router = Router()
        configure(router, gate)
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: label)
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger)
        let task = Task { try await app.runService() }
        var port = 0
        for await value in ports { port = value }
        guard port > 0 else {
            task.cancel()
            throw XCTSkip("\(label) did not start")
        }
        return LoopbackHTTPServer(port: port, release: release, task: task)
    }

    /// `http://127.0.0.1:<port><path>`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Releases waiting requests and stops the server.
    func stop() async {
        release.finish()
        task.cancel()
        _ = await task.result
    }
}
