import Hummingbird
import Logging
import NIOCore
import XCTest

/// A real HTTP receiver on 127.0.0.1 (random port) that records every request.
///
/// `POST /status/<code>` answers `<code>`; `POST /hang` waits until `stop()`.
final class WebhookReceiver: Sendable {
    /// One received request.
    struct Received: Sendable {
        var path: String
        var body: [UInt8]
        var headers: [(name: String, value: String)]

        func header(_ name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }
    }

    actor Log {
        var requests: [Received] = []
        func append(_ request: Received) { requests.append(request) }
    }

    let log: Log
    private let gate: AsyncStream<Void>
    private let release: AsyncStream<Void>.Continuation
    private let task: Task<Void, any Error>
    let port: Int

    private init(
        log: Log, gate: AsyncStream<Void>, release: AsyncStream<Void>.Continuation, task: Task<Void, any Error>,
        port: Int
    ) {
        self.log = log
        self.gate = gate
        self.release = release
        self.task = task
        self.port = port
    }

    static func start() async throws -> WebhookReceiver {
        let log = Log()
        let (gate, release) = AsyncStream<Void>.makeStream()
        let router = Router()
        router.post("/status/{code}") { request, context -> Response in
            await log.append(try await Self.record(request))
            let code = context.parameters.get("code", as: Int.self) ?? 200
            return Response(status: HTTPResponse.Status(code: code))
        }
        router.post("/hang") { request, _ -> Response in
            await log.append(try await Self.record(request))
            for await _ in gate { break }
            return Response(status: .ok)
        }
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: Self.quietLogger)
        let task = Task { try await app.runService() }
        var port = 0
        for await value in ports { port = value }
        guard port > 0 else {
            task.cancel()
            throw XCTSkip("receiver did not start")
        }
        return WebhookReceiver(log: log, gate: gate, release: release, task: task, port: port)
    }

    private static let quietLogger: Logger = {
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        return logger
    }()

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func requests() async -> [Received] { await log.requests }

    /// Releases hanging requests and stops the server.
    func stop() async {
        release.finish()
        task.cancel()
        _ = await task.result
    }

    private static func record(_ request: Request) async throws -> Received {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        return Received(path: request.uri.path, body: Array(buffer.readableBytesView), headers: headers)
    }
}
