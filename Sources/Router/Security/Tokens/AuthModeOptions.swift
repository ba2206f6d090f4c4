import Foundation
import Shared

/// The router's authentication flags (`--auth`, `--token-secret`, `--token-public-key`,
/// `--token-issuer`, `--token-audience`, `--allow-insecure-noauth`), checked together and turned
/// into an ``AuthMode``.
public struct AuthModeOptions: Sendable {
    /// Why the flags cannot start a router; the text is printed as a usage error.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        /// What is wrong, naming the flags to fix.
        public let description: String
    }

    /// Shortest HS256 secret accepted, in bytes (RFC 7518 §3.2 asks for at least the hash size;
    /// 16 keeps guessable passwords out without refusing short random hex).
    public static let minimumSecretLength = 16

    /// `token` or `noauth`.
    public var mode: String
    /// HS256 secret (already resolved from `$HERALD_TOKEN_SECRET` when the flag is absent).
    public var tokenSecret: String?
    /// Path of a PEM public key (P-256 → ES256, RSA → RS256).
    public var tokenPublicKeyFile: String?
    /// Required `iss` of tokens.
    public var tokenIssuer: String?
    /// Required `aud` of tokens.
    public var tokenAudience: String?
    /// The address the router listens on (`noauth` is refused unless it is loopback).
    public var host: String
    /// Starts `noauth` on any address.
    public var allowInsecureNoauth: Bool

    /// The flags as given on the command line.
    public init(
        mode: String, tokenSecret: String?, tokenPublicKeyFile: String?, tokenIssuer: String?, tokenAudience: String?,
        host: String, allowInsecureNoauth: Bool
    ) {
        self.mode = mode
        self.tokenSecret = tokenSecret
        self.tokenPublicKeyFile = tokenPublicKeyFile
        self.tokenIssuer = tokenIssuer
        self.tokenAudience = tokenAudience
        self.host = host
        self.allowInsecureNoauth = allowInsecureNoauth
    }

    /// The mode the flags describe, or why they are unusable.
    public func authMode() throws(Invalid) -> AuthMode {
        switch mode {
        case "noauth":
            guard allowInsecureNoauth || AuthMode.isLoopback(host: host) else {
                throw Invalid(
                    description: """
                        --auth noauth trusts the X-Project-ID and X-Roles headers of every client, so it only \
                        listens on loopback addresses; use --auth token (see README, Authentication), or add \
                        --allow-insecure-noauth to serve \(host) without authentication anyway
                        """)
            }
            return .noauth
        case "token":
            return .token(try verifier())
        default:
            throw Invalid(description: "--auth must be token or noauth")
        }
    }

    private func verifier() throws(Invalid) -> TokenVerifier {
        var keys: [TokenVerificationKey] = []
        if let tokenSecret, !tokenSecret.isEmpty {
            guard tokenSecret.utf8.count >= Self.minimumSecretLength else {
                throw Invalid(description: "--token-secret must be at least \(Self.minimumSecretLength) bytes (use a long random value)")
            }
            guard let key = try? TokenVerificationKey.secret(tokenSecret) else {
                throw Invalid(description: "--token-secret is unusable")
            }
            keys.append(key)
        }
        if let tokenPublicKeyFile {
            guard let pem = try? String(contentsOfFile: tokenPublicKeyFile, encoding: .utf8) else {
                throw Invalid(description: "cannot read --token-public-key \(tokenPublicKeyFile)")
            }
            do {
                keys.append(try TokenVerificationKey.publicKey(pem: pem))
            } catch {
                throw Invalid(description: "--token-public-key \(tokenPublicKeyFile): \(error.description)")
            }
        }
        guard !keys.isEmpty else {
            throw Invalid(
                description: """
                    --auth token needs a key: --token-secret (or $HERALD_TOKEN_SECRET) for HS256 tokens and/or \
                    --token-public-key FILE for ES256/RS256 tokens
                    """)
        }
        return TokenVerifier(
            keys: keys, issuer: tokenIssuer.flatMap { $0.isEmpty ? nil : $0 },
            audience: tokenAudience.flatMap { $0.isEmpty ? nil : $0 })
    }
}
