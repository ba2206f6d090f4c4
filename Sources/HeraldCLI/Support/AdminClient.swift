import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Shared

/// One answer of the router: status and body bytes.
struct AdminResponse: Sendable {
    var status: Int
    var body: [UInt8]

    /// The body as JSON; a `.badResponse` when it is not.
    func json() throws(CLIError) -> JSONValue {
        do {
            return try JSONValue.parse(body)
        } catch {
            throw .badResponse("HTTP \(status) with a body that is not JSON: \(String(decoding: body.prefix(200), as: UTF8.self))")
        }
    }
}

/// A connection to the router's admin API: every request carries a fresh `Client-ID`, the
/// project, the bearer token (see ``TokenCredentials``), `X-Roles: admin` (which only `noauth`
/// routers read) and JSON content type. Use ``with(_:_:)``, which shuts the HTTP client down
/// whatever happens.
struct AdminClient: Sendable {
    /// Largest response body read.
    static let maxResponseSize = 16 * 1024 * 1024
    /// How long one request may take, connection included.
    static let requestTimeout: TimeAmount = .seconds(30)
    /// The timeout of requests that move queues between pools.
    static let longRequestTimeout: TimeAmount = .minutes(30)

    let baseURL: String
    let project: String
    let clientID = UUID().uuidString.lowercased()
    /// Sent as `X-Auth-Token` when present.
    let token: String?
    private let http: HTTPClient

    private init(options: GlobalOptions, token: String?, http: HTTPClient) {
        self.baseURL = options.resolvedURL
        self.project = options.resolvedProject
        self.token = token
        self.http = http
    }

    /// Runs `body` with a client for `options`, then shuts the HTTP client down.
    static func with<T: Sendable>(
        _ options: GlobalOptions, _ body: (AdminClient) async throws -> T
    ) async throws -> T {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        let token = try TokenCredentials.bearerToken(options, project: options.resolvedProject)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let client = AdminClient(options: options, token: token, http: http)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        try? await http.shutdown()
        return try result.get()
    }

    /// Sends one request to `path` (which starts with `/`) and returns the answer, whatever its status.
    /// Requests that move queues (which copies their messages) may take up to ``longRequestTimeout``.
    func send(
        _ method: HTTPMethod, _ path: String, body: JSONValue? = nil, timeout: TimeAmount = requestTimeout
    ) async throws(CLIError) -> AdminResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Client-ID", value: clientID)
        request.headers.add(name: "X-Project-ID", value: project)
        request.headers.add(name: "X-Roles", value: "admin")
        if let token { request.headers.add(name: "X-Auth-Token", value: token) }
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Content-Type", value: "application/json")
        if let body {
            let bytes = body.serialized()
            request.headers.add(name: "Content-Length", value: String(bytes.count))
            request.body = .bytes(ByteBuffer(bytes: bytes))
        }
        do {
            let response = try await http.execute(request, timeout: timeout)
            let buffer = try await response.body.collect(upTo: Self.maxResponseSize)
            return AdminResponse(status: Int(response.status.code), body: Array(buffer.readableBytesView))
        } catch {
            throw .unreachable(url: baseURL, reason: Self.reason(error))
        }
    }

    /// Sends the request and returns the answer when its status is one of `expected`; any other
    /// status becomes ``CLIError/server(status:title:description:)`` with the server's error text.
    @discardableResult
    func request(
        _ method: HTTPMethod, _ path: String, body: JSONValue? = nil, expecting expected: Set<Int>,
        timeout: TimeAmount = requestTimeout
    ) async throws(CLIError) -> AdminResponse {
        let response = try await send(method, path, body: body, timeout: timeout)
        guard expected.contains(response.status) else { throw Self.serverError(response) }
        return response
    }

    /// The error a non-success answer stands for, using its `title`/`description` when it has them.
    static func serverError(_ response: AdminResponse) -> CLIError {
        let document = try? JSONValue.parse(response.body)
        let title = document?["title"]?.stringValue
        var description = document?["description"]?.stringValue
        if document == nil, !response.body.isEmpty {
            description = String(decoding: response.body.prefix(500), as: UTF8.self)
        }
        return .server(status: response.status, title: title, description: description)
    }

    /// A short human reason for a transport failure.
    private static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        if let clientError = error as? HTTPClientError {
            if clientError == .connectTimeout { return "connection timed out" }
            if clientError == .deadlineExceeded || clientError == .readTimeout { return "no answer in time" }
        }
        return text
    }
}

/// Percent-encodes one path segment (a pool, flavor or queue name).
func pathSegment(_ name: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
}
