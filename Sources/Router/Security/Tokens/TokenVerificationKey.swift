import Crypto
import Shared
import _CryptoExtras

/// A key the router verifies token signatures with. Each key verifies exactly one algorithm —
/// an HS256 secret, a P-256 public key (ES256) or an RSA public key (RS256) — so a token cannot
/// choose how its signature is checked (no `none`, no HS256 keyed with a public key).
public struct TokenVerificationKey: Sendable {
    /// The key material. P-256 keys are kept as X9.63 bytes (the swift-crypto key types are not
    /// `Sendable` in every supported version).
    private enum Material: Sendable {
        case secret([UInt8])
        case p256(x963PublicKey: [UInt8])
        case rsa(_RSA.Signing.PublicKey)
    }

    private let material: Material

    /// The only `alg` this key verifies.
    public var algorithm: JWTAlgorithm {
        switch material {
        case .secret: return .hs256
        case .p256: return .es256
        case .rsa: return .rs256
        }
    }

    private init(material: Material) { self.material = material }

    /// An HS256 key: the UTF-8 bytes of `secret`.
    public static func secret(_ secret: String) throws(TokenKeyError) -> TokenVerificationKey {
        guard !secret.isEmpty else { throw .emptySecret }
        return TokenVerificationKey(material: .secret(Array(secret.utf8)))
    }

    /// An ES256 key.
    public static func p256(_ key: P256.Signing.PublicKey) -> TokenVerificationKey {
        TokenVerificationKey(material: .p256(x963PublicKey: Array(key.x963Representation)))
    }

    /// An RS256 key.
    public static func rsa(_ key: _RSA.Signing.PublicKey) -> TokenVerificationKey {
        TokenVerificationKey(material: .rsa(key))
    }

    /// The public key in PEM text (`PUBLIC KEY` or `RSA PUBLIC KEY`): a P-256 key verifies ES256,
    /// an RSA key of at least 2048 bits RS256.
    public static func publicKey(pem: String) throws(TokenKeyError) -> TokenVerificationKey {
        if let key = try? P256.Signing.PublicKey(pemRepresentation: pem) { return .p256(key) }
        if let key = try? _RSA.Signing.PublicKey(pemRepresentation: pem) { return .rsa(key) }
        throw .unsupportedPEM(expected: "public key")
    }

    /// Whether `signature` is this key's signature of `input` (HMACs compared in constant time;
    /// ES256 signatures must be the 64-byte `r || s` of JWS, not DER).
    func isValidSignature(_ signature: [UInt8], for input: [UInt8]) -> Bool {
        switch material {
        case .secret(let secret):
            return HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: SymmetricKey(data: secret))
        case .p256(let x963):
            guard signature.count == 64, let key = try? P256.Signing.PublicKey(x963Representation: x963),
                let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
            else { return false }
            return key.isValidSignature(parsed, for: input)
        case .rsa(let key):
            let parsed = _RSA.Signing.RSASignature(rawRepresentation: signature)
            return key.isValidSignature(parsed, for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5)
        }
    }
}
