/// Why a token signing or verification key cannot be used.
public enum TokenKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An HS256 secret without any bytes.
    case emptySecret
    /// PEM text that holds no P-256 or RSA (2048 bits or more) key of the expected kind.
    case unsupportedPEM(expected: String)
    /// The crypto library refused to sign (e.g. a broken RSA key).
    case signingFailed(String)

    /// A one-line explanation for operators.
    public var description: String {
        switch self {
        case .emptySecret:
            return "the token secret is empty"
        case .unsupportedPEM(let expected):
            return "the PEM text is not a \(expected) (P-256 EC or RSA of at least 2048 bits)"
        case .signingFailed(let reason):
            return "signing the token failed (\(reason))"
        }
    }
}
