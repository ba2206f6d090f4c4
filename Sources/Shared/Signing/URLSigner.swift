import Crypto

/// What a pre-signed URL grants (spec §6): methods on paths of one project until an expiry.
public struct SignedURLScope: Sendable, Equatable {
    /// Full request paths such as `/v2/queues/q/messages`, in any order.
    public var paths: [String]
    /// HTTP methods such as `GET`, in any order (not checked against real verbs, as in Zaqar).
    public var methods: [String]
    /// The project the URL is issued for; `nil` signs as the text `None`.
    public var project: String?
    /// The expiry, seconds since 1970 (UTC).
    public var expiresSeconds: Int64

    public init(paths: [String], methods: [String], project: String?, expiresSeconds: Int64) {
        self.paths = paths
        self.methods = methods
        self.project = project
        self.expiresSeconds = expiresSeconds
    }

    /// The expiry as the `URL-Expires` header and the share response write it: `YYYY-MM-DDTHH:MM:SS`.
    public var expires: String { UTCTimestamp.naive(seconds: expiresSeconds) }

    /// The string the signature covers: sorted paths, sorted methods, project and expiry joined
    /// by the two characters `\` `n` (not a newline), wire-compatible with Zaqar (spec §6.2).
    public var canonicalString: String {
        [paths.sorted().joined(separator: ","), methods.sorted().joined(separator: ","), project ?? "None", expires]
            .joined(separator: "\\n")
    }
}

/// Signs and verifies pre-signed URL scopes with HMAC-SHA256 under the operator's secret key
/// (spec §6.2). Routers verify what storage nodes sign (confirmation links), so every process
/// of a cluster must share the key.
public struct URLSigner: Sendable {
    /// The key bytes (`SymmetricKey` itself is not `Sendable` in this swift-crypto).
    private let keyBytes: [UInt8]

    /// A signer keyed by the UTF-8 bytes of `secret`.
    public init(secret: String) {
        keyBytes = Array(secret.utf8)
    }

    /// The lowercase hex HMAC-SHA256 of the scope's canonical string.
    public func signature(for scope: SignedURLScope) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(scope.canonicalString.utf8), using: SymmetricKey(data: keyBytes))
        return Self.hex(code)
    }

    /// Whether `signature` signs `scope`, compared in constant time.
    public func isValid(signature: String, for scope: SignedURLScope) -> Bool {
        let expected = Array(self.signature(for: scope).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
