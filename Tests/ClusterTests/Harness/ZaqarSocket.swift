import Foundation
import HummingbirdWSClient
import Logging

/// A WebSocket client of the router's Zaqar WebSocket API for cluster tests: sends text frames
/// and hands back the frames received, replies and pushed notifications alike, in order.
final class ZaqarSocket: Sendable {
    /// The frames received so far, not yet taken.
    private actor Inbox {
        var frames: [String] = []
        func append(_ frame: String) { frames.append(frame) }
        func take() -> String? { frames.isEmpty ? nil : frames.removeFirst() }
    }

    private let inbox = Inbox()
    private let outgoing: AsyncStream<String>.Continuation
    private let connection: Task<Void, any Error>
    /// Headers sent with every frame (`Client-ID`, and `X-Project-ID` unless `nil`).
    let headers: [String: String]

    /// Connects to `ws://host:port/path`.
    init(host: String, port: Int, path: String = "/v2/ws", project: String? = "cluster-tests") {
        var headers = ["Client-ID": UUID().uuidString.lowercased()]
        if let project { headers["X-Project-ID"] = project }
        self.headers = headers
        let (frames, sink) = AsyncStream<String>.makeStream()
        outgoing = sink
        let inbox = self.inbox
        var logger = Logger(label: "zaqar-socket")
        logger.logLevel = .critical
        connection = Task {
            try await WebSocketClient.connect(url: "ws://\(host):\(port)\(path)", logger: logger) { inbound, outbound, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await frame in frames { try await outbound.writeTextMessage(frame) }
                        try await outbound.close(.normalClosure, reason: nil)
                    }
                    for try await message in inbound.messages(maxSize: 1 << 22) {
                        if case .text(let text) = message { await inbox.append(text) }
                    }
                    group.cancelAll()
                }
            }
        }
    }

    /// Sends `text` as it is.
    func send(raw text: String) {
        outgoing.yield(text)
    }

    /// Sends `{"action", "headers", "body"}`; `headers` adds to (or replaces) ``headers``, and
    /// `withDefaultHeaders: false` sends only `headers`.
    func send(_ action: String, body: String = "{}", headers extra: [String: String] = [:], withDefaultHeaders: Bool = true) {
        let all = (withDefaultHeaders ? headers : [:]).merging(extra) { _, new in new }
        let data = (try? JSONSerialization.data(withJSONObject: all, options: [.sortedKeys])) ?? Data("{}".utf8)
        send(raw: #"{"action": "\#(action)", "headers": \#(String(decoding: data, as: UTF8.self)), "body": \#(body)}"#)
    }

    /// The next frame received, waiting up to `timeout`.
    func next(timeout: Duration = .seconds(30)) async throws -> JSONTree {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let frame = await inbox.take() { return try JSONTree(data: Data(frame.utf8)) }
            if connection.isCancelled { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        if let frame = await inbox.take() { return try JSONTree(data: Data(frame.utf8)) }
        throw ClusterError.timedOut(what: "a WebSocket frame")
    }

    /// Sends an action frame and returns the next frame (its reply when nothing is pushed meanwhile).
    func call(_ action: String, body: String = "{}", headers: [String: String] = [:], withDefaultHeaders: Bool = true)
        async throws -> JSONTree
    {
        send(action, body: body, headers: headers, withDefaultHeaders: withDefaultHeaders)
        return try await next()
    }

    /// Closes the connection and waits until it is closed.
    func close() async {
        outgoing.finish()
        _ = await connection.result
    }
}

extension JSONTree {
    /// The `headers.status` of a reply frame.
    var status: Int? { self["headers"]?["status"]?.int }
}
