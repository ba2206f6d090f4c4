/// Why TLS settings of the internal RPC could not be loaded.
public enum RPCTLSConfigurationError: Error, Sendable, Equatable {
    /// A certificate file is missing, unreadable or holds no PEM certificate.
    case unreadableCertificates(path: String, reason: String)
    /// The private key file is missing, unreadable or not a PEM key.
    case unreadablePrivateKey(path: String, reason: String)
    /// The certificate and key do not form a usable TLS context (e.g. they do not match).
    case invalidContext(reason: String)
}

extension RPCTLSConfigurationError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unreadableCertificates(path, reason): return "cannot read certificates from \(path): \(reason)"
        case let .unreadablePrivateKey(path, reason): return "cannot read the private key \(path): \(reason)"
        case let .invalidContext(reason): return "unusable TLS settings: \(reason)"
        }
    }
}
