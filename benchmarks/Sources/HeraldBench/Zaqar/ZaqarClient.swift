import NIOCore
import NIOHTTP1

/// A client of one Zaqar v2 endpoint acting as one client instance of one project: every
/// request carries the run's `Client-ID`, the `X-Project-ID` and, when configured, an
/// `X-Auth-Token`. Use ``with(_:_:)``, which shuts the underlying HTTP client down whatever
/// happens; ``acting(as:)`` gives further client instances sharing its connections.
///
/// The raw ``send(_:_:body:timeout:)`` is what load loops call (it returns every answer, so
/// they can count errors); the typed operations in the extensions are for set-up and clean-up.
struct ZaqarClient: Sendable {
    /// How a client is set up.
    struct Configuration: Sendable {
        /// Base URL of the endpoint, e.g. `http://127.0.0.1:8888` (no trailing slash needed).
        var endpoint: String
        /// Sent as `X-Project-ID`.
        var project: String
        /// Sent as `Client-ID`.
        var clientID: String
        /// Sent as `X-Auth-Token` when set.
        var authToken: String?
        /// Connections kept open between requests: at least the number of concurrent requests.
        var connections: Int = 8
        /// The limit of one request when the caller gives none.
        var requestTimeout: Duration = .seconds(30)
    }

    /// The largest response body read.
    static let maxResponseSize = 16 * 1024 * 1024

    /// The base URL without a trailing slash.
    let endpoint: String
    /// The configuration the client was made with.
    let configuration: Configuration
    private let http: HTTPConnectionPool
    private var headers: HTTPHeaders

    private init(configuration: Configuration, http: HTTPConnectionPool) {
        var endpoint = configuration.endpoint
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        self.endpoint = endpoint
        self.configuration = configuration
        self.http = http
        self.headers = [
            "Host": http.endpoint.authority,
            "Client-ID": configuration.clientID,
            "X-Project-ID": configuration.project,
            "Accept": "application/json",
            "Content-Type": "application/json",
        ]
        if let token = configuration.authToken { headers.add(name: "X-Auth-Token", value: token) }
    }

    /// The same client (endpoint, project, token, connections) acting as another client
    /// instance: its requests carry `clientID` as `Client-ID`.
    func acting(as clientID: String) -> ZaqarClient {
        var copy = self
        copy.headers.replaceOrAdd(name: "Client-ID", value: clientID)
        return copy
    }

    /// Runs `body` with a client for `configuration`, then closes its connections.
    ///
    /// The client is the lean one of ``HTTPConnectionPool`` (keep-alive HTTP/1.1, no TLS), so
    /// the endpoint must be an `http://` URL.
    static func with<T: Sendable>(
        _ configuration: Configuration, _ body: (ZaqarClient) async throws -> T
    ) async throws -> T {
        let http = HTTPConnectionPool(
            endpoint: try HTTPEndpoint(baseURL: configuration.endpoint), maxIdle: configuration.connections,
            maxBodySize: maxResponseSize)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(ZaqarClient(configuration: configuration, http: http)))
        } catch {
            result = .failure(error)
        }
        await http.shutdown()
        return try result.get()
    }

    /// Sends one request to `path` (starting with `/`) and returns the answer, whatever its status.
    ///
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - path: The path and query, e.g. `/v2/queues/q1/messages`.
    ///   - body: The JSON request body, if any.
    ///   - timeout: The limit of the whole request; the configured one when nil.
    func send(
        _ method: HTTPMethod, _ path: String, body: ByteBuffer? = nil, timeout: Duration? = nil
    ) async throws(ZaqarClientError) -> ZaqarResponse {
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
        head.headers.add(name: "Content-Length", value: String(body?.readableBytes ?? 0))
        let limit = timeout ?? configuration.requestTimeout
        do {
            let answer = try await http.execute(head, body: body, timeout: Self.timeAmount(limit))
            return ZaqarResponse(status: answer.status, body: answer.body, location: answer.location)
        } catch HTTPExchangeError.timedOut {
            throw .timedOut(url: endpoint + path, limit: limit)
        } catch {
            throw .unreachable(url: endpoint + path, reason: String(describing: error))
        }
    }

    /// Sends the request and returns the answer when its status is one of `expected`.
    ///
    /// - Throws: ``ZaqarClientError/unexpectedStatus(operation:status:body:)`` for any other status.
    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, body: ByteBuffer? = nil, expecting expected: Set<Int>,
        operation: String
    ) async throws(ZaqarClientError) -> ZaqarResponse {
        let response = try await send(method, path, body: body)
        guard expected.contains(response.status) else {
            throw .unexpectedStatus(operation: operation, status: response.status, body: response.bodyText)
        }
        return response
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        let clamped = min(max(seconds, 0), 86_400 * 365)
        return .nanoseconds(clamped * 1_000_000_000 + max(attoseconds, 0) / 1_000_000_000)
    }
}
