import NIOCore
import NIOPosix
import Shared
import StorageNode
import XCTest

final class WebhookSenderTests: XCTestCase {
    private var receiver: WebhookReceiver!
    private var sender: WebhookSender!
    private let payload = Array(#"{"body":{"event":"BackupStarted"},"ttl":300,"queue_name":"q1"}"#.utf8)

    override func setUp() async throws {
        receiver = try await WebhookReceiver.start()
        sender = WebhookSender()
    }

    override func tearDown() async throws {
        await sender?.shutdown()
        await receiver?.stop()
    }

    func testPayloadIsPostedAsJSON() async throws {
        let outcome = await sender.deliver(
            to: receiver.url("/status/201"), payload: payload, options: .object([]), timeout: .seconds(5))
        XCTAssertEqual(outcome, .delivered(status: 201))
        let requests = await receiver.requests()
        XCTAssertEqual(requests.count, 1)
        XCTAssertEqual(requests.first?.body, payload)
        XCTAssertEqual(requests.first?.header("Content-Type"), ["application/json"])
    }

    func testPostDataTemplateAndHeaders() async throws {
        let options = JSONValue.object([
            ("post_data", .string(#"{"foo": "bar", "egg": "$zaqar_message$", "again": "$zaqar_message$"}"#)),
            ("post_headers", .object([("X-Custom", .string("yes")), ("content-type", .string("text/x-test"))])),
        ])
        let outcome = await sender.deliver(
            to: receiver.url("/status/200"), payload: payload, options: options, timeout: .seconds(5))
        XCTAssertEqual(outcome, .delivered(status: 200))
        let first = await receiver.requests().first
        let request = try XCTUnwrap(first)
        let json = String(decoding: payload, as: UTF8.self)
        XCTAssertEqual(
            String(decoding: request.body, as: UTF8.self), #"{"foo": "bar", "egg": \#(json), "again": \#(json)}"#)
        XCTAssertEqual(request.header("X-Custom"), ["yes"])
        XCTAssertEqual(request.header("Content-Type"), ["text/x-test"])
    }

    func testStatusClassification() async throws {
        for (status, expected) in [(500, "retry"), (503, "retry"), (429, "retry"), (404, "failed"), (400, "failed")] {
            let outcome = await sender.deliver(
                to: receiver.url("/status/\(status)"), payload: payload, options: .object([]), timeout: .seconds(5))
            switch (outcome, expected) {
            case (.retry, "retry"), (.failed, "failed"): break
            default: XCTFail("status \(status) gave \(outcome), expected \(expected)")
            }
        }
        let requests = await receiver.requests()
        XCTAssertEqual(requests.count, 5)
    }

    func testBadOptionsAndURIsFailForGood() async throws {
        let badData = await sender.deliver(
            to: receiver.url("/status/200"), payload: payload, options: .object([("post_data", .int(1))]),
            timeout: .seconds(5))
        guard case .failed = badData else { return XCTFail("post_data int gave \(badData)") }
        let badHeader = await sender.deliver(
            to: receiver.url("/status/200"), payload: payload,
            options: .object([("post_headers", .object([("X-A", .string("a\r\nX-Injected: 1"))]))]),
            timeout: .seconds(5))
        guard case .failed = badHeader else { return XCTFail("header injection gave \(badHeader)") }
        let badScheme = await sender.deliver(
            to: "ftp://127.0.0.1/x", payload: payload, options: .object([]), timeout: .seconds(5))
        guard case .failed = badScheme else { return XCTFail("ftp gave \(badScheme)") }
        let requests = await receiver.requests()
        XCTAssertTrue(requests.isEmpty)
    }

    func testConnectionRefusedIsRetried() async throws {
        let port = try await Self.closedPort()
        let start = ContinuousClock.now
        let outcome = await sender.deliver(
            to: "http://127.0.0.1:\(port)/hook", payload: payload, options: .object([]), timeout: .seconds(10))
        guard case .retry = outcome else { return XCTFail("refused connection gave \(outcome)") }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(9), "a refused connection must not wait for the timeout")
    }

    func testHangingReceiverTimesOutAsRetry() async throws {
        let start = ContinuousClock.now
        let outcome = await sender.deliver(
            to: receiver.url("/hang"), payload: payload, options: .object([]), timeout: .milliseconds(300))
        guard case .retry = outcome else { return XCTFail("hanging receiver gave \(outcome)") }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(10))
    }

    func testHangingSubscriberDoesNotDelayAnother() async throws {
        let sender = self.sender!
        let receiver = self.receiver!
        let payload = self.payload
        let slow = Task {
            await sender.deliver(to: receiver.url("/hang"), payload: payload, options: .object([]), timeout: .seconds(60))
        }
        let arrived = await eventually { await receiver.requests().contains { $0.path == "/hang" } }
        XCTAssertTrue(arrived, "the hanging request reached the receiver")
        let fast = await sender.deliver(
            to: receiver.url("/status/204"), payload: payload, options: .object([]), timeout: .seconds(5))
        XCTAssertEqual(fast, .delivered(status: 204))
        let stillHanging = await receiver.requests().count == 2
        XCTAssertTrue(stillHanging)
        slow.cancel()
        _ = await slow.value
    }

    /// A port on 127.0.0.1 that was just bound and released, so connecting to it is refused.
    private static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 1
        try await channel.close()
        return port
    }
}
