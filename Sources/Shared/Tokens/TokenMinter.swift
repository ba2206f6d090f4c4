/// Issues compact JWS tokens (`header.payload.signature`, RFC 7515 §7.1) for Herald routers in
/// `token` mode: used by `herald token`, by the admin CLI for its own short-lived tokens and by
/// tests.
public struct TokenMinter: Sendable {
    /// The key tokens are signed with; it decides `alg`.
    public let key: TokenSigningKey

    /// A minter signing with `key`.
    public init(key: TokenSigningKey) {
        self.key = key
    }

    /// The signed token carrying `claims`.
    public func mint(_ claims: TokenClaims) throws(TokenKeyError) -> String {
        let header: JSONValue = .object([("alg", .string(key.algorithm.rawValue)), ("typ", .string("JWT"))])
        let signingInput = Base64URL.encode(header.serialized()) + "." + Base64URL.encode(claims.jsonObject.serialized())
        let signature = try key.signature(for: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Claims for `project` valid from `now` for `lifetime` seconds.
    public static func claims(
        project: String, roles: [String] = [], userID: String? = nil, issuer: String? = nil, audience: [String] = [],
        nowSeconds: Int64, lifetime: Int64
    ) -> TokenClaims {
        TokenClaims(
            project: project, roles: roles, userID: userID, issuer: issuer, audience: audience, issuedAt: nowSeconds,
            expiresAt: nowSeconds + lifetime)
    }
}
