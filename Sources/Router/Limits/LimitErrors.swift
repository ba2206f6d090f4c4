import HTTPTypes

extension APIError {
    /// 429: the project used up its request budget; retry after `seconds` (at least 1).
    static func tooManyRequests(retryAfter seconds: Int) -> APIError {
        let wait = max(1, seconds)
        return APIError(
            status: .tooManyRequests, title: "Too many requests",
            description: "The project's request rate limit is exceeded. Retry after \(wait) second(s).",
            headers: [.retryAfter: String(wait)])
    }

    /// 403: creating one more queue would exceed the project's queue quota.
    static func queueQuotaExceeded(limit: Int, topics: Bool) -> APIError {
        let noun = topics ? "topics" : "queues"
        return APIError(
            status: .forbidden, title: "Quota exceeded",
            description: "The project may not have more than \(limit) \(noun); delete one before creating another.")
    }

    /// 414: the request target is longer than the configured bound.
    static func uriTooLong(limit: Int) -> APIError {
        APIError(
            status: .uriTooLong, title: "414 URI Too Long",
            description: "The request URL may not be longer than \(limit) bytes.")
    }

    /// 431: the request's header section is larger than the configured bound.
    static func headersTooLarge(limit: Int) -> APIError {
        APIError(
            status: .requestHeaderFieldsTooLarge, title: "431 Request Header Fields Too Large",
            description: "The request headers may not exceed \(limit) bytes in total.")
    }

    /// 400: an `EXTRA-SPEC` header that names no known plugin or is not `<plugin>:<data>`.
    static func invalidExtraSpec(_ description: String) -> APIError {
        APIError(status: .badRequest, title: "Invalid EXTRA-SPEC header", description: description)
    }
}
