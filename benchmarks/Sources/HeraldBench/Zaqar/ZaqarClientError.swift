/// Why a request to the Zaqar endpoint did not give the answer the benchmark needs.
enum ZaqarClientError: Error, Sendable, CustomStringConvertible {
    /// No HTTP answer at all (connection refused, timeout, reset).
    case unreachable(url: String, reason: String)
    /// No complete answer within the request's time limit.
    case timedOut(url: String, limit: Duration)
    /// An answer with a status the operation does not accept; `body` is the start of its text.
    case unexpectedStatus(operation: String, status: Int, body: String)
    /// A success answer whose body is not what the API promises.
    case badResponse(operation: String, reason: String)

    /// True for ``timedOut(url:limit:)``.
    var isTimeout: Bool {
        if case .timedOut = self { return true }
        return false
    }

    var description: String {
        switch self {
        case let .unreachable(url, reason):
            "cannot reach \(url): \(reason)"
        case let .timedOut(url, limit):
            "no answer from \(url) within \(limit)"
        case let .unexpectedStatus(operation, status, body):
            body.isEmpty ? "\(operation): HTTP \(status)" : "\(operation): HTTP \(status): \(body)"
        case let .badResponse(operation, reason):
            "\(operation): unexpected answer: \(reason)"
        }
    }
}
