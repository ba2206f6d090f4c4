import HTTPTypes
@testable import Router
import Shared
import XCTest

/// Pre-signed URLs (spec §6): `POST /v2/queues/{name}/share`, verification of the `URL-*`
/// headers in the request pipeline, and signed subscription confirmation (§5.5), over a real
/// catalog and real SQLite stores.
final class PreSignedURLHTTPTests: XCTestCase {
    private static let secret = "herald-test-secret"
    private static let configuration = RouterConfiguration(signedURLSecret: secret)
    private static let signer = URLSigner(secret: secret)
    private static let year2100: Int64 = 4_102_444_800

    private static let signatureName = HTTPField.Name("URL-Signature")!
    private static let expiresName = HTTPField.Name("URL-Expires")!
    private static let methodsName = HTTPField.Name("URL-Methods")!
    private static let pathsName = HTTPField.Name("URL-Paths")!
    private static let projectName = HTTPField.Name("X-Project-ID")!

    private static func nowSeconds() -> Int64 { SystemWallClock().nowMillis() / 1000 }

    /// The `URL-*` headers of a grant, as a holder sends them.
    private static func headers(paths: [String], methods: [String], expires: String, signature: String) -> HTTPFields {
        [
            signatureName: signature, expiresName: expires,
            methodsName: methods.joined(separator: ","), pathsName: paths.joined(separator: ","),
        ]
    }

    /// The headers of a scope signed with the test secret.
    private static func signedHeaders(_ scope: SignedURLScope, signer: URLSigner = signer) -> HTTPFields {
        headers(paths: scope.paths, methods: scope.methods, expires: scope.expires, signature: signer.signature(for: scope))
    }

    /// The `URL-*` headers built from a share response.
    private static func headers(fromShare reply: TestReply) -> HTTPFields {
        let strings = { (key: String) in reply.json?[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        return headers(
            paths: strings("paths"), methods: strings("methods"), expires: reply.json?["expires"]?.stringValue ?? "",
            signature: reply.json?["signature"]?.stringValue ?? "")
    }

    /// Shares `queue` and checks the 200 answer.
    private static func share(_ http: HTTPTester, _ queue: String = "q", body: String = "{}") async throws -> TestReply {
        let reply = try await http.send(.post, "/v2/queues/\(queue)/share", body: body)
        XCTAssertEqual(reply.status, .ok, reply.text)
        XCTAssertEqual(reply.json?.keys, ["project", "paths", "methods", "expires", "signature"])
        return reply
    }

    /// Asserts the bare 404 of a refused signature.
    private static func assertRefused(_ reply: TestReply, _ message: String, line: UInt = #line) {
        XCTAssertEqual(reply.status, .notFound, message, line: line)
        XCTAssertTrue(reply.bytes.isEmpty, "\(message): \(reply.text)", line: line)
        XCTAssertNotNil(reply.headers[.requestIDHeader], message, line: line)
    }

    // MARK: Share

    func testShareDefaultsSignWhatTheyReturn() async throws {
        try await RouterHarness.run(configuration: Self.configuration) { http in
            let before = Self.nowSeconds()
            let reply = try await Self.share(http)
            let after = Self.nowSeconds()
            XCTAssertEqual(reply.headers[.contentType], "application/json")
            XCTAssertEqual(reply.json?["project"], .string("proj"))
            XCTAssertEqual(reply.json?["paths"], .array([.string("/v2/queues/q/messages")]))
            XCTAssertEqual(reply.json?["methods"], .array([.string("GET")]))
            let expires = try XCTUnwrap(reply.json?["expires"]?.stringValue)
            XCTAssertEqual(expires.count, 19, "YYYY-MM-DDTHH:MM:SS without zone")
            XCTAssertFalse(expires.hasSuffix("Z"))
            let expiresSeconds = try XCTUnwrap(UTCTimestamp.parseISO8601(expires))
            XCTAssertTrue((before + 86_400...after + 86_400).contains(expiresSeconds), expires)
            let scope = SignedURLScope(
                paths: ["/v2/queues/q/messages"], methods: ["GET"], project: "proj", expiresSeconds: expiresSeconds)
            XCTAssertEqual(reply.json?["signature"], .string(Self.signer.signature(for: scope)))
            XCTAssertEqual(reply.json?["signature"]?.stringValue?.count, 64)

            let emptyObject = try await Self.share(http, body: "{}")
            XCTAssertEqual(emptyObject.json?["paths"], .array([.string("/v2/queues/q/messages")]))
            XCTAssertEqual(emptyObject.json?["methods"], .array([.string("GET")]))
            for blank in [nil, " \n"] {
                let refused = try await http.send(.post, "/v2/queues/q/share", body: blank)
                XCTAssertEqual(refused.status, .badRequest, "the body is required: \(refused.text)")
            }

            let queues = try await http.catalog.queueCount(project: "proj")
            XCTAssertEqual(queues, 0, "sharing neither creates nor places the queue")
        }
    }

    func testShareExplicitValuesAreSortedAndNormalisedToUTC() async throws {
        try await RouterHarness.run(configuration: Self.configuration) { http in
            let reply = try await Self.share(
                http, "q.1",
                body: #"{"paths": ["subscriptions", "messages", "claims"], "methods": ["POST", "GET", "PATCH"], "expires": "2100-01-01T02:30:00+02:30"}"#)
            let paths = ["/v2/queues/q.1/claims", "/v2/queues/q.1/messages", "/v2/queues/q.1/subscriptions"]
            XCTAssertEqual(reply.json?["paths"], .array(paths.map(JSONValue.string)))
            XCTAssertEqual(reply.json?["methods"], .array(["GET", "PATCH", "POST"].map(JSONValue.string)))
            XCTAssertEqual(reply.json?["expires"], .string("2100-01-01T00:00:00"))
            let scope = SignedURLScope(
                paths: paths, methods: ["GET", "PATCH", "POST"], project: "proj", expiresSeconds: Self.year2100)
            XCTAssertEqual(reply.json?["signature"], .string(Self.signer.signature(for: scope)))

            let other = try await http.send(.post, "/v2/queues/q.1/share", body: "{}", project: "other-project")
            XCTAssertEqual(other.json?["project"], .string("other-project"))
            XCTAssertNotEqual(other.json?["signature"], reply.json?["signature"])
        }
    }

    func testShareValidation() async throws {
        try await RouterHarness.run(configuration: Self.configuration) { http in
            let cases: [(body: String, title: String)] = [
                (#"{"paths": ["messages"], "color": "red"}"#, "Invalid request body"),
                (#"{"paths": ["queues"]}"#, "Invalid API request"),
                (#"{"paths": ["messages", "stats"]}"#, "Invalid API request"),
                (#"{"paths": "messages"}"#, "Invalid request body"),
                (#"{"paths": [1]}"#, "Invalid request body"),
                (#"{"paths": []}"#, "Invalid request body"),
                (#"{"methods": "GET"}"#, "Invalid request body"),
                (#"{"methods": [true]}"#, "Invalid request body"),
                (#"{"expires": "3600"}"#, "Invalid API request"),
                (#"{"expires": 3600}"#, "Invalid API request"),
                (#"{"expires": "tomorrow"}"#, "Invalid API request"),
                (#"{"expires": "2100-13-01T00:00:00"}"#, "Invalid API request"),
                (#"{"expires": "2000-01-01T00:00:00"}"#, "Invalid API request"),
                ("[]", "Invalid request body"),
                ("\"messages\"", "Invalid request body"),
                ("{nope", "Invalid request body"),
            ]
            for (body, title) in cases {
                let reply = try await http.send(.post, "/v2/queues/q/share", body: body)
                XCTAssertEqual(reply.status, .badRequest, body)
                XCTAssertEqual(reply.title, title, body)
                XCTAssertNotNil(reply.json?["description"], body)
            }
            let badName = try await http.send(.post, "/v2/queues/bad%20name/share")
            XCTAssertEqual(badName.status, .badRequest)
            XCTAssertEqual(badName.title, "Invalid queue identification")
            let noClient = try await http.send(.post, "/v2/queues/q/share", clientID: nil)
            XCTAssertEqual(noClient.title, "Missing header value")
        }
    }

    func testShareWithoutSecretIs400() async throws {
        for configuration in [RouterConfiguration(), RouterConfiguration(signedURLSecret: "")] {
            try await RouterHarness.run(configuration: configuration) { http in
                let reply = try await http.send(.post, "/v2/queues/q/share")
                XCTAssertEqual(reply.status, .badRequest)
                XCTAssertEqual(reply.title, "Invalid API request")
                XCTAssertTrue(reply.json?["description"]?.stringValue?.contains("secret") ?? false, reply.text)
            }
        }
    }

    func testShareRouteMethodsAndHomeDocument() async throws {
        try await RouterHarness.run(configuration: Self.configuration) { http in
            for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
                let reply = try await http.send(method, "/v2/queues/q/share")
                XCTAssertEqual(reply.status, .methodNotAllowed, method.rawValue)
                XCTAssertEqual(reply.headers[.allow], "POST, OPTIONS")
            }
            let options = try await http.send(.options, "/v2/queues/q/share")
            XCTAssertEqual(options.status, .ok)
            XCTAssertEqual(options.headers[.allow], "POST, OPTIONS")
            let topic = try await http.send(.post, "/v2/topics/t/share")
            XCTAssertEqual(topic.status, .notFound, "topics cannot be shared")
            let home = try await http.send(.get, "/v2/")
            let relation = home.json?["resources"]?["rel/queue_share"]
            XCTAssertEqual(relation?["href-template"], .string("/v2/queues/{queue_name}/share"))
            XCTAssertEqual(relation?["hints"]?["allow"], .array([.string("POST")]))
        }
    }

    // MARK: Verification

    func testSpecVectorsThroughTheVerifier() throws {
        let verifier = SignedRequestVerifier(signer: URLSigner(secret: "test"))
        let now = SystemWallClock().nowMillis()
        var first = Self.headers(
            paths: ["/v2/queues/shared/messages"], methods: ["GET"], expires: "2100-01-01T00:00:00",
            signature: "340fe730fc55ad345179c8cfbe7a2a689615795eb8ea8b8ec5fafdcce9c46de4")
        first[Self.projectName] = "my-project"
        let grant = try verifier.verify(headers: first, method: "GET", path: "/v2/queues/shared/messages", nowMillis: now)
        XCTAssertEqual(
            grant,
            SignedURLScope(
                paths: ["/v2/queues/shared/messages"], methods: ["GET"], project: "my-project", expiresSeconds: Self.year2100))
        XCTAssertNotNil(try verifier.verify(headers: first, method: "GET", path: "/v2/queues/shared/messages/m1", nowMillis: now))

        // Second vector: no project signs as None; header lists in any order, with spaces.
        let second = Self.headers(
            paths: ["/v2/queues/shared/messages", " /v2/queues/shared/claims"], methods: ["POST", " GET "],
            expires: "2100-01-01T00:00:00",
            signature: "7e4f010c26a581658df431d42219d9cf26787dce423c329e628a01b38b423418")
        let claims = try verifier.verify(headers: second, method: "POST", path: "/v2/queues/shared/claims", nowMillis: now)
        XCTAssertNil(claims?.project)
        XCTAssertEqual(claims?.methods.sorted(), ["GET", "POST"])

        XCTAssertNil(try verifier.verify(headers: [Self.projectName: "p"], method: "GET", path: "/v2/queues/q", nowMillis: now))

        let refusals: [(HTTPFields, String, String, SignedRequestRejection)] = [
            (first, "GET", "/v2/queues/shared/messagesX", .pathNotCovered),
            (first, "GET", "/v2/queues/shared", .pathNotCovered),
            (first, "GET", "/v2/queues/shared/claims", .pathNotCovered),
            (first, "get", "/v2/queues/shared/messages", .methodNotCovered),
            (first, "DELETE", "/v2/queues/shared/messages", .methodNotCovered),
            (Self.replacing(first, Self.projectName, "other-project"), "GET", "/v2/queues/shared/messages", .badSignature),
            (Self.replacing(first, Self.signatureName, ""), "GET", "/v2/queues/shared/messages", .badSignature),
            (Self.replacing(first, Self.signatureName, String(repeating: "0", count: 64)), "GET", "/v2/queues/shared/messages", .badSignature),
            (Self.replacing(first, Self.expiresName, "2100-01-01T00:00:01"), "GET", "/v2/queues/shared/messages", .badSignature),
            (Self.replacing(first, Self.expiresName, "4102444800"), "GET", "/v2/queues/shared/messages", .unparsableExpiry),
            (Self.replacing(first, Self.expiresName, nil), "GET", "/v2/queues/shared/messages", .unparsableExpiry),
            (Self.replacing(first, Self.methodsName, nil), "GET", "/v2/queues/shared/messages", .methodNotCovered),
            (Self.replacing(first, Self.pathsName, ",/x"), "GET", "/v2/queues/shared/messages", .pathNotCovered),
            (second, "POST", "/v2/queues/shared/subscriptions", .pathNotCovered),
        ]
        for (headers, method, path, expected) in refusals {
            XCTAssertThrowsError(try verifier.verify(headers: headers, method: method, path: path, nowMillis: now), "\(method) \(path)") {
                XCTAssertEqual($0 as? SignedRequestRejection, expected, "\(method) \(path) \(headers)")
            }
        }
        let after2100 = (Self.year2100 + 1) * 1000
        XCTAssertThrowsError(try verifier.verify(headers: first, method: "GET", path: "/v2/queues/shared/messages", nowMillis: after2100)) {
            XCTAssertEqual($0 as? SignedRequestRejection, .expired)
        }
        XCTAssertThrowsError(
            try SignedRequestVerifier(signer: nil).verify(headers: first, method: "GET", path: "/v2/queues/shared/messages", nowMillis: now)
        ) { XCTAssertEqual($0 as? SignedRequestRejection, .noSecret) }
    }

    func testPathCoverageIsEqualityOrPrefixWithSlash() {
        XCTAssertTrue(SignedRequestVerifier.covers("/v2/queues/q/messages", "/v2/queues/q/messages"))
        XCTAssertTrue(SignedRequestVerifier.covers("/v2/queues/q/messages", "/v2/queues/q/messages/m1"))
        XCTAssertFalse(SignedRequestVerifier.covers("/v2/queues/q/messages", "/v2/queues/q/messagesX"))
        XCTAssertFalse(SignedRequestVerifier.covers("/v2/queues/q.1/messages", "/v2/queues/qx1/messages"), "no regex")
        XCTAssertFalse(SignedRequestVerifier.covers("messages", "/v2/queues/q/messages"), "no search anywhere")
        XCTAssertFalse(SignedRequestVerifier.covers("", "/v2/queues/q/messages"))
        XCTAssertEqual(SignedRequestVerifier.list(" GET, POST ,,"), ["GET", "POST", "", ""])
        XCTAssertEqual(SignedRequestVerifier.list(nil), [])
    }

    func testSpecVectorOverHTTP() async throws {
        try await RouterHarness.run(configuration: RouterConfiguration(signedURLSecret: "test")) { http in
            let ids = try await http.post("shared", bodies: ["1"])
            let headers = Self.headers(
                paths: ["/v2/queues/shared/messages"], methods: ["GET"], expires: "2100-01-01T00:00:00",
                signature: "340fe730fc55ad345179c8cfbe7a2a689615795eb8ea8b8ec5fafdcce9c46de4")
            let listed = try await http.send(
                .get, "/v2/queues/shared/messages?echo=true", project: "my-project", headers: headers)
            XCTAssertEqual(listed.status, .ok, listed.text)
            XCTAssertEqual(listed.json?["messages"]?.arrayValue, [], "the grant is scoped to my-project, not proj")
            let own = try await http.send(.get, "/v2/queues/shared/messages/\(ids[0])", project: "my-project", headers: headers)
            XCTAssertEqual(own.status, .notFound)
            XCTAssertEqual(own.title, "Not found", "a verified request gets the normal JSON answers")
        }
    }

    func testSharedURLReadsMessagesAndItems() async throws {
        try await RouterHarness.run(configuration: Self.configuration) { http in
            let ids = try await http.post("q", bodies: [#"{"n": 1}"#, #"{"n": 2}"#])
            let headers = Self.headers(fromShare: try await Self.share(http))
            let listed = try await http.send(
                .get, "/v2/queues/q/messages?echo=true", clientID: RouterHarness.otherClientID, headers: headers)
            XCTAssertEqual(listed.status, .ok, listed.text)
            XCTAssertEqual(listed.json?["messages"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, ids)
            let item = try await http.send(.get, "/v2/queues/q/messages/\(ids[1])", headers: headers)
            XCTAssertEqual(item.status, .ok, item.text)
            XCTAssertEqual(item.json?["body"], .object([("n", .int(2))]))
            var spaced = headers
            spaced[Self.methodsName] = " GET "
            let trimmed = try await http.send(.get, "/v2/queues/q/messages/\(ids[0])", headers: spaced)
            XCTAssertEqual(trimmed.status, .ok, "methods are trimmed")

            let posting = Self.headers(fromShare: try await Self.share(http, body: #"{"methods": ["POST"]}"#))
            let posted = try await http.send(
                .post, "/v2/queues/q/messages", body: #"{"messages": [{"body": 3}]}"#, headers: posting)
            XCTAssertEqual(posted.status, .created, posted.text)
            let stats = try await http.send(.get, "/v2/queues/q/stats")
            XCTAssertEqual(stats.json?["messages"]?["total"], .int(3))
        }
    }

    func testRefusedSignaturesAreBare404s() async throws {
        try await RouterHarness.run(configuration: Self.configuration) { http in
            _ = try await http.post("q", bodies: ["1"])
            _ = try await http.post("other", bodies: ["1"])
            let granted = Self.headers(fromShare: try await Self.share(http))
            let messages = "/v2/queues/q/messages"
            let past = SignedURLScope(paths: [messages], methods: ["GET"], project: "proj", expiresSeconds: Self.nowSeconds() - 60)
            let dotted = Self.headers(fromShare: try await Self.share(http, "q.1"))
            let queueOnly = SignedURLScope(
                paths: ["/v2/queues/q"], methods: ["GET"], project: "proj", expiresSeconds: Self.year2100)
            let foreignKey = URLSigner(secret: "another-secret")
            let cases: [(String, HTTPRequest.Method, String, HTTPFields, String?)] = [
                ("forged signature", .get, messages, Self.replacing(granted, Self.signatureName, String(repeating: "a", count: 64)), "proj"),
                ("signature of another key", .get, messages,
                 Self.signedHeaders(SignedURLScope(paths: [messages], methods: ["GET"], project: "proj", expiresSeconds: Self.year2100), signer: foreignKey), "proj"),
                ("empty signature", .get, messages, Self.replacing(granted, Self.signatureName, ""), "proj"),
                ("altered paths", .get, messages, Self.replacing(granted, Self.pathsName, messages + ",/v2/queues/q/claims"), "proj"),
                ("altered methods", .get, messages, Self.replacing(granted, Self.methodsName, "GET,DELETE"), "proj"),
                ("altered project", .get, messages, granted, "other-project"),
                ("altered expires", .get, messages, Self.replacing(granted, Self.expiresName, "2100-01-01T00:00:00"), "proj"),
                ("bare-integer expires", .get, messages, Self.replacing(granted, Self.expiresName, "4102444800"), "proj"),
                ("missing expires", .get, messages, Self.replacing(granted, Self.expiresName, nil), "proj"),
                ("expired", .get, messages, Self.signedHeaders(past), "proj"),
                ("wrong method", .delete, messages, granted, "proj"),
                ("OPTIONS not granted", .options, messages, granted, "proj"),
                ("other queue", .get, "/v2/queues/other/messages", granted, "proj"),
                ("uncovered resource", .get, "/v2/queues/q/stats", granted, "proj"),
                ("dots are not patterns", .get, "/v2/queues/qx1/messages", dotted, "proj"),
                ("prefix without slash", .get, "/v2/queues/qq", Self.signedHeaders(queueOnly), "proj"),
                ("no project", .get, messages, granted, nil),
            ]
            for (name, method, path, headers, project) in cases {
                let reply = try await http.send(method, path, project: project, headers: headers)
                Self.assertRefused(reply, name)
            }
            // Verification runs before the header checks: a bad signature without Client-ID is still a bare 404.
            let noClient = try await http.send(
                .get, messages, clientID: nil, headers: Self.replacing(granted, Self.signatureName, "0"))
            Self.assertRefused(noClient, "bad signature without Client-ID")
            // Unknown paths are answered by routing first.
            let unrouted = try await http.send(.get, messages + "X", headers: granted)
            XCTAssertEqual(unrouted.text, #"{"title":"404 Not Found"}"#)

            // The prefix rule grants the items of a covered path.
            let queue = try await http.send(.get, "/v2/queues/q/messages?echo=true", headers: Self.signedHeaders(queueOnly))
            XCTAssertEqual(queue.status, .ok, queue.text)
        }
    }

    func testSignedRequestsNeverVerifyWithoutSecret() async throws {
        try await RouterHarness.run { http in
            _ = try await http.post("q", bodies: ["1"])
            let scope = SignedURLScope(
                paths: ["/v2/queues/q/messages"], methods: ["GET"], project: "proj", expiresSeconds: Self.year2100)
            let reply = try await http.send(.get, "/v2/queues/q/messages", headers: Self.signedHeaders(scope))
            Self.assertRefused(reply, "no secret configured")
            let unsigned = try await http.send(.get, "/v2/queues/q/messages?echo=true")
            XCTAssertEqual(unsigned.status, .ok, "requests without URL-Signature are untouched")
        }
    }

    func testValidSignatureStillGoesThroughTheHeaderChecks() async throws {
        try await RouterHarness.run(configuration: Self.configuration) { http in
            let granted = Self.headers(fromShare: try await Self.share(http))
            let noClient = try await http.send(.get, "/v2/queues/q/messages", clientID: nil, headers: granted)
            XCTAssertEqual(noClient.status, .badRequest)
            XCTAssertEqual(noClient.title, "Missing header value")
            var form = granted
            form[.contentType] = "application/x-www-form-urlencoded"
            let formReply = try await http.send(.get, "/v2/queues/q/messages", body: "a=b", headers: form)
            XCTAssertEqual(formReply.title, "Invalid Content-Type")
            // A grant signed without a project verifies, then fails the project check.
            let noneProject = SignedURLScope(
                paths: ["/v2/queues/q/messages"], methods: ["GET"], project: nil, expiresSeconds: Self.year2100)
            let missing = try await http.send(.get, "/v2/queues/q/messages", project: nil, headers: Self.signedHeaders(noneProject))
            XCTAssertEqual(missing.status, .badRequest)
            XCTAssertEqual(missing.title, "Project-Id Missing")
            // The alias X-Tenant-ID is the project the grant is checked against.
            var tenant = granted
            tenant[HTTPField.Name("X-Tenant-ID")!] = "proj"
            let aliased = try await http.send(.get, "/v2/queues/q/messages", project: nil, headers: tenant)
            XCTAssertEqual(aliased.status, .ok, aliased.text)
        }
    }

    // MARK: Confirmation (spec §5.5)

    func testSignedConfirmationConfirmsTheSubscription() async throws {
        try await RouterHarness.run(configuration: Self.configuration) { http in
            let created = try await http.send(
                .post, "/v2/queues/q/subscriptions", body: #"{"subscriber": "http://127.0.0.1:9/hook"}"#)
            XCTAssertEqual(created.status, .created, created.text)
            let id = try XCTUnwrap(created.json?["subscription_id"]?.stringValue)
            let item = "/v2/queues/q/subscriptions/\(id)"
            let confirm = item + "/confirm"
            let scope = SignedURLScope(
                paths: [confirm], methods: ["PUT"], project: "proj", expiresSeconds: Self.nowSeconds() + 3600)
            let signed = Self.signedHeaders(scope)

            let reading = try await http.send(.get, item, headers: signed)
            Self.assertRefused(reading, "the confirm grant does not cover the subscription itself")
            let forged = try await http.send(
                .put, confirm, body: #"{"confirmed": true}"#, headers: Self.replacing(signed, Self.signatureName, "f"))
            Self.assertRefused(forged, "forged confirmation")
            let before = try await http.send(.get, item)
            XCTAssertEqual(before.json?["confirmed"], .bool(false))

            let confirmed = try await http.send(
                .put, confirm, body: #"{"confirmed": true}"#, clientID: RouterHarness.otherClientID, headers: signed)
            XCTAssertEqual(confirmed.status, .noContent, confirmed.text)
            XCTAssertEqual(confirmed.headers[.location], confirm)
            let after = try await http.send(.get, item)
            XCTAssertEqual(after.json?["confirmed"], .bool(true))

            let unsubscribed = try await http.send(.put, confirm, body: #"{"confirmed": false}"#, headers: signed)
            XCTAssertEqual(unsubscribed.status, .noContent)
            let final = try await http.send(.get, item)
            XCTAssertEqual(final.json?["confirmed"], .bool(false))
        }
    }

    // MARK: Helpers

    /// `fields` with `name` set to `value` (removed for `nil`).
    private static func replacing(_ fields: HTTPFields, _ name: HTTPField.Name, _ value: String?) -> HTTPFields {
        var copy = fields
        copy[name] = value
        return copy
    }
}
