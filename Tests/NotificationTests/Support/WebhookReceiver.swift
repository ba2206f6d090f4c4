import Hummingbird
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
    private let server: LoopbackHTTPServer

    private init(log: Log, server: LoopbackHTTPServer) {
        self.log = log
        self.server = server
    }

    var port: Int { server.port }

    static func start() async throws -> WebhookReceiver {
        let log = Log()
        let server = try await LoopbackHTTPServer.start(label: "webhook-receiver") { router, gate in
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
        }
        return WebhookReceiver(log: log, server: server)
    }

    func url(_ path: String) -> String { server.url(path) }

    func requests() async -> [Received] { await log.requests }

    /// Releases hanging requests and stops the server.
    func stop() async { await server.stop() }

    private static func record(_ request: Request) async throws -> Received {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        return Received(path: request.uri.path, body: Array(buffer.readableBytesView), headers: headers)
    }
}
