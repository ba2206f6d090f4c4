import AsyncHTTPClient
import NIOCore
import Shared

/// Delivers notifications to `http://` / `https://` subscribers (spec §5.2, §5.3).
///
/// Every call is independent and bounded by its own timeout, so a slow subscriber never
/// delays another. Owns its `HTTPClient`; call `shutdown()` once done.
public final class WebhookSender: Sendable {
    private let client: HTTPClient

    /// A sender on the shared NIO event loop group.
    public init() {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        // A refused connection is a retry of the notification schedule, not of the HTTP client.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// POSTs one notification and classifies the answer.
    ///
    /// - Parameters:
    ///   - url: the subscriber URI (`http` or `https`).
    ///   - payload: the notification JSON.
    ///   - options: the subscription options (`post_data`, `post_headers`).
    ///   - timeout: the limit for connecting, sending and receiving the response head.
    public func deliver(to url: String, payload: [UInt8], options: JSONValue, timeout: Duration) async
        -> DeliveryOutcome
    {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            return .failed(reason: "Subscriber \(url) is not an http or https URI.")
        }
        let request: HTTPClientRequest
        do {
            request = try Self.request(url: url, payload: payload, options: options)
        } catch {
            return .failed(reason: error.description)
        }
        do {
            let response = try await client.execute(request, timeout: Self.timeAmount(timeout))
            await Self.drain(response.body)
            return Self.outcome(status: Int(response.status.code))
        } catch let error as HTTPClientError {
            return Self.outcome(error: error)
        } catch {
            return .retry(reason: "Delivery failed: \(error)")
        }
    }

    /// The most response-body bytes read so that the connection can carry the next delivery;
    /// a longer answer closes the connection instead.
    static let maxDrainedBody = 65_536

    /// Reads and discards a subscriber's answer body. An unread body would cost the pooled
    /// connection (and a new TCP handshake for the next notification). Errors do not matter
    /// here: the status already decided the outcome.
    private static func drain(_ body: HTTPClientResponse.Body) async {
        var seen = 0
        do {
            for try await chunk in body {
                seen += chunk.readableBytes
                if seen > maxDrainedBody { return }
            }
        } catch {
            return
        }
    }

    /// Stops the HTTP client; later deliveries fail with `.retry`.
    public func shutdown() async {
        try? await client.shutdown()
    }

    private static func request(url: String, payload: [UInt8], options: JSONValue) throws(WebhookOptionError)
        -> HTTPClientRequest
    {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        let body = try WebhookRequestBuilder.body(payload: payload, options: options)
        for (name, value) in try WebhookRequestBuilder.headers(options: options) {
            request.headers.add(name: name, value: value)
        }
        request.body = .bytes(body)
        return request
    }

    static func outcome(status: Int) -> DeliveryOutcome {
        switch status {
        case ..<400: .delivered(status: status)
        case 429, 500...: .retry(reason: "Subscriber answered \(status).")
        default: .failed(reason: "Subscriber answered \(status).")
        }
    }

    private static func outcome(error: HTTPClientError) -> DeliveryOutcome {
        let unusable: [HTTPClientError] = [.invalidURL, .emptyHost, .emptyScheme, .missingSocketPath]
        if unusable.contains(error) { return .failed(reason: "Subscriber URI is not usable: \(error).") }
        return .retry(reason: "Delivery failed: \(error).")
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        let clamped = min(max(seconds, 0), 86_400 * 365)
        return .nanoseconds(clamped * 1_000_000_000 + max(attoseconds, 0) / 1_000_000_000)
    }
}
