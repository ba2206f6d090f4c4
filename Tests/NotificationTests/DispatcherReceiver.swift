import Hummingbird
import Logging
import NIOCore
import XCTest

/// A real HTTP receiver for dispatcher tests (127.0.0.1, random port) that answers each path
/// from a script of statuses (the last one repeats) and records when each request arrived.
///
/// `POST /hang` never answers until `stop()`.
final class DispatcherReceiver: Sendable {
    /// One received request.
    struct Hit: Sendable {
        var path: String
        var body: [UInt8]
        var at: ContinuousClock.Instant
    }

    actor Script {
        var hits: [Hit] = []
        var statuses: [String: [Int]] = [:]

        func set(_ path: String, _ codes: [Int]) { statuses[path] = codes }

        func answer(_ hit: Hit) -> Int {
            hits.append(hit)
            guard var codes = statuses[hit.path], let first = codes.first else { return 200 }
            if codes.count > 1 { codes.removeFirst() }
            statuses[hit.path] = codes
            return first
        }
    }

    let script: Script
    private let release: AsyncStream<Void>.Continuation
    private let task: Task<Void, any Error>
    let port: Int

    private init(script: Script, release: AsyncStream<Void>.Continuation, task: Task<Void, any Error>, port: Int) {
        self.script = script
        self.release = release
        self.task = task
        self.port = port
    }

    static func start() async throws -> DispatcherReceiver {
        let script = Script()
        let (gate, release) = AsyncStream<Void>.makeStream()
        let router = Router()
        router.post("/hang") { request, _ -> Response in
            _ = await script.answer(try await Self.hit(request))
            for await _ in gate { break }
            return Response(status: .ok)
        }
        router.post("/{name}") { request, _ -> Response in
            let code = await script.answer(try await Self.hit(request))
            return Response(status: HTTPResponse.Status(code: code))
        }
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "dispatcher-receiver")
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
            throw XCTSkip("receiver did not start")
        }
        return DispatcherReceiver(script: script, release: release, task: task, port: port)
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The requests received on `path`, in arrival order.
    func hits(_ path: String) async -> [Hit] { await script.hits.filter { $0.path == path } }

    /// Releases hanging requests and stops the server.
    func stop() async {
        release.finish()
        task.cancel()
        _ = await task.result
    }

    private static func hit(_ request: Request) async throws -> Hit {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        return Hit(path: request.uri.path, body: Array(buffer.readableBytesView), at: .now)
    }
}
