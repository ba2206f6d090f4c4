/// What a Herald bearer token asserts: the project the caller acts in, its roles, who it is
/// and when the token is valid. Minted by `herald token`, checked by the router's verifier.
public struct TokenClaims: Sendable, Equatable {
    /// The project (`project_id` claim) every request with the token is scoped to.
    public var project: String
    /// Role names (`roles` claim); `admin` opens the operator surface.
    public var roles: [String]
    /// The user (`sub` claim).
    public var userID: String?
    /// Who issued the token (`iss` claim).
    public var issuer: String?
    /// For whom the token is meant (`aud` claim; one value is written as a string).
    public var audience: [String]
    /// Issue time (`iat`), seconds since 1970.
    public var issuedAt: Int64?
    /// Start of validity (`nbf`), seconds since 1970.
    public var notBefore: Int64?
    /// End of validity (`exp`), seconds since 1970; always present.
    public var expiresAt: Int64

    /// Claims with the given values; `audience` empty writes no `aud`.
    public init(
        project: String, roles: [String] = [], userID: String? = nil, issuer: String? = nil,
        audience: [String] = [], issuedAt: Int64? = nil, notBefore: Int64? = nil, expiresAt: Int64
    ) {
        self.project = project
        self.roles = roles
        self.userID = userID
        self.issuer = issuer
        self.audience = audience
        self.issuedAt = issuedAt
        self.notBefore = notBefore
        self.expiresAt = expiresAt
    }

    /// The JWT claims set (RFC 7519 §4) these claims are written as.
    public var jsonObject: JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let userID { members.append(("sub", .string(userID))) }
        members.append(("project_id", .string(project)))
        members.append(("roles", .array(roles.map { .string($0) })))
        if let issuer { members.append(("iss", .string(issuer))) }
        switch audience.count {
        case 0: break
        case 1: members.append(("aud", .string(audience[0])))
        default: members.append(("aud", .array(audience.map { .string($0) })))
        }
        if let issuedAt { members.append(("iat", .int(issuedAt))) }
        if let notBefore { members.append(("nbf", .int(notBefore))) }
        members.append(("exp", .int(expiresAt)))
        return .object(members)
    }
}
