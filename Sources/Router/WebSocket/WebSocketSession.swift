import HummingbirdWebSocket
import Shared

/// The state of one WebSocket connection: the headers remembered from `authenticate` and the
/// subscriptions that push to this socket. Frames are answered one at a time, in order.
struct WebSocketSession {
    /// A subscription whose subscriber is this socket, deleted when the socket closes.
    private struct SocketSubscription {
        var queue: String
        var id: String
        var headers: [(name: String, value: String)]
    }

    let bridge: WebSocketRESTBridge
    /// This socket's subscriber URL; `nil` while the notification listener is not listening.
    let subscriberURL: @Sendable () -> String?
    /// The headers of the last successful `authenticate`, sent with every later frame under the
    /// frame's own.
    private var authenticated: [(name: String, value: String)] = []
    private var subscriptions: [SocketSubscription] = []

    init(bridge: WebSocketRESTBridge, subscriberURL: @escaping @Sendable () -> String?) {
        self.bridge = bridge
        self.subscriberURL = subscriberURL
    }

    /// The reply frame to an inbound message.
    mutating func reply(to message: WebSocketMessage) async -> String {
        guard case .text(let text) = message else {
            return WebSocketReplyFrame.encode(WebSocketFrameError(
                status: 400, message: "Binary (MessagePack) frames are not supported: send JSON text frames."))
        }
        do {
            let frame = try WebSocketRequestFrame.parse(text)
            let (status, body) = try await answer(frame)
            return WebSocketReplyFrame.encode(request: frame.raw, status: status, body: body)
        } catch {
            return WebSocketReplyFrame.encode(error)
        }
    }

    /// Deletes the subscriptions of this socket (it is closing).
    mutating func close() async {
        for subscription in subscriptions {
            let call = WebSocketRESTCall(
                method: .delete,
                path: "/v2/queues/\(PercentEncoding.encode(subscription.queue))/subscriptions/\(PercentEncoding.encode(subscription.id))")
            _ = try? await bridge.perform(call, headers: subscription.headers)
        }
        subscriptions = []
    }

    private mutating func answer(_ frame: WebSocketRequestFrame) async throws(WebSocketFrameError) -> (Int, JSONValue) {
        if frame.action == .authenticate { return try authenticate(frame) }
        var subscriber: String?
        if frame.action == .subscriptionCreate, frame.body["subscriber"] == nil {
            guard let url = subscriberURL() else {
                throw WebSocketFrameError(status: 503, message: "The WebSocket notification listener is not running.", request: frame.raw)
            }
            subscriber = url
        }
        guard let call = frame.action.restCall(frame.body, subscriber: subscriber) else {
            throw WebSocketFrameError(status: 400, message: "Invalid action: \(frame.action.rawValue)", request: frame.raw)
        }
        let headers = merged(frame.headers)
        let answer: WebSocketRESTBridge.Answer
        do {
            answer = try await bridge.perform(call, headers: headers)
        } catch {
            var refused = error
            refused.request = frame.raw
            throw refused
        }
        record(frame, answer: answer, socketSubscription: subscriber != nil, headers: headers)
        let body = WebSocketReplyShape.body(
            for: frame.action, status: answer.status, json: answer.json, location: answer.location, request: frame.body)
        return (answer.status, body)
    }

    /// `authenticate`: checks the frame's credentials and remembers its headers; a refusal
    /// answers the REST status (401 or 403) with the reference's "Authentication failed.".
    private mutating func authenticate(_ frame: WebSocketRequestFrame) throws(WebSocketFrameError) -> (Int, JSONValue) {
        switch try bridge.authenticate(headers: frame.headers) {
        case .success:
            authenticated = frame.headers
            return (200, WebSocketReplyShape.body(for: .authenticate, status: 200, json: nil, location: nil, request: frame.body))
        case .failure(let error):
            var members: [(key: String, value: JSONValue)] = [(key: "error", value: .string("Authentication failed."))]
            members.append((key: "exception", value: .string(error.description ?? error.title)))
            return (Int(error.status.code), .object(members))
        }
    }

    /// The remembered headers with the frame's own on top.
    private func merged(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        let overridden = Set(headers.map { $0.name.lowercased() })
        return authenticated.filter { !overridden.contains($0.name.lowercased()) } + headers
    }

    /// Keeps track of the subscriptions pushing to this socket.
    private mutating func record(
        _ frame: WebSocketRequestFrame, answer: WebSocketRESTBridge.Answer, socketSubscription: Bool,
        headers: [(name: String, value: String)]
    ) {
        let queue = frame.body["queue_name"]?.stringValue ?? ""
        switch frame.action {
        case .subscriptionCreate where socketSubscription && answer.status == 201:
            if let id = answer.json?["subscription_id"]?.stringValue {
                subscriptions.append(SocketSubscription(queue: queue, id: id, headers: headers))
            }
        case .subscriptionDelete where answer.status < 300:
            let id = frame.body["subscription_id"]?.stringValue
            subscriptions.removeAll { $0.queue == queue && $0.id == id }
        default:
            break
        }
    }
}
