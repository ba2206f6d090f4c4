/// The parameters of one `load` run.
struct LoadSettings: Sendable {
    /// When a run stops.
    enum Stop: Sendable, Equatable {
        /// Every task stops starting requests this many seconds after the warm-up.
        case duration(seconds: Int)
        /// Producers stop after this many messages posted after the warm-up; consumers then
        /// drain until every posted message is consumed, within `timeoutSeconds`.
        case messages(count: Int, timeoutSeconds: Int)
    }

    /// Base URL of the Zaqar v2 endpoint.
    var endpoint: String
    /// Sent as `X-Project-ID`.
    var project: String
    /// Sent as `X-Auth-Token` when set.
    var authToken: String?
    /// Queues created for the run.
    var queues: Int
    /// Producer tasks.
    var producers: Int
    /// Messages per POST.
    var batch: Int
    /// Consumer tasks.
    var consumers: Int
    /// Messages asked for per claim (`limit`, 1...20).
    var claim: Int
    /// The `ttl` of each claim, seconds.
    var claimTTL: Int
    /// The `grace` of each claim, seconds.
    var claimGrace: Int
    /// Observer tasks listing messages.
    var observers: Int
    /// Messages each observer listing asks for.
    var listLimit = 10
    /// Bytes of each message body's JSON.
    var bodySize: Int
    /// When the run stops.
    var stop: Stop
    /// Seconds of load before the measured part; nothing done in them is counted.
    var warmupSeconds: Int
    /// Messages per second all producers together post; 0 means as fast as they can.
    var rate: Double
    /// The limit of one request, seconds.
    var requestTimeoutSeconds: Int
    /// Leave the queues behind instead of deleting them at the end.
    var keepQueues: Bool

    /// Concurrent requests at most: one per task, plus one for set-up and clean-up.
    var connections: Int { producers + consumers + observers + 1 }
}
