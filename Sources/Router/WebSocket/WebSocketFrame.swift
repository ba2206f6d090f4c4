import Shared

/// A request frame: `{"action": "...", "headers": {...}, "body": {...}}` (Zaqar's
/// `zaqar/common/api/request.py`), parsed and checked against the action's schema.
struct WebSocketRequestFrame: Sendable {
    let action: WebSocketAction
    /// The frame's headers, in order.
    let headers: [(name: String, value: String)]
    /// The body object (`{}` when the frame has none).
    let body: JSONValue
    /// The whole frame as received, echoed in the reply's `request`.
    let raw: JSONValue

    /// Parses a text frame.
    static func parse(_ text: String) throws(WebSocketFrameError) -> WebSocketRequestFrame {
        let document: JSONValue
        do {
            document = try JSONValue.parse(Array(text.utf8))
        } catch {
            throw WebSocketFrameError(
                status: 400, message: "Can't decode text (JSON) request: \(error.reason) at offset \(error.offset).")
        }
        guard case .object = document else {
            throw WebSocketFrameError(status: 400, message: "Unexpected body type. Expected dict or dict like.")
        }
        guard case .string(let name)? = document["action"], let action = WebSocketAction(rawValue: name) else {
            let shown = document["action"].map { String(decoding: $0.serialized(), as: UTF8.self) } ?? "null"
            throw WebSocketFrameError(status: 400, message: "Invalid action: \(shown)", request: document)
        }
        var headers: [(name: String, value: String)] = []
        switch document["headers"] {
        case nil, .null?:
            break
        case .object(let members)?:
            for member in members {
                guard case .string(let value) = member.value else {
                    throw .schema("The header \"\(member.key)\" must be a string.", request: document)
                }
                headers.append((member.key, value))
            }
        default:
            throw .schema("The headers must be an object.", request: document)
        }
        let body = document["body"] ?? .object([])
        if let problem = action.schemaProblem(body) { throw .schema(problem, request: document) }
        return WebSocketRequestFrame(action: action, headers: headers, body: body, raw: document)
    }
}

/// A frame refused before it reached the REST pipeline: answered with `status` and
/// `{"error": message}` (plus `exception` for schema failures), as the reference does.
struct WebSocketFrameError: Error, Sendable {
    var status: Int
    var message: String
    var exception: String?
    /// The frame, when it was at least a JSON object.
    var request: JSONValue?

    init(status: Int, message: String, exception: String? = nil, request: JSONValue? = nil) {
        self.status = status
        self.message = message
        self.exception = exception
        self.request = request
    }

    /// The reference's "Schema validation failed." with what was wrong.
    static func schema(_ problem: String, request: JSONValue) -> WebSocketFrameError {
        WebSocketFrameError(status: 400, message: "Schema validation failed.", exception: problem, request: request)
    }

    /// The reply body.
    var body: JSONValue {
        var members: [(key: String, value: JSONValue)] = [(key: "error", value: .string(message))]
        if let exception { members.append((key: "exception", value: .string(exception))) }
        return .object(members)
    }
}

/// Builds the reply frames: `{"request": {...}, "headers": {"status": N}, "body": ...}`
/// (Zaqar's `zaqar/common/api/response.py`).
enum WebSocketReplyFrame {
    /// The reply to `request` (the frame as received; `nil` when it was not a JSON object).
    static func encode(request: JSONValue?, status: Int, body: JSONValue) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("request")
        writer.beginObject()
        writer.key("action")
        writer.value(request?["action"] ?? .null)
        writer.key("body")
        writer.value(request?["body"] ?? .object([]))
        writer.key("headers")
        writer.value(request?["headers"] ?? .null)
        writer.key("api")
        writer.string("v2")
        writer.endObject()
        writer.key("headers")
        writer.beginObject()
        writer.key("status")
        writer.int(status)
        writer.endObject()
        writer.key("body")
        writer.value(body)
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The reply to a refused frame.
    static func encode(_ error: WebSocketFrameError) -> String {
        encode(request: error.request, status: error.status, body: error.body)
    }
}
