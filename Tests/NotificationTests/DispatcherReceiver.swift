import Hummingbird
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
        var headers: [(name: String, value: String)]
        var at: ContinuousClock.Instant

        /// The values of header `name` (case-insensitive).
        func header(_ name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }
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
    private let server: LoopbackHTTPServer

    private init(script: Script, server: LoopbackHTTPServer) {
        self.script = script
        self.server = server
    }

    var port: Int { server.port }

    static func start() async throws -> DispatcherReceiver {
        let script = Script()
        let server = try await LoopbackHTTPServer.start(label: "dispatcher-receiver") { router, gate in
            router.post("/hang") { request, _ -> Response in
                _ = await script.answer(try await Self.hit(request))
                for await _ in gate { break }
                return Response(status: .ok)
            }
            router.post("/{name}") { request, _ -> Response in
                let code = await script.answer(try await Self.hit(request))
                return Response(status: HTTPResponse.Status(code: code))
            }
        }
        return DispatcherReceiver(script: script, server: server)
    }

    func url(_ path: String) -> String { server.url(path) }

    /// The requests received on `path`, in arrival order.
    func hits(_ path: String) async -> [Hit] { await script.hits.filter { $0.path == path } }

    /// Releases hanging requests and stops the server.
    func stop() async { await server.stop() }

    private static func hit(_ request: Request) async throws -> Hit {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        return Hit(path: request.uri.path, body: Array(buffer.readableBytesView), headers: headers, at: .now)
    }
}
