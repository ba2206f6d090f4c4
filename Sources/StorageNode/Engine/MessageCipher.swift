import Crypto
import Foundation
import Shared

/// At-rest encryption of message bodies for queues with `_enable_encrypt_messages` (spec §3.11).
///
/// The key is the SHA-256 digest of the configured key text, as in the reference. Bodies are
/// sealed with AES-256-GCM rather than the reference's unauthenticated CBC: stored data need not
/// be wire-compatible, and GCM turns a wrong key or a damaged row into an error instead of
/// garbage. The plaintext is the body's compact JSON; clients only ever see plaintext.
public struct MessageCipher: Sendable {
    /// The key text the reference ships with (`[transport] message_encryption_key`).
    public static let defaultKeyText = "AES256"

    /// The 32 key bytes (`SymmetricKey` itself is not `Sendable` in this swift-crypto).
    private let keyBytes: [UInt8]

    /// A cipher whose key is SHA-256 of `keyText` (UTF-8).
    public init(keyText: String = MessageCipher.defaultKeyText) {
        keyBytes = Array(SHA256.hash(data: Array(keyText.utf8)))
    }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// Nonce, ciphertext and tag of `body`.
    func seal(_ body: [UInt8]) throws -> [UInt8] {
        do {
            guard let combined = try AES.GCM.seal(body, using: key).combined else {
                throw StorageError.unavailable("cannot encrypt a message body: no combined representation")
            }
            return Array(combined)
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError.unavailable("cannot encrypt a message body: \(error)")
        }
    }

    /// The body sealed by ``seal(_:)``; a wrong key or damaged bytes fail as `.unavailable`.
    func open(_ sealed: [UInt8]) throws -> [UInt8] {
        do {
            return Array(try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key))
        } catch {
            throw StorageError.unavailable("cannot decrypt a message body (wrong key or damaged row): \(error)")
        }
    }
}
