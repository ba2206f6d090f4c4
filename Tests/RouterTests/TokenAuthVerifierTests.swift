import Crypto
import HTTPTypes
@testable import Router
import Shared
import XCTest
import _CryptoExtras

/// The JWT verifier on its own: signatures of each algorithm (also tokens made by OpenSSL),
/// tampering, algorithm confusion, claims and times, and where bearer tokens are read from.
final class TokenAuthVerifierTests: XCTestCase {
    private typealias Fixtures = TokenAuthFixtures

    // Made with `openssl genpkey`/`openssl dgst -sha256 -sign` (the ES256 DER signature converted
    // to r || s): `{"sub":"openssl","project_id":"interop","roles":["Reader"],"iat":1700000000,"exp":4102444800}`.
    private static let opensslClaims =
        "eyJzdWIiOiJvcGVuc3NsIiwicHJvamVjdF9pZCI6ImludGVyb3AiLCJyb2xlcyI6WyJSZWFkZXIiXSwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjQxMDI0NDQ4MDB9"
    private static let opensslRS256 =
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9." + opensslClaims + "."
        + "fG0t4r8syzIsg-X7MmNOcdokdYd_yI70GatS1uPot7srhp41OhtcJONIIBYMbMhjZ-Vh4KwGpcp9mzHUrICsnmbHmNxE_1foZUrkoLfINfAmsiFv4EXw22_2KHW25rSuH_"
        + "sHpZSzG2Y86HDhbmaBTgwXz_vfn3p-9ZiYOcMlhDhJgV1SrjQ1F-4lELy2utngpY_ndNkjKZd-MPXInavZskEGysWyiGSkVj27YWXqTh7GLsr70IpLn4_hqkhz-"
        + "L3SDDoIF_nlngKbvimGX3BFua6pMq5KDdN5XYNWIIsbFtzhE8n8P3JVE6BI4A4TW8gdMtOKkGSM-9TcCx0Q5Lj-aQ"
    private static let opensslRSAPublicKey = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArO3WNraSoBuXtSG4rm+3
        pY/oqZ1otUogbAg+w73gp+MhRrZXjh/4qKmKJwROZH6MYSj/ao2SlVit4fwzbFRe
        HlYf3WhgsxYDG3y3mOf/Zykk3LkYn1q0MjN1WzGnqpCffQlMN/FpLnqE397JMJ7Q
        rSmBrZALtLFt4xmJHYaUox67WoUAEboYOteRveO6/1zLfZ3j7IjIm6mRwFQF57vB
        9Uw2namMrgaqgpa+IC6M34daNePixwV0iWhQo6B8PUKCyvU5DipCJ3HHUAYPSAbO
        uPWTtRTYyecwzoo0IRhVmB5PnuJ+60wA0L0N4GcOSWmnGpenvdUrMubqUJ7M/39g
        0QIDAQAB
        -----END PUBLIC KEY-----
        """
    private static let opensslES256 =
        "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9." + opensslClaims + "."
        + "qQHWVY4ZJSluXQr197ZH-v8pqu9yjCCmDWowVFSQFNOVxGHaZtTaaH5MsDnCroMXYq_PWHptQJYsOj0E0mVGSQ"
    private static let opensslP256PublicKey = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE/Bzstq59UYjHvh9sAunzFGsNHuF+
        nRawxI31anIflK1OxzaP7VgKqH5vr0G/dAXrCDPzGlcAghmfhM3EU9wSHw==
        -----END PUBLIC KEY-----
        """

    private func assertRefused(
        _ token: String, by verifier: TokenVerifier, now: Int64 = Fixtures.nowSeconds(), _ expected: TokenError,
        line: UInt = #line
    ) {
        XCTAssertThrowsError(try verifier.verify(token, nowSeconds: now), line: line) { error in
            XCTAssertEqual(error as? TokenError, expected, line: line)
        }
    }

    /// `token` with one character of part `index` replaced (keeping valid base64url).
    private func tampered(_ token: String, part index: Int) -> String {
        var parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var characters = Array(parts[index])
        let position = characters.count / 2
        characters[position] = characters[position] == "A" ? "B" : "A"
        parts[index] = String(characters)
        return parts.joined(separator: ".")
    }

    // MARK: Signatures

    func testTokensOfEachAlgorithmVerify() throws {
        let fixtures = Fixtures()
        let verifier = try fixtures.verifier()
        let keys: [TokenSigningKey] = [try .secret(Fixtures.secret), .p256(fixtures.p256Key), .rsa(fixtures.rsaKey)]
        for key in keys {
            let token = try Fixtures.token(key, project: "alpha", roles: ["Admin", " reader "], userID: "bob")
            let claims = try verifier.verify(token, nowSeconds: Fixtures.nowSeconds())
            XCTAssertEqual(claims.project, "alpha", "\(key.algorithm)")
            XCTAssertEqual(claims.roles, ["admin", "reader"], "roles are trimmed and lowercased (\(key.algorithm))")
            XCTAssertEqual(claims.userID, "bob")
        }
        XCTAssertEqual(verifier.acceptedAlgorithms, [.hs256, .es256, .rs256])
    }

    func testTokensSignedByOpenSSLVerify() throws {
        let rs256 = TokenVerifier(keys: [try .publicKey(pem: Self.opensslRSAPublicKey)])
        let es256 = TokenVerifier(keys: [try .publicKey(pem: Self.opensslP256PublicKey)])
        for (token, verifier) in [(Self.opensslRS256, rs256), (Self.opensslES256, es256)] {
            let claims = try verifier.verify(token, nowSeconds: 1_800_000_000)
            XCTAssertEqual(claims.project, "interop")
            XCTAssertEqual(claims.roles, ["reader"])
            XCTAssertEqual(claims.userID, "openssl")
            XCTAssertEqual(claims.expiresAt, 4_102_444_800)
        }
    }

    func testTamperedPayloadOrSignatureIsRefused() throws {
        let fixtures = Fixtures()
        let verifier = try fixtures.verifier()
        let keys: [TokenSigningKey] = [try .secret(Fixtures.secret), .p256(fixtures.p256Key), .rsa(fixtures.rsaKey)]
        for key in keys {
            let token = try Fixtures.token(key)
            assertRefused(tampered(token, part: 1), by: verifier, .badSignature)
            assertRefused(tampered(token, part: 2), by: verifier, .badSignature)
        }
        // Claims swapped for others (admin role added) under the original signature.
        let token = try Fixtures.hs256(project: "alpha")
        var parts = token.split(separator: ".").map(String.init)
        parts[1] = Base64URL.encode(Array(Fixtures.validClaimsJSON().utf8))
        assertRefused(parts.joined(separator: "."), by: verifier, .badSignature)
    }

    func testWrongKeyIsRefused() throws {
        let verifier = try Fixtures().verifier()
        assertRefused(try Fixtures.hs256(secret: "another-secret-of-some-length"), by: verifier, .badSignature)
        assertRefused(try Fixtures.token(.p256(P256.Signing.PrivateKey())), by: verifier, .badSignature)
        assertRefused(Self.opensslRS256, by: verifier, .badSignature)
    }

    func testAlgorithmNoneIsRefused() throws {
        let verifier = try Fixtures().verifier()
        for alg in ["none", "None", "NONE"] {
            let token = Fixtures.handBuilt(header: #"{"alg":"\#(alg)","typ":"JWT"}"#, claims: Fixtures.validClaimsJSON(), hmacSecret: nil)
            assertRefused(token, by: verifier, .unsupportedAlgorithm(alg))
        }
        let other = Fixtures.handBuilt(header: #"{"alg":"HS512"}"#, claims: Fixtures.validClaimsJSON())
        assertRefused(other, by: verifier, .unsupportedAlgorithm("HS512"))
        let critical = Fixtures.handBuilt(header: #"{"alg":"HS256","crit":["exp"]}"#, claims: Fixtures.validClaimsJSON())
        assertRefused(critical, by: verifier, .unsupportedAlgorithm("HS256 with critical extensions"))
    }

    func testAPublicKeyNeverVerifiesHS256() throws {
        let fixtures = Fixtures()
        let publicPEM = fixtures.p256Key.publicKey.pemRepresentation
        let verifier = TokenVerifier(keys: [try .publicKey(pem: publicPEM), try .publicKey(pem: fixtures.rsaKey.publicKey.pemRepresentation)])
        for keyText in [publicPEM, fixtures.rsaKey.publicKey.pemRepresentation] {
            let forged = Fixtures.handBuilt(header: #"{"alg":"HS256"}"#, claims: Fixtures.validClaimsJSON(), hmacSecret: Array(keyText.utf8))
            assertRefused(forged, by: verifier, .algorithmNotAccepted(.hs256))
        }
        // And an ES256-only router refuses RS256 tokens even from a valid RSA key.
        let es256Only = TokenVerifier(keys: [.p256(fixtures.p256Key.publicKey)])
        assertRefused(try Fixtures.token(.rsa(fixtures.rsaKey)), by: es256Only, .algorithmNotAccepted(.rs256))
    }

    func testES256SignaturesInDERAreRefused() throws {
        let key = P256.Signing.PrivateKey()
        let verifier = TokenVerifier(keys: [.p256(key.publicKey)])
        let input = Base64URL.encode(Array(#"{"alg":"ES256"}"#.utf8)) + "." + Base64URL.encode(Array(Fixtures.validClaimsJSON().utf8))
        let der = try key.signature(for: Array(input.utf8)).derRepresentation
        assertRefused(input + "." + Base64URL.encode(Array(der)), by: verifier, .badSignature)
        let raw = try key.signature(for: Array(input.utf8)).rawRepresentation
        XCTAssertNoThrow(try verifier.verify(input + "." + Base64URL.encode(Array(raw)), nowSeconds: Fixtures.nowSeconds()))
    }

    // MARK: Structure

    func testMalformedTokensAreRefused() throws {
        let verifier = try Fixtures().verifier()
        let valid = try Fixtures.hs256()
        let parts = valid.split(separator: ".").map(String.init)
        assertRefused("garbage", by: verifier, .malformed("a token has three parts separated by dots"))
        assertRefused(parts[0] + "." + parts[1], by: verifier, .malformed("a token has three parts separated by dots"))
        assertRefused(valid + ".x", by: verifier, .malformed("a token has three parts separated by dots"))
        assertRefused("", by: verifier, .malformed("a token has three parts separated by dots"))
        assertRefused("!!." + parts[1] + "." + parts[2], by: verifier, .malformed("the header is not base64url"))
        assertRefused(parts[0] + "=." + parts[1] + "." + parts[2], by: verifier, .malformed("the header is not base64url"))
        assertRefused(parts[0] + "." + parts[1] + ".*", by: verifier, .malformed("the signature is not base64url"))
        let notJSON = Base64URL.encode(Array("[1,2]".utf8)) + "." + parts[1] + "." + parts[2]
        assertRefused(notJSON, by: verifier, .malformed("the header is not a JSON object"))
        assertRefused(Fixtures.handBuilt(header: #"{"typ":"JWT"}"#, claims: "{}"), by: verifier, .malformed("the header has no \"alg\""))
        assertRefused(Fixtures.handBuilt(header: #"{"alg":"HS256"}"#, claims: "[]"), by: verifier, .malformed("the claims set is not a JSON object"))
    }

    func testOverlongTokensAreRefusedBeforeDecoding() throws {
        let verifier = try Fixtures().verifier()
        let long = String(repeating: "a", count: TokenVerifier.maxTokenLength + 1)
        assertRefused(long, by: verifier, .tooLong(limit: TokenVerifier.maxTokenLength))
        assertRefused(String(repeating: ".", count: 100_000), by: verifier, .tooLong(limit: TokenVerifier.maxTokenLength))
    }

    // MARK: Claims

    func testExpiryIsRequiredAndChecked() throws {
        let verifier = try Fixtures().verifier()
        let now = Fixtures.nowSeconds()
        let key = try TokenSigningKey.secret(Fixtures.secret)
        assertRefused(try Fixtures.token(key, issuedAt: now - 7200, expiresAt: now - 3600), by: verifier, .expired)
        assertRefused(try Fixtures.token(key, issuedAt: now - 7200, expiresAt: now - 31), by: verifier, .expired)
        XCTAssertNoThrow(
            try verifier.verify(try Fixtures.token(key, issuedAt: now - 7200, expiresAt: now - 10), nowSeconds: now),
            "within the 30 s leeway")
        let noExpiry = Fixtures.handBuilt(header: #"{"alg":"HS256"}"#, claims: #"{"project_id":"alpha"}"#)
        assertRefused(noExpiry, by: verifier, .missingClaim("exp"))
        let textExpiry = Fixtures.handBuilt(header: #"{"alg":"HS256"}"#, claims: #"{"project_id":"alpha","exp":"\#(now + 60)"}"#)
        assertRefused(textExpiry, by: verifier, .invalidClaim("exp"))
        let fractional = Fixtures.handBuilt(header: #"{"alg":"HS256"}"#, claims: #"{"project_id":"alpha","exp":\#(now + 60).5}"#)
        XCTAssertEqual(try verifier.verify(fractional, nowSeconds: now).expiresAt, now + 60)
    }

    func testNotBeforeAndIssuedAtInTheFutureAreRefused() throws {
        let verifier = try Fixtures().verifier()
        let now = Fixtures.nowSeconds()
        let key = try TokenSigningKey.secret(Fixtures.secret)
        assertRefused(try Fixtures.token(key, notBefore: now + 600), by: verifier, .notYetValid)
        assertRefused(try Fixtures.token(key, issuedAt: now + 600), by: verifier, .notYetValid)
        XCTAssertNoThrow(try verifier.verify(try Fixtures.token(key, issuedAt: now + 20, notBefore: now + 20), nowSeconds: now))
        XCTAssertNoThrow(try verifier.verify(try Fixtures.token(key, notBefore: now - 600), nowSeconds: now))
    }

    func testProjectRolesAndSubjectClaims() throws {
        let verifier = try Fixtures().verifier()
        let now = Fixtures.nowSeconds()
        let claims = { (json: String) in Fixtures.handBuilt(header: #"{"alg":"HS256"}"#, claims: json) }
        let alias = try verifier.verify(claims(#"{"project":"beta","exp":\#(now + 60)}"#), nowSeconds: now)
        XCTAssertEqual(alias.project, "beta", "\"project\" is accepted too")
        XCTAssertEqual(alias.roles, [])
        XCTAssertNil(alias.userID)
        assertRefused(claims(#"{"exp":\#(now + 60)}"#), by: verifier, .missingClaim("project_id"))
        assertRefused(claims(#"{"project_id":"","exp":\#(now + 60)}"#), by: verifier, .invalidClaim("project_id"))
        assertRefused(claims(#"{"project_id":7,"exp":\#(now + 60)}"#), by: verifier, .invalidClaim("project_id"))
        let long = String(repeating: "p", count: 257)
        assertRefused(claims(#"{"project_id":"\#(long)","exp":\#(now + 60)}"#), by: verifier, .invalidClaim("project_id"))
        assertRefused(claims(#"{"project_id":"a","roles":"admin","exp":\#(now + 60)}"#), by: verifier, .invalidClaim("roles"))
        assertRefused(claims(#"{"project_id":"a","roles":["admin",1],"exp":\#(now + 60)}"#), by: verifier, .invalidClaim("roles"))
        assertRefused(claims(#"{"project_id":"a","sub":5,"exp":\#(now + 60)}"#), by: verifier, .invalidClaim("sub"))
    }

    func testIssuerAndAudienceAreCheckedWhenConfigured() throws {
        let fixtures = Fixtures()
        let verifier = try fixtures.verifier(issuer: "herald-ops", audience: "herald")
        let key = try TokenSigningKey.secret(Fixtures.secret)
        XCTAssertNoThrow(try verifier.verify(try Fixtures.token(key, issuer: "herald-ops", audience: ["herald"]), nowSeconds: Fixtures.nowSeconds()))
        XCTAssertNoThrow(
            try verifier.verify(try Fixtures.token(key, issuer: "herald-ops", audience: ["other", "herald"]), nowSeconds: Fixtures.nowSeconds()))
        assertRefused(try Fixtures.token(key, audience: ["herald"]), by: verifier, .wrongIssuer)
        assertRefused(try Fixtures.token(key, issuer: "someone-else", audience: ["herald"]), by: verifier, .wrongIssuer)
        assertRefused(try Fixtures.token(key, issuer: "herald-ops"), by: verifier, .wrongAudience)
        assertRefused(try Fixtures.token(key, issuer: "herald-ops", audience: ["other"]), by: verifier, .wrongAudience)
        // Without configured checks, iss and aud are free.
        XCTAssertNoThrow(try fixtures.verifier().verify(try Fixtures.token(key, issuer: "x", audience: ["y"]), nowSeconds: Fixtures.nowSeconds()))
    }

    func testErrorTextsNeverContainKeyMaterial() throws {
        let errors: [TokenError] = [
            .tooLong(limit: 8192), .malformed("x"), .unsupportedAlgorithm("none"), .algorithmNotAccepted(.hs256), .badSignature,
            .missingClaim("exp"), .invalidClaim("roles"), .expired, .notYetValid, .wrongIssuer, .wrongAudience,
        ]
        for error in errors {
            XCTAssertFalse(error.description.contains(Fixtures.secret), error.description)
            XCTAssertFalse(error.description.isEmpty)
        }
    }

    // MARK: Where tokens come from

    func testBearerTokensAreReadFromXAuthTokenOrAuthorization() {
        let authorization = HTTPField.Name.authorization
        XCTAssertEqual(BearerCredentials.extract([:]), .absent)
        XCTAssertEqual(BearerCredentials.extract([Fixtures.tokenName: "abc"]), .token("abc"))
        XCTAssertEqual(BearerCredentials.extract([authorization: "Bearer abc"]), .token("abc"))
        XCTAssertEqual(BearerCredentials.extract([authorization: "bearer   abc "]), .token("abc"))
        XCTAssertEqual(BearerCredentials.extract([Fixtures.tokenName: "abc", authorization: "Bearer abc"]), .token("abc"))
        XCTAssertEqual(
            BearerCredentials.extract([Fixtures.tokenName: "abc", authorization: "Bearer xyz"]),
            .unusable("the request carries several different tokens"))
        XCTAssertEqual(BearerCredentials.extract([authorization: "Basic dXNlcjpwdw=="]), .unusable("the Authorization scheme must be Bearer"))
        XCTAssertEqual(BearerCredentials.extract([authorization: "Bearer"]), .unusable("the token is empty"))
        XCTAssertEqual(BearerCredentials.extract([Fixtures.tokenName: ""]), .unusable("the token is empty"))
    }
}
