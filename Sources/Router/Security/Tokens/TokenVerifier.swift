import Shared

/// Verifies Herald bearer tokens: compact JWS (`header.payload.signature`) signed with HS256,
/// ES256 or RS256 under one of the configured keys, whose claims carry the project, roles and an
/// expiry. The token's `alg` only selects among the configured keys of that algorithm.
///
/// Order of checks: length (before any decoding), structure, header, signature, then the claims
/// (types, `exp`/`nbf`/`iat` with ``leewaySeconds``, `iss`, `aud`).
public struct TokenVerifier: Sendable {
    /// Longest token accepted, in characters.
    public static let maxTokenLength = 8192
    /// Clock difference tolerated between issuer and router.
    public static let defaultLeewaySeconds: Int64 = 30

    /// The keys signatures are checked with; at least one.
    public let keys: [TokenVerificationKey]
    /// When set, tokens must carry exactly this `iss`.
    public var issuer: String?
    /// When set, tokens must name this value in `aud`.
    public var audience: String?
    /// Seconds of clock skew allowed on `exp`, `nbf` and `iat`.
    public var leewaySeconds: Int64

    /// A verifier for `keys` (which must not be empty).
    public init(
        keys: [TokenVerificationKey], issuer: String? = nil, audience: String? = nil,
        leewaySeconds: Int64 = TokenVerifier.defaultLeewaySeconds
    ) {
        precondition(!keys.isEmpty, "a token verifier needs at least one key")
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.leewaySeconds = leewaySeconds
    }

    /// The algorithms some configured key verifies.
    public var acceptedAlgorithms: Set<JWTAlgorithm> { Set(keys.map(\.algorithm)) }

    /// The claims of `token` if it is valid at `nowSeconds` (seconds since 1970).
    public func verify(_ token: String, nowSeconds: Int64) throws(TokenError) -> TokenClaims {
        guard token.utf8.count <= Self.maxTokenLength else { throw .tooLong(limit: Self.maxTokenLength) }
        let parts = token.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("a token has three parts separated by dots") }
        guard let headerBytes = Base64URL.decode(bytes: parts[0]) else { throw .malformed("the header is not base64url") }
        let header = try JWTHeader(json: headerBytes)
        let candidates = keys.filter { $0.algorithm == header.algorithm }
        guard !candidates.isEmpty else { throw .algorithmNotAccepted(header.algorithm) }
        guard let signature = Base64URL.decode(bytes: parts[2]) else { throw .malformed("the signature is not base64url") }
        let signingInput = Array(token.utf8.prefix(parts[0].count + 1 + parts[1].count))
        guard candidates.contains(where: { $0.isValidSignature(signature, for: signingInput) }) else { throw .badSignature }
        guard let payload = Base64URL.decode(bytes: parts[1]) else { throw .malformed("the claims set is not base64url") }
        let claims = try JWTClaimsParser.parse(payload)
        try checkTimes(claims, nowSeconds: nowSeconds)
        if let issuer, claims.issuer != issuer { throw .wrongIssuer }
        if let audience, !claims.audience.contains(audience) { throw .wrongAudience }
        return claims
    }

    private func checkTimes(_ claims: TokenClaims, nowSeconds: Int64) throws(TokenError) {
        guard nowSeconds < claims.expiresAt.addingReportingOverflow(leewaySeconds).partialValue else { throw .expired }
        let latestStart = nowSeconds.addingReportingOverflow(leewaySeconds).partialValue
        if let notBefore = claims.notBefore, notBefore > latestStart { throw .notYetValid }
        if let issuedAt = claims.issuedAt, issuedAt > latestStart { throw .notYetValid }
    }
}
