import Crypto
import Shared
import XCTest
import _CryptoExtras

/// Minting bearer tokens: the JWS layout, signatures of each algorithm, claims and lifetimes.
final class TokenMintingTests: XCTestCase {
    /// Claims whose HS256 token under `herald-test-secret-123` was computed with Python's
    /// `hmac`/`base64` (an independent implementation).
    private static let vectorClaims = TokenClaims(
        project: "demo", roles: ["admin"], userID: "alice", issuedAt: 1_700_000_000, expiresAt: 1_700_003_600)
    private static let vectorToken =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJzdWIiOiJhbGljZSIsInByb2plY3RfaWQiOiJkZW1vIiwicm9sZXMiOlsiYWRtaW4iXSwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDM2MDB9"
        + ".pA8L7Hpns4uyHV3_uKz52tQSQYAIB__AzcmRJoAhhSw"

    private func parts(_ token: String) -> [String] { token.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }

    private func json(_ part: String) throws -> JSONValue {
        try JSONValue.parse(try XCTUnwrap(Base64URL.decode(part), part))
    }

    func testHS256TokenMatchesAnIndependentImplementation() throws {
        let token = try TokenMinter(key: .secret("herald-test-secret-123")).mint(Self.vectorClaims)
        XCTAssertEqual(token, Self.vectorToken)
    }

    func testTheKeyDecidesTheAlgorithm() throws {
        let keys: [(TokenSigningKey, String)] = [
            (try .secret("s3cret-s3cret-s3cret"), "HS256"),
            (.p256(P256.Signing.PrivateKey()), "ES256"),
            (.rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048)), "RS256"),
        ]
        for (key, name) in keys {
            let token = try TokenMinter(key: key).mint(Self.vectorClaims)
            let header = try json(parts(token)[0])
            XCTAssertEqual(header, .object([("alg", .string(name)), ("typ", .string("JWT"))]), name)
            XCTAssertEqual(key.algorithm.rawValue, name)
        }
    }

    func testES256SignaturesAreRawRAndSThatVerify() throws {
        let privateKey = P256.Signing.PrivateKey()
        let token = try TokenMinter(key: .p256(privateKey)).mint(Self.vectorClaims)
        let pieces = parts(token)
        let signature = try XCTUnwrap(Base64URL.decode(pieces[2]))
        XCTAssertEqual(signature.count, 64, "JWS ES256 signatures are r || s, not DER")
        let parsed = try P256.Signing.ECDSASignature(rawRepresentation: signature)
        XCTAssertTrue(privateKey.publicKey.isValidSignature(parsed, for: Array((pieces[0] + "." + pieces[1]).utf8)))
    }

    func testRS256SignaturesArePKCS1v15OverSHA256() throws {
        let privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let token = try TokenMinter(key: .rsa(privateKey)).mint(Self.vectorClaims)
        let pieces = parts(token)
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try XCTUnwrap(Base64URL.decode(pieces[2])))
        let digest = SHA256.hash(data: Array((pieces[0] + "." + pieces[1]).utf8))
        XCTAssertTrue(privateKey.publicKey.isValidSignature(signature, for: digest, padding: .insecurePKCS1v1_5))
        XCTAssertFalse(privateKey.publicKey.isValidSignature(signature, for: digest, padding: .PSS))
    }

    func testPrivateKeysLoadFromPEM() throws {
        let p256 = P256.Signing.PrivateKey()
        XCTAssertEqual(try TokenSigningKey.privateKey(pem: p256.pemRepresentation).algorithm, .es256)
        let rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        XCTAssertEqual(try TokenSigningKey.privateKey(pem: rsa.pemRepresentation).algorithm, .rs256)
        XCTAssertThrowsError(try TokenSigningKey.privateKey(pem: p256.publicKey.pemRepresentation)) { error in
            XCTAssertEqual(error as? TokenKeyError, .unsupportedPEM(expected: "private key"))
        }
        XCTAssertThrowsError(try TokenSigningKey.privateKey(pem: "not a key"))
        XCTAssertThrowsError(try TokenSigningKey.secret("")) { XCTAssertEqual($0 as? TokenKeyError, .emptySecret) }
    }

    func testClaimsCarryProjectRolesUserIssuerAudienceAndTimes() throws {
        let claims = TokenMinter.claims(
            project: "p1", roles: ["admin", "reader"], userID: "bob", issuer: "herald-ops", audience: ["herald"],
            nowSeconds: 1_000, lifetime: 60)
        XCTAssertEqual(claims.issuedAt, 1_000)
        XCTAssertEqual(claims.expiresAt, 1_060)
        let payload = try json(parts(try TokenMinter(key: .secret("k")).mint(claims))[1])
        XCTAssertEqual(payload["project_id"], .string("p1"))
        XCTAssertEqual(payload["roles"], .array([.string("admin"), .string("reader")]))
        XCTAssertEqual(payload["sub"], .string("bob"))
        XCTAssertEqual(payload["iss"], .string("herald-ops"))
        XCTAssertEqual(payload["aud"], .string("herald"))
        XCTAssertEqual(payload["iat"], .int(1_000))
        XCTAssertEqual(payload["exp"], .int(1_060))
        XCTAssertNil(payload["nbf"])

        var several = claims
        several.audience = ["a", "b"]
        XCTAssertEqual(several.jsonObject["aud"], .array([.string("a"), .string("b")]))
        several.audience = []
        XCTAssertNil(several.jsonObject["aud"])
    }

    func testLifetimesAcceptSecondsMinutesHoursAndDays() {
        XCTAssertEqual(TokenLifetime.seconds("3600"), 3600)
        XCTAssertEqual(TokenLifetime.seconds("3600s"), 3600)
        XCTAssertEqual(TokenLifetime.seconds("30m"), 1800)
        XCTAssertEqual(TokenLifetime.seconds("1h"), 3600)
        XCTAssertEqual(TokenLifetime.seconds("7d"), 604_800)
        XCTAssertEqual(TokenLifetime.seconds("366d"), TokenLifetime.maximumSeconds)
        for text in ["", "0", "-5", "1x", "h", "1.5h", "367d", "99999999999999999999", " 1h", "1h ", "1H", "١h"] {
            XCTAssertNil(TokenLifetime.seconds(text), text)
        }
    }
}
