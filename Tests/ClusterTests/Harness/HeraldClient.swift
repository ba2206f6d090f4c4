import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// An HTTP response from the router, with helpers for assertions.
struct HeraldResponse: Sendable, CustomStringConvertible {
    /// Numeric status code.
    let status: Int
    /// Response headers.
    let headers: HTTPFields
    /// Raw body bytes (empty when there was none).
    let body: Data

    /// The body parsed as JSON; throws if it is not JSON.
    func json() throws -> JSONTree { try JSONTree(data: body) }

    /// Value of header `name` (case-insensitive), or `nil`.
    func header(_ name: String) -> String? {
        guard let fieldName = HTTPField.Name(name) else { return nil }
        return headers[fieldName]
    }

    var description: String {
        "HTTP \(status) \(String(decoding: body.prefix(2000), as: UTF8.self))"
    }
}

/// Minimal Zaqar-v2 HTTP client for the cluster tests. Opens one connection per request
/// (so a restarted router is picked up transparently) using HummingbirdTesting's live
/// `TestClient`.
struct HeraldClient: Sendable {
    /// Router host.
    let host: String
    /// Router port.
    let port: Int
    /// `X-Project-ID` sent with every request (`nil` = header omitted).
    var projectID: String? = "cluster-tests"
    /// `Client-ID` sent with every request (`nil` = header omitted).
    var clientID: String? = UUID().uuidString.lowercased()

    /// `X-Auth-Token` sent with every request (`nil` = header omitted), for routers in token mode.
    var token: String?

    /// A copy of this client that identifies as a different client instance.
    func withNewClientID() -> HeraldClient {
        var copy = self
        copy.clientID = UUID().uuidString.lowercased()
        return copy
    }

    /// Sends one request. `body` is sent verbatim (with a `Content-Length`) when non-nil.
    func send(
        _ method: HTTPRequest.Method,
        _ path: String,
        headers extraHeaders: [(String, String)] = [],
        body: String? = nil
    ) async throws -> HeraldResponse {
        var fields = HTTPFields()
        var pairs: [(String, String)] = []
        if let clientID { pairs.append(("Client-ID", clientID)) }
        if let projectID { pairs.append(("X-Project-ID", projectID)) }
        if let token { pairs.append(("X-Auth-Token", token)) }
        if body != nil && !extraHeaders.contains(where: { $0.0.lowercased() == "content-type" }) {
            pairs.append(("Content-Type", "application/json"))
        }
        pairs += extraHeaders
        for (name, value) in pairs {
            guard let fieldName = HTTPField.Name(name) else {
                throw ClusterError.invalidRequest("bad header name \(name)")
            }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        let buffer = body.map { ByteBuffer(string: $0) }
        let request = TestClient.Request(path, method: method, authority: "\(host):\(port)", headers: fields, body: buffer)
        let response = try await TestClient.withClient(
            host: host,
            port: port,
            configuration: .init(timeout: .seconds(30))
        ) { client in
            try await client.execute(request)
        }
        let bytes = response.body.map { Data($0.readableBytesView) } ?? Data()
        return HeraldResponse(status: response.status.code, headers: response.headers, body: bytes)
    }

    /// `GET path`.
    func get(_ path: String, headers: [(String, String)] = []) async throws -> HeraldResponse {
        try await send(.get, path, headers: headers)
    }

    /// `PUT path` with an optional body.
    func put(_ path: String, body: String? = nil, headers: [(String, String)] = []) async throws -> HeraldResponse {
        try await send(.put, path, headers: headers, body: body)
    }

    /// `POST path` with an optional body.
    func post(_ path: String, body: String? = nil, headers: [(String, String)] = []) async throws -> HeraldResponse {
        try await send(.post, path, headers: headers, body: body)
    }

    /// `PATCH path` with a body and (by default) the JSON-patch media type.
    func patch(
        _ path: String,
        body: String,
        contentType: String = "application/openstack-messaging-v2.0-json-patch"
    ) async throws -> HeraldResponse {
        try await send(.patch, path, headers: [("Content-Type", contentType)], body: body)
    }

    /// `DELETE path`.
    func delete(_ path: String) async throws -> HeraldResponse {
        try await send(.delete, path)
    }

    /// Repeats `request` until `accept` holds for its response (connection errors count as
    /// "not yet"), for at most `timeout`. Returns the accepted response.
    func eventually(
        timeout: Duration = .seconds(30),
        _ what: String,
        request: @Sendable (HeraldClient) async throws -> HeraldResponse,
        until accept: @Sendable (HeraldResponse) -> Bool
    ) async throws -> HeraldResponse {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var last = "no response"
        while ContinuousClock.now < deadline {
            do {
                let response = try await request(self)
                if accept(response) { return response }
                last = response.description
            } catch {
                last = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ClusterError.timedOut(what: "\(what) (last: \(last))")
    }
}
