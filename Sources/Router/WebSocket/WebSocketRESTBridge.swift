import HTTPTypes
import Hummingbird
import NIOCore
import Shared

/// Runs action frames through the REST pipeline of ``HeraldResponder`` — signed URLs,
/// authentication, header checks, rate limit, name checks, policy, then the handler — so a
/// frame is checked exactly as the equivalent REST request is.
struct WebSocketRESTBridge: Sendable {
    /// The REST answer of a frame: status, parsed JSON body (if any) and `Location`.
    struct Answer: Sendable {
        var status: Int
        var json: JSONValue?
        var location: String?
    }

    let responder: HeraldResponder
    let context: BasicRequestContext

    /// Frame headers that describe the HTTP message itself: the bridge sets or omits them.
    static let messageHeaders: Set<String> = [
        "content-length", "content-type", "transfer-encoding", "host", "connection", "upgrade", "expect",
    ]

    /// The REST answer to `call` sent with `headers`.
    func perform(_ call: WebSocketRESTCall, headers: [(name: String, value: String)]) async throws(WebSocketFrameError) -> Answer {
        let request = try Self.request(call, headers: headers)
        var response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            // HeraldResponder answers every failure itself; this is the last resort.
            return Answer(status: 500, json: nil, location: nil)
        }
        let collector = BodyCollector()
        do {
            try await response.body.write(collector)
        } catch {
            return Answer(status: 500, json: nil, location: nil)
        }
        let bytes = collector.storage.bytes
        let json = bytes.isEmpty ? nil : try? JSONValue.parse(bytes)
        return Answer(status: response.status.code, json: json, location: response.headers[.location])
    }

    /// Checks the credentials of an `authenticate` frame as a REST request's are checked: the
    /// token (in token mode) and the project it is bound to.
    func authenticate(headers: [(name: String, value: String)]) throws(WebSocketFrameError) -> Result<Void, APIError> {
        let request = try Self.request(WebSocketRESTCall(method: .get, path: "/v2/"), headers: headers)
        do {
            let principal = try responder.api.authenticator.authenticate(request, route: .home, grant: nil)
            _ = try RequestChecks.projectID(request, boundTo: principal?.project)
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    /// The Hummingbird request of `call`.
    static func request(_ call: WebSocketRESTCall, headers: [(name: String, value: String)]) throws(WebSocketFrameError) -> Request {
        var fields = HTTPFields()
        for (name, value) in headers where !messageHeaders.contains(name.lowercased()) {
            guard let fieldName = HTTPField.Name(name) else {
                throw WebSocketFrameError(status: 400, message: "Schema validation failed.", exception: "Invalid header name \"\(name)\".")
            }
            fields[fieldName] = value
        }
        var body = ByteBuffer()
        if let document = call.body {
            body = ByteBuffer(bytes: document.serialized())
            fields[.contentType] = "application/json"
            fields[.contentLength] = String(body.readableBytes)
        }
        let head = HTTPRequest(method: call.method, scheme: "http", authority: "websocket", path: call.target, headerFields: fields)
        return Request(head: head, body: RequestBody(buffer: body))
    }
}

/// Collects a response body into memory.
private struct BodyCollector: ResponseBodyWriter {
    final class Storage {
        var bytes: [UInt8] = []
    }

    let storage = Storage()

    mutating func write(_ buffer: ByteBuffer) async throws {
        storage.bytes.append(contentsOf: buffer.readableBytesView)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
