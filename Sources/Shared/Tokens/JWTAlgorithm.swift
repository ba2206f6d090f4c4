/// The JSON Web Signature algorithms (`alg` header, RFC 7518 §3.1) Herald signs and verifies
/// tokens with. `none` and every other algorithm are deliberately absent.
public enum JWTAlgorithm: String, Sendable, CaseIterable {
    /// HMAC-SHA256 under a secret shared by the issuer and the routers.
    case hs256 = "HS256"
    /// RSASSA-PKCS1-v1_5 with SHA-256 (RSA keys of at least 2048 bits).
    case rs256 = "RS256"
    /// ECDSA on P-256 with SHA-256; the signature is the 64-byte `r || s`.
    case es256 = "ES256"
}
