import Shared

/// Why a bearer token was refused. Every case answers 401; the ``description`` goes into the
/// error body, so it names what is wrong with the token and never anything about the keys.
public enum TokenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Longer than ``TokenVerifier/maxTokenLength`` characters (checked before any decoding).
    case tooLong(limit: Int)
    /// Not three base64url parts, or a header or claims set that is not a JSON object.
    case malformed(String)
    /// An `alg` Herald never accepts (`none`, `HS512`, ...), or a `crit` extension.
    case unsupportedAlgorithm(String)
    /// An accepted algorithm for which the router has no key (e.g. HS256 when only a public key
    /// is configured): no algorithm confusion is possible.
    case algorithmNotAccepted(JWTAlgorithm)
    /// The signature does not verify under any key of the token's algorithm.
    case badSignature
    /// A required claim is absent.
    case missingClaim(String)
    /// A claim has the wrong type or an unusable value.
    case invalidClaim(String)
    /// `exp` is in the past.
    case expired
    /// `nbf` (or `iat`) is in the future.
    case notYetValid
    /// `iss` is not the configured issuer.
    case wrongIssuer
    /// `aud` does not name the configured audience.
    case wrongAudience

    /// The text of the 401 body: what is wrong with the token, never anything about the keys.
    public var description: String {
        switch self {
        case .tooLong(let limit): return "The token is longer than \(limit) characters."
        case .malformed(let reason): return "The token is malformed (\(reason))."
        case .unsupportedAlgorithm(let name): return "The token algorithm \(name) is not supported."
        case .algorithmNotAccepted(let algorithm): return "Tokens signed with \(algorithm.rawValue) are not accepted."
        case .badSignature: return "The token signature is invalid."
        case .missingClaim(let name): return "The token has no \"\(name)\" claim."
        case .invalidClaim(let name): return "The token's \"\(name)\" claim is invalid."
        case .expired: return "The token has expired."
        case .notYetValid: return "The token is not valid yet."
        case .wrongIssuer: return "The token was not issued by the expected issuer."
        case .wrongAudience: return "The token is not meant for this service."
        }
    }
}
