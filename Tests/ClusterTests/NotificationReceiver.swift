import Foundation
import Hummingbird
import Logging
import NIOCore
import XCTest

/// A real HTTP webhook receiver for cluster tests (127.0.0.1, random port): answers every POST
/// with the current status and records each request's body with the status it got.
final class NotificationReceiver: Sendable {
    /// One received notification.
    struct Delivery: Sendable {
        var status: Int
        var body: Data
    }

    actor State {
        var status = 200
        var deliveries: [Delivery] = []

        func setStatus(_ code: Int) { status = code }

        func receive(_ body: Data) -> Int {
            deliveries.append(Delivery(status: status, body: body))
            return status
        }
    }

    let state: State
    private let task: Task<Void, any Error>
    let port: Int

    private init(state: State, task: Task<Void, any Error>, port: Int) {
        self.state = state
        self.task = task
        self.port = port
    }

    static func start() async throws -> NotificationReceiver {
        let state = State()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let code = await state.receive(Data(buffer.readableBytesView))
            return Response(status: HTTPResponse.Status(code: code))
        }
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "notification-receiver")
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
        return NotificationReceiver(state: state, task: task, port: port)
    }

    var url: String { "http://127.0.0.1:\(port)/hook" }

    /// The message ids of the notifications answered with `status`.
    func messageIDs(answered status: Int) async -> [String] {
        await state.deliveries.filter { $0.status == status }.compactMap { delivery in
            (try? JSONTree(data: delivery.body))?["id"]?.string
        }
    }

    /// The bodies of the requests answered with `status` whose `Message_Type` is `type`, in arrival order.
    func bodies(answered status: Int, type: String) async -> [JSONTree] {
        await state.deliveries.filter { $0.status == status }.compactMap { delivery in
            guard let tree = try? JSONTree(data: delivery.body), tree["Message_Type"]?.string == type else { return nil }
            return tree
        }
    }

    /// Polls until at least `count` bodies of `type` were answered with `status`, for at most
    /// `timeout`; returns those seen.
    func waitForBodies(
        type: String, count: Int, answered status: Int = 200, timeout: Duration = .seconds(30)
    ) async -> [JSONTree] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let seen = await bodies(answered: status, type: type)
            if seen.count >= count { return seen }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return await bodies(answered: status, type: type)
    }

    /// Polls until `condition` holds on the answered ids, for at most `timeout`; returns whether it held.
    func waitFor(
        timeout: Duration = .seconds(30), answered status: Int, _ condition: @Sendable ([String]) -> Bool
    ) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(await messageIDs(answered: status)) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition(await messageIDs(answered: status))
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}
