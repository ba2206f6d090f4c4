import NIOCore
import NIOHTTP1

/// One timed request of a `load` task: its answer and when it started and ended.
struct LoadRequest: Sendable {
    /// The answer, whatever its status.
    var response: ZaqarResponse
    /// Monotonic time just before the request was sent.
    var start: UInt64
    /// Monotonic time once the whole answer was read.
    var end: UInt64

    /// Sends one request; a transport failure or timeout is recorded as a failure of
    /// `operation` in `stats` and gives nil.
    ///
    /// - Parameter start: The request's start as recorded (now, unless the caller already
    ///   decided something by an earlier reading, such as whether the request is measured).
    static func send(
        _ method: HTTPMethod, _ path: String, body: ByteBuffer? = nil, client: ZaqarClient,
        operation: LoadOperation, stats: LoadStats, start: UInt64 = MonotonicClock.now()
    ) async -> LoadRequest? {
        do {
            let response = try await client.send(method, path, body: body)
            return LoadRequest(response: response, start: start, end: MonotonicClock.now())
        } catch {
            stats.failed(operation, error.description, timedOut: error.isTimeout, start: start, end: MonotonicClock.now())
            return nil
        }
    }

    /// Records this request as a failure of `operation` for its unexpected status.
    func recordUnexpectedStatus(_ operation: LoadOperation, request: String, stats: LoadStats) {
        stats.failed(
            operation, "\(request): HTTP \(response.status): \(response.bodyText)", timedOut: false, start: start, end: end
        )
    }
}
