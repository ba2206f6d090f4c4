import Crypto
import HTTPTypes
import Router
import Shared
import XCTest
import _CryptoExtras

/// Keys, verifiers and tokens of the token-authentication tests: one key of each algorithm
/// (generated with swift-crypto), tokens minted with Herald's minter, and hand-built tokens
/// for the malformed cases.
struct TokenAuthFixtures {
    static let secret = "token-auth-test-secret-0123456789"
    /// RSA key generation is slow; every test shares one key.
    static let rsaKey: _RSA.Signing.PrivateKey = {
        do {
            return try _RSA.Signing.PrivateKey(keySize: .bits2048)
        } catch {
            preconditionFailure("cannot generate an RSA test key: \(error)")
        }
    }()

    let p256Key = P256.Signing.PrivateKey()
    var rsaKey: _RSA.Signing.PrivateKey { Self.rsaKey }

    static let tokenName = HTTPField.Name("X-Auth-Token")!

    static func nowSeconds() -> Int64 { SystemWallClock().nowMillis() / 1000 }

    /// A verifier of all three algorithms, keys loaded from PEM as the router does.
    func verifier(issuer: String? = nil, audience: String? = nil) throws -> TokenVerifier {
        TokenVerifier(
            keys: [
                try .secret(Self.secret), try .publicKey(pem: p256Key.publicKey.pemRepresentation),
                try .publicKey(pem: rsaKey.publicKey.pemRepresentation),
            ], issuer: issuer, audience: audience)
    }

    /// A router configuration in token mode.
    func configuration(adminMode: Bool = false, signedURLSecret: String? = nil, issuer: String? = nil, audience: String? = nil) throws
        -> RouterConfiguration
    {
        var configuration = RouterConfiguration(adminMode: adminMode, signedURLSecret: signedURLSecret)
        configuration.authMode = .token(try verifier(issuer: issuer, audience: audience))
        return configuration
    }

    /// A token of `key` for `project`, valid from now for an hour unless told otherwise.
    static func token(
        _ key: TokenSigningKey, project: String = "alpha", roles: [String] = [], userID: String? = "alice",
        issuer: String? = nil, audience: [String] = [], issuedAt: Int64? = nil, notBefore: Int64? = nil, expiresAt: Int64? = nil
    ) throws -> String {
        let now = nowSeconds()
        let claims = TokenClaims(
            project: project, roles: roles, userID: userID, issuer: issuer, audience: audience, issuedAt: issuedAt ?? now,
            notBefore: notBefore, expiresAt: expiresAt ?? now + 3600)
        return try TokenMinter(key: key).mint(claims)
    }

    /// An HS256 token of `secret` for `project`.
    static func hs256(project: String = "alpha", roles: [String] = [], secret: String = secret) throws -> String {
        try token(.secret(secret), project: project, roles: roles)
    }

    /// A token with the given raw header and claims JSON, HMAC-signed with `secret`
    /// (`nil`: an empty signature part).
    static func handBuilt(header: String, claims: String, hmacSecret: [UInt8]? = Array(secret.utf8)) -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(claims.utf8))
        guard let hmacSecret else { return input + "." }
        let code = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: hmacSecret))
        return input + "." + Base64URL.encode(Array(code))
    }

    /// Claims JSON valid for an hour for project `alpha`.
    static func validClaimsJSON() -> String {
        let now = nowSeconds()
        return #"{"project_id":"alpha","roles":["admin"],"iat":\#(now),"exp":\#(now + 3600)}"#
    }
}
