import Crypto

/// The secret every router and node of a cluster shares, turned into the key of the RPC
/// handshake proofs.
///
/// The key is HKDF-SHA256 of the secret's UTF-8 text (fixed salt and info), so the text itself
/// never keys an HMAC and other uses of the same text (none today) get unrelated keys. A client
/// proves it knows the secret with ``clientProof(serverNonce:clientNonce:)``; the node answers
/// with ``serverProof(clientNonce:serverNonce:)`` under another context string, so neither proof
/// can be replayed as the other.
public struct RPCClusterSecret: Sendable {
    private static let salt = Array("herald-rpc-cluster-secret".utf8)
    private static let info = Array("herald rpc handshake v1".utf8)
    private static let clientContext = Array("herald-rpc-v1 client proof".utf8)
    private static let serverContext = Array("herald-rpc-v1 server proof".utf8)

    /// The derived key's bytes (`SymmetricKey` is not `Sendable`).
    private let keyBytes: [UInt8]

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// The key derived from `text`; `nil` when `text` is empty.
    public init?(_ text: String) {
        guard !text.isEmpty else { return nil }
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Array(text.utf8)), salt: Self.salt, info: Self.info, outputByteCount: 32)
        keyBytes = key.withUnsafeBytes { Array($0) }
    }

    /// The client's proof: HMAC-SHA256(key, client context ‖ server nonce ‖ client nonce).
    public func clientProof(serverNonce: [UInt8], clientNonce: [UInt8]) -> [UInt8] {
        mac(Self.clientContext, serverNonce, clientNonce)
    }

    /// The node's proof: HMAC-SHA256(key, server context ‖ client nonce ‖ server nonce).
    public func serverProof(clientNonce: [UInt8], serverNonce: [UInt8]) -> [UInt8] {
        mac(Self.serverContext, clientNonce, serverNonce)
    }

    /// Whether `proof` is the client proof of these nonces, compared in constant time.
    public func isValidClientProof(_ proof: [UInt8], serverNonce: [UInt8], clientNonce: [UInt8]) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(
            proof, authenticating: Self.clientContext + serverNonce + clientNonce, using: key)
    }

    /// Whether `proof` is the node proof of these nonces, compared in constant time.
    public func isValidServerProof(_ proof: [UInt8], clientNonce: [UInt8], serverNonce: [UInt8]) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(
            proof, authenticating: Self.serverContext + clientNonce + serverNonce, using: key)
    }

    private func mac(_ context: [UInt8], _ first: [UInt8], _ second: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: context + first + second, using: key))
    }
}
