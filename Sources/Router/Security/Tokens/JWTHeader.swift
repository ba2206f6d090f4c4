import Shared

/// The JOSE header of a token (RFC 7515 §4): only `alg` matters; `typ` and `kid` are allowed
/// and ignored, any `crit` extension is refused as RFC 7515 §4.1.11 requires of a verifier that
/// implements none.
struct JWTHeader: Sendable, Equatable {
    /// The signature algorithm the token claims.
    var algorithm: JWTAlgorithm

    /// Parses the decoded header bytes.
    init(json bytes: [UInt8]) throws(TokenError) {
        guard let header = try? JSONValue.parse(bytes), case .object = header else {
            throw .malformed("the header is not a JSON object")
        }
        guard case .string(let name)? = header["alg"] else { throw .malformed("the header has no \"alg\"") }
        guard let algorithm = JWTAlgorithm(rawValue: name) else { throw .unsupportedAlgorithm(name) }
        if header["crit"] != nil { throw .unsupportedAlgorithm("\(name) with critical extensions") }
        self.algorithm = algorithm
    }
}
