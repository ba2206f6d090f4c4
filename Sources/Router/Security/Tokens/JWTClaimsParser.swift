import Shared

/// Reads Herald's claims out of a verified token's claims set (RFC 7519 §4): `exp` (required,
/// numeric), `nbf` and `iat` (numeric when present), the project from `project_id` (or
/// `project`), `roles` (strings, lowercased), `sub`, `iss` and `aud` (a string or strings).
enum JWTClaimsParser {
    /// Longest project accepted, as for `X-Project-ID` (spec §1.3).
    static let maxProjectLength = 256

    /// The claims of the decoded claims-set bytes; types are checked, times are not.
    static func parse(_ bytes: [UInt8]) throws(TokenError) -> TokenClaims {
        guard let claims = try? JSONValue.parse(bytes), case .object = claims else {
            throw .malformed("the claims set is not a JSON object")
        }
        guard let expiry = claims["exp"] else { throw .missingClaim("exp") }
        guard let project = claims["project_id"] ?? claims["project"] else { throw .missingClaim("project_id") }
        guard case .string(let projectName) = project, !projectName.isEmpty, projectName.count <= maxProjectLength else {
            throw .invalidClaim("project_id")
        }
        return TokenClaims(
            project: projectName, roles: try roles(claims["roles"]), userID: try string(claims["sub"], "sub"),
            issuer: try string(claims["iss"], "iss"), audience: try audience(claims["aud"]),
            issuedAt: try optionalSeconds(claims["iat"], "iat"), notBefore: try optionalSeconds(claims["nbf"], "nbf"),
            expiresAt: try seconds(expiry, "exp"))
    }

    /// A NumericDate: whole or fractional seconds since 1970 (fractions are cut).
    private static func seconds(_ value: JSONValue, _ name: String) throws(TokenError) -> Int64 {
        switch value {
        case .int(let seconds):
            return seconds
        case .double(let seconds) where seconds.isFinite && abs(seconds) < 1e15:
            return Int64(seconds.rounded(.down))
        default:
            throw .invalidClaim(name)
        }
    }

    private static func optionalSeconds(_ value: JSONValue?, _ name: String) throws(TokenError) -> Int64? {
        guard let value else { return nil }
        return try seconds(value, name)
    }

    private static func string(_ value: JSONValue?, _ name: String) throws(TokenError) -> String? {
        guard let value else { return nil }
        guard case .string(let text) = value else { throw .invalidClaim(name) }
        return text
    }

    private static func roles(_ value: JSONValue?) throws(TokenError) -> [String] {
        guard let value else { return [] }
        guard case .array(let elements) = value else { throw .invalidClaim("roles") }
        var roles: [String] = []
        for element in elements {
            guard case .string(let role) = element else { throw .invalidClaim("roles") }
            let name = role.trimmingASCIISpaces().lowercased()
            if !name.isEmpty, !roles.contains(name) { roles.append(name) }
        }
        return roles
    }

    private static func audience(_ value: JSONValue?) throws(TokenError) -> [String] {
        switch value {
        case nil: return []
        case .string(let audience)?: return [audience]
        case .array(let elements)?:
            var audiences: [String] = []
            for element in elements {
                guard case .string(let audience) = element else { throw .invalidClaim("aud") }
                audiences.append(audience)
            }
            return audiences
        default: throw .invalidClaim("aud")
        }
    }
}
