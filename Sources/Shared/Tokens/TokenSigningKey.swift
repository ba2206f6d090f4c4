import Crypto
import _CryptoExtras

/// The key a token issuer signs with: an HS256 secret, or a P-256 (ES256) or RSA (RS256)
/// private key. The algorithm follows from the key, so a key never signs under another one.
public struct TokenSigningKey: Sendable {
    /// The key material. P-256 keys are kept as raw bytes (the swift-crypto key types are not
    /// `Sendable` in every supported version).
    private enum Material: Sendable {
        case secret([UInt8])
        case p256(rawPrivateKey: [UInt8])
        case rsa(_RSA.Signing.PrivateKey)
    }

    private let material: Material

    /// The `alg` of tokens signed with this key.
    public var algorithm: JWTAlgorithm {
        switch material {
        case .secret: return .hs256
        case .p256: return .es256
        case .rsa: return .rs256
        }
    }

    private init(material: Material) { self.material = material }

    /// An HS256 key: the UTF-8 bytes of `secret`.
    public static func secret(_ secret: String) throws(TokenKeyError) -> TokenSigningKey {
        guard !secret.isEmpty else { throw .emptySecret }
        return TokenSigningKey(material: .secret(Array(secret.utf8)))
    }

    /// An ES256 key.
    public static func p256(_ key: P256.Signing.PrivateKey) -> TokenSigningKey {
        TokenSigningKey(material: .p256(rawPrivateKey: Array(key.rawRepresentation)))
    }

    /// An RS256 key.
    public static func rsa(_ key: _RSA.Signing.PrivateKey) -> TokenSigningKey {
        TokenSigningKey(material: .rsa(key))
    }

    /// The private key in PEM text (`EC PRIVATE KEY`, `RSA PRIVATE KEY` or PKCS#8 `PRIVATE KEY`):
    /// a P-256 key signs ES256, an RSA key of at least 2048 bits RS256.
    public static func privateKey(pem: String) throws(TokenKeyError) -> TokenSigningKey {
        if let key = try? P256.Signing.PrivateKey(pemRepresentation: pem) { return .p256(key) }
        if let key = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) { return .rsa(key) }
        throw .unsupportedPEM(expected: "private key")
    }

    /// The JWS signature of `input` (RFC 7515 §5.1, RFC 7518 §3).
    public func signature(for input: [UInt8]) throws(TokenKeyError) -> [UInt8] {
        switch material {
        case .secret(let secret):
            return Array(HMAC<SHA256>.authenticationCode(for: input, using: SymmetricKey(data: secret)))
        case .p256(let raw):
            do {
                let key = try P256.Signing.PrivateKey(rawRepresentation: raw)
                return Array(try key.signature(for: input).rawRepresentation)
            } catch {
                throw .signingFailed("\(error)")
            }
        case .rsa(let key):
            do {
                let signature = try key.signature(for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5)
                return Array(signature.rawRepresentation)
            } catch {
                throw .signingFailed("\(error)")
            }
        }
    }
}
