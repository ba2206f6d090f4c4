import ArgumentParser
import Foundation
import Shared

/// `herald token`: mints a bearer token for routers running with `--auth token` and prints it.
/// It signs locally with the operator's key and never talks to a router.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Mint a bearer token for routers in token mode (prints it).",
        discussion: """
            The key is an HS256 secret (--secret, default $HERALD_TOKEN_SECRET; the routers' --token-secret) \
            or a PEM private key file (--private-key; P-256 signs ES256, RSA signs RS256; the routers get the \
            public key with --token-public-key). Send the token as X-Auth-Token or Authorization: Bearer.
            """)

    @Option(help: "Project the token is bound to (its requests act in this project only).")
    var project: String

    @Option(name: .customLong("role"), help: "A role of the token, e.g. admin (repeatable).")
    var roles: [String] = []

    @Option(help: "User id written as the token subject (sub).")
    var user: String?

    @Option(help: "Lifetime: 3600, 3600s, 30m, 1h or 7d (at most 366 days).")
    var ttl = "1h"

    @Option(help: "HS256 secret (default $HERALD_TOKEN_SECRET); prefer the variable, arguments are visible to other users.")
    var secret: String?

    @Option(help: "PEM file of a P-256 (ES256) or RSA (RS256) private key, instead of a secret.")
    var privateKey: String?

    @Option(help: "Issuer (iss) to write, when the routers check one (default $HERALD_TOKEN_ISSUER).")
    var issuer: String?

    @Option(help: "Audience (aud) to write, when the routers check one (default $HERALD_TOKEN_AUDIENCE).")
    var audience: String?

    func validate() throws {
        guard !project.isEmpty, project.count <= 256 else { throw ValidationError("--project must be 1 to 256 characters") }
        guard TokenLifetime.seconds(ttl) != nil else {
            throw ValidationError("--ttl must be a positive duration such as 3600, 30m, 1h or 7d, at most 366 days")
        }
        if secret != nil, privateKey != nil { throw ValidationError("give either --secret or --private-key, not both") }
        if privateKey == nil, TokenCredentials.secret(secret) == nil {
            throw ValidationError("no signing key: give --private-key FILE, --secret or $HERALD_TOKEN_SECRET")
        }
    }

    func run() throws {
        do {
            print(try mint())
        } catch {
            Output.error(error.description)
            throw ExitCode.failure
        }
    }

    /// The signed token the options describe.
    private func mint() throws(CLIError) -> String {
        let claims = TokenMinter.claims(
            project: project, roles: roles, userID: user,
            issuer: issuer ?? TokenCredentials.environment("HERALD_TOKEN_ISSUER"),
            audience: (audience ?? TokenCredentials.environment("HERALD_TOKEN_AUDIENCE")).map { [$0] } ?? [],
            nowSeconds: SystemWallClock().nowMillis() / 1000, lifetime: TokenLifetime.seconds(ttl) ?? 3600)
        let key = try signingKey()
        do {
            return try TokenMinter(key: key).mint(claims)
        } catch {
            throw .credentials(error.description)
        }
    }

    /// The key of `--private-key`, else the HS256 secret.
    private func signingKey() throws(CLIError) -> TokenSigningKey {
        guard let privateKey else {
            do {
                return try .secret(TokenCredentials.secret(secret) ?? "")
            } catch {
                throw .credentials(error.description)
            }
        }
        guard let pem = try? String(contentsOfFile: privateKey, encoding: .utf8) else {
            throw .credentials("cannot read the private key file \(privateKey)")
        }
        do {
            return try .privateKey(pem: pem)
        } catch {
            throw .credentials("\(privateKey): \(error.description)")
        }
    }
}
