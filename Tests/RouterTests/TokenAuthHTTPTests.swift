import Crypto
import HTTPTypes
import Router
import Shared
import XCTest
import _CryptoExtras

/// A router in token mode over a real catalog and real SQLite stores: bearer tokens of each
/// algorithm, 401s for missing and bad tokens (before any other check), the project bound to
/// the token, roles from the token only, and what needs no token (`/`, pre-signed requests).
final class TokenAuthHTTPTests: XCTestCase {
    private typealias Fixtures = TokenAuthFixtures
    private static let authorization = HTTPField.Name.authorization

    private static func bearer(_ token: String) -> HTTPFields { [Fixtures.tokenName: token] }

    /// Asserts a 401 JSON error with `title` and a `WWW-Authenticate: Bearer` challenge.
    private static func assertUnauthorized(_ reply: TestReply, title: String, _ message: String = "", line: UInt = #line) {
        XCTAssertEqual(reply.status, .unauthorized, "\(message): \(reply.text)", line: line)
        XCTAssertEqual(reply.title, title, message, line: line)
        XCTAssertEqual(reply.headers[.contentType], "application/json", message, line: line)
        XCTAssertNotNil(reply.json?["description"]?.stringValue, message, line: line)
        let challenge = reply.headers[.wwwAuthenticate] ?? ""
        XCTAssertTrue(challenge.hasPrefix("Bearer"), "\(message): \(challenge)", line: line)
        XCTAssertFalse(reply.text.contains(Fixtures.secret), message, line: line)
        XCTAssertFalse(reply.text.contains("PRIVATE"), message, line: line)
    }

    func testValidTokensOfEveryAlgorithmAreAccepted() async throws {
        let fixtures = Fixtures()
        let tokens = [
            ("HS256", try Fixtures.hs256()), ("ES256", try Fixtures.token(.p256(fixtures.p256Key))),
            ("RS256", try Fixtures.token(.rsa(fixtures.rsaKey))),
        ]
        try await RouterHarness.run(configuration: try fixtures.configuration()) { http in
            for (name, token) in tokens {
                let created = try await http.send(.put, "/v2/queues/q-\(name)", project: nil, headers: Self.bearer(token))
                XCTAssertEqual(created.status, .created, "\(name): \(created.text)")
                let viaAuthorization = try await http.send(
                    .get, "/v2/queues/q-\(name)/stats", project: nil, headers: [Self.authorization: "Bearer \(token)"])
                XCTAssertEqual(viaAuthorization.status, .ok, "\(name) as Authorization: Bearer: \(viaAuthorization.text)")
            }
            let listing = try await http.send(.get, "/v2/queues", project: nil, headers: Self.bearer(try Fixtures.hs256()))
            XCTAssertEqual(listing.status, .ok, listing.text)
            let names = listing.json?["queues"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            XCTAssertEqual(names, ["q-ES256", "q-HS256", "q-RS256"], "all three landed in the token's project alpha")
        }
    }

    func testMissingTokenIs401BeforeTheHeaderChecks() async throws {
        try await RouterHarness.run(configuration: try Fixtures().configuration()) { http in
            Self.assertUnauthorized(try await http.send(.get, "/v2/queues"), title: "Authentication required", "no token")
            Self.assertUnauthorized(
                try await http.send(.get, "/v2/queues", project: nil, clientID: nil), title: "Authentication required",
                "401 wins over the missing Client-ID and project")
            Self.assertUnauthorized(
                try await http.send(.get, "/v2/queues", headers: [RouterHarness.admin.first!.name: "admin"]),
                title: "Authentication required", "X-Roles is no credential")
            Self.assertUnauthorized(
                try await http.send(.post, "/v2/queues/q/messages", body: #"{"messages":[{"body":1}]}"#),
                title: "Authentication required", "writes too")
            let challenge = try await http.send(.get, "/v2/queues").headers[.wwwAuthenticate]
            XCTAssertEqual(challenge, #"Bearer realm="herald""#)
        }
    }

    func testInvalidTokensAre401() async throws {
        let fixtures = Fixtures()
        let now = Fixtures.nowSeconds()
        let hs256 = try TokenSigningKey.secret(Fixtures.secret)
        let publicPEM = fixtures.p256Key.publicKey.pemRepresentation
        let valid = try Fixtures.hs256()
        var parts = valid.split(separator: ".").map(String.init)
        parts[1] = Base64URL.encode(Array(#"{"project_id":"beta","roles":["admin"],"exp":\#(now + 3600)}"#.utf8))
        let cases: [(String, String, String)] = [
            ("garbage", "not-a-token", "malformed"),
            ("expired", try Fixtures.token(hs256, issuedAt: now - 7200, expiresAt: now - 3600), "expired"),
            ("not yet valid", try Fixtures.token(hs256, notBefore: now + 3600), "not valid yet"),
            ("wrong key", try Fixtures.hs256(secret: "some-other-secret-entirely"), "signature"),
            ("wrong EC key", try Fixtures.token(.p256(P256.Signing.PrivateKey())), "signature"),
            ("tampered payload", parts.joined(separator: "."), "signature"),
            ("alg none", Fixtures.handBuilt(header: #"{"alg":"none"}"#, claims: Fixtures.validClaimsJSON(), hmacSecret: nil), "none"),
            (
                "HS256 keyed with the public key",
                Fixtures.handBuilt(header: #"{"alg":"HS256"}"#, claims: Fixtures.validClaimsJSON(), hmacSecret: Array(publicPEM.utf8)),
                "signature"
            ),
            ("too long", String(repeating: "x", count: 10_000), "longer than"),
        ]
        try await RouterHarness.run(configuration: try fixtures.configuration()) { http in
            for (name, token, hint) in cases {
                let reply = try await http.send(.get, "/v2/queues", project: nil, headers: Self.bearer(token))
                Self.assertUnauthorized(reply, title: "Invalid token", name)
                XCTAssertTrue(reply.json?["description"]?.stringValue?.contains(hint) == true, "\(name): \(reply.text)")
                XCTAssertTrue(reply.headers[.wwwAuthenticate]?.contains(#"error="invalid_token""#) == true, name)
            }
            let basic = try await http.send(.get, "/v2/queues", headers: [Self.authorization: "Basic dXNlcjpwdw=="])
            Self.assertUnauthorized(basic, title: "Invalid token", "another Authorization scheme")
        }

        // A router with only a public key: HS256 signed with that public key text is refused.
        let es256Token = try Fixtures.token(.p256(fixtures.p256Key))
        var publicOnly = RouterConfiguration()
        publicOnly.authMode = .token(TokenVerifier(keys: [try .publicKey(pem: publicPEM)]))
        try await RouterHarness.run(configuration: publicOnly) { http in
            let forged = Fixtures.handBuilt(header: #"{"alg":"HS256"}"#, claims: Fixtures.validClaimsJSON(), hmacSecret: Array(publicPEM.utf8))
            let reply = try await http.send(.get, "/v2/queues", project: nil, headers: Self.bearer(forged))
            Self.assertUnauthorized(reply, title: "Invalid token", "alg confusion")
            let accepted = try await http.send(.get, "/v2/queues", project: nil, headers: Self.bearer(es256Token))
            XCTAssertEqual(accepted.status, .ok, accepted.text)
        }
    }

    func testIssuerAndAudienceAreEnforced() async throws {
        let fixtures = Fixtures()
        let key = try TokenSigningKey.secret(Fixtures.secret)
        try await RouterHarness.run(configuration: try fixtures.configuration(issuer: "herald-ops", audience: "herald")) { http in
            let good = try Fixtures.token(key, issuer: "herald-ops", audience: ["herald"])
            let reply1 = try await http.send(.put, "/v2/queues/q", project: nil, headers: Self.bearer(good))
            XCTAssertEqual(reply1.status, .created, reply1.text)
            let wrongIssuer = try Fixtures.token(key, issuer: "elsewhere", audience: ["herald"])
            Self.assertUnauthorized(
                try await http.send(.get, "/v2/queues", project: nil, headers: Self.bearer(wrongIssuer)), title: "Invalid token", "issuer")
            let wrongAudience = try Fixtures.token(key, issuer: "herald-ops", audience: ["billing"])
            Self.assertUnauthorized(
                try await http.send(.get, "/v2/queues", project: nil, headers: Self.bearer(wrongAudience)), title: "Invalid token",
                "audience")
        }
    }

    func testTheTokenDecidesTheProject() async throws {
        try await RouterHarness.run(configuration: try Fixtures().configuration()) { http in
            let alpha = Self.bearer(try Fixtures.hs256(project: "alpha"))
            let beta = Self.bearer(try Fixtures.hs256(project: "beta"))
            let reply2 = try await http.send(.put, "/v2/queues/shared-name", project: nil, headers: alpha)
            XCTAssertEqual(reply2.status, .created, reply2.text)
            let reply3 = try await http.send(.get, "/v2/queues/shared-name/stats", project: "alpha", headers: alpha)
            XCTAssertEqual(reply3.status, .ok, reply3.text)

            let mismatch = try await http.send(.get, "/v2/queues/shared-name/stats", project: "beta", headers: alpha)
            XCTAssertEqual(mismatch.status, .forbidden, mismatch.text)
            XCTAssertEqual(mismatch.title, "Project mismatch")
            let tenantMismatch = try await http.send(
                .get, "/v2/queues", project: nil, headers: alpha.merging([HTTPField.Name("X-Tenant-ID")!: "beta"]))
            XCTAssertEqual(tenantMismatch.status, .forbidden, "aliases of the project header are checked too: \(tenantMismatch.text)")

            let alphaListing = try await http.send(.get, "/v2/queues", project: nil, headers: alpha)
            XCTAssertEqual(alphaListing.json?["queues"]?.arrayValue?.count, 1, alphaListing.text)
            let betaListing = try await http.send(.get, "/v2/queues", project: nil, headers: beta)
            XCTAssertEqual(betaListing.status, .ok, betaListing.text)
            XCTAssertEqual(betaListing.json?["queues"], .array([]), "beta sees none of alpha's queues")
        }
    }

    func testRolesComeFromTheTokenOnly() async throws {
        try await RouterHarness.run(configuration: try Fixtures().configuration(adminMode: true)) { http in
            let plain = try Fixtures.hs256(project: "ops")
            let forgedRoles = try await http.send(.get, "/v2/pools", project: nil, headers: Self.bearer(plain).merging(RouterHarness.admin))
            XCTAssertEqual(forgedRoles.status, .forbidden, "X-Roles: admin is ignored in token mode: \(forgedRoles.text)")
            let admin = try Fixtures.hs256(project: "ops", roles: ["Admin"])
            let allowed = try await http.send(.get, "/v2/pools", project: nil, headers: Self.bearer(admin))
            XCTAssertEqual(allowed.status, .ok, allowed.text)
            XCTAssertEqual(allowed.json?["pools"]?.arrayValue?.count, 2)
        }
    }

    func testAPreSignedRequestNeedsNoToken() async throws {
        let secret = "token-mode-signed-url-secret"
        try await RouterHarness.run(configuration: try Fixtures().configuration(signedURLSecret: secret)) { http in
            let token = Self.bearer(try Fixtures.hs256(project: "alpha"))
            let reply4 = try await http.send(.put, "/v2/queues/q", project: nil, headers: token)
            XCTAssertEqual(reply4.status, .created, reply4.text)
            let share = try await http.send(
                .post, "/v2/queues/q/share", body: #"{"methods": ["GET"]}"#, project: nil, headers: token)
            XCTAssertEqual(share.status, .ok, share.text)
            XCTAssertEqual(share.json?["project"], .string("alpha"))
            let strings = { (key: String) in share.json?[key]?.arrayValue?.compactMap(\.stringValue).joined(separator: ",") ?? "" }
            let signed: HTTPFields = [
                HTTPField.Name("URL-Signature")!: share.json?["signature"]?.stringValue ?? "",
                HTTPField.Name("URL-Expires")!: share.json?["expires"]?.stringValue ?? "",
                HTTPField.Name("URL-Methods")!: strings("methods"), HTTPField.Name("URL-Paths")!: strings("paths"),
            ]
            let reply = try await http.send(.get, "/v2/queues/q/messages", project: "alpha", headers: signed)
            XCTAssertEqual(reply.status, .ok, "a verified signature stands in for the token: \(reply.text)")
            XCTAssertEqual(reply.json?["messages"], .array([]))
            var forged = signed
            forged[HTTPField.Name("URL-Signature")!] = String(repeating: "0", count: 64)
            let refused = try await http.send(.get, "/v2/queues/q/messages", project: "alpha", headers: forged)
            XCTAssertEqual(refused.status, .notFound, "a bad signature is a bare 404, as without tokens")
            let outOfScope = try await http.send(.post, "/v2/queues/q/messages", body: #"{"messages":[{"body":1}]}"#, project: "alpha", headers: signed)
            XCTAssertEqual(outOfScope.status, .notFound, "the grant covers GET only")
        }
    }

    func testExtraSpecDoesNotBypassAuthentication() async throws {
        try await RouterHarness.run(configuration: try Fixtures().configuration()) { http in
            let reply = try await http.send(.get, "/v2/queues", headers: [HTTPField.Name("EXTRA-SPEC")!: "messagecode:anything"])
            Self.assertUnauthorized(reply, title: "Authentication required", "EXTRA-SPEC")
            let withToken = try await http.send(
                .get, "/v2/queues", project: nil,
                headers: Self.bearer(try Fixtures.hs256()).merging([HTTPField.Name("EXTRA-SPEC")!: "messagecode:anything"]))
            XCTAssertEqual(withToken.status, .ok, withToken.text)
        }
    }

    func testVersionDiscoveryNeedsNoToken() async throws {
        try await RouterHarness.run(configuration: try Fixtures().configuration()) { http in
            let reply = try await http.send(.get, "/", project: nil, clientID: nil)
            XCTAssertEqual(reply.status, .multipleChoices, reply.text)
            XCTAssertNotNil(reply.json?["versions"])
        }
    }

    func testNoauthModeIgnoresTokens() async throws {
        try await RouterHarness.run { http in
            let reply = try await http.send(.get, "/v2/queues", headers: Self.bearer("not-a-token"))
            XCTAssertEqual(reply.status, .ok, "noauth trusts the headers and never reads tokens: \(reply.text)")
        }
    }
}

extension HTTPFields {
    /// These fields plus `other`'s.
    fileprivate func merging(_ other: HTTPFields) -> HTTPFields {
        var fields = self
        fields.append(contentsOf: other)
        return fields
    }
}
