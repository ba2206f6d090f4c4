import Foundation
import Shared

/// The bearer token the admin commands send, for routers in token mode: `--token`, else
/// `$HERALD_TOKEN`, else — when `$HERALD_TOKEN_SECRET` holds the routers' HS256 secret — a token
/// minted on the spot for the command's project with the `admin` role, valid for
/// ``mintedLifetime`` seconds (issuer and audience from `$HERALD_TOKEN_ISSUER` and
/// `$HERALD_TOKEN_AUDIENCE`). Without any of them no token is sent (fine for `noauth` routers).
enum TokenCredentials {
    /// Lifetime of the tokens the CLI mints for itself.
    static let mintedLifetime: Int64 = 300
    /// The subject of the tokens the CLI mints for itself.
    static let mintedUser = "herald-cli"

    /// The token given with `--token` or `$HERALD_TOKEN`.
    static func givenToken(_ options: GlobalOptions) -> String? {
        if let token = options.token, !token.isEmpty { return token }
        return environment("HERALD_TOKEN")
    }

    /// The token to send as the admin of `project`, or `nil` when there is none.
    static func bearerToken(_ options: GlobalOptions, project: String) throws(CLIError) -> String? {
        if let token = givenToken(options) { return token }
        guard let secret = secret(nil) else { return nil }
        let claims = TokenMinter.claims(
            project: project, roles: ["admin"], userID: mintedUser, issuer: environment("HERALD_TOKEN_ISSUER"),
            audience: environment("HERALD_TOKEN_AUDIENCE").map { [$0] } ?? [],
            nowSeconds: SystemWallClock().nowMillis() / 1000, lifetime: mintedLifetime)
        do {
            return try TokenMinter(key: .secret(secret)).mint(claims)
        } catch {
            throw .credentials(error.description)
        }
    }

    /// The project claim of `token`, read without verifying it (only the router can), so that
    /// commands given a token act in its project unless told otherwise.
    static func unverifiedProject(of token: String) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Base64URL.decode(parts[1]), let claims = try? JSONValue.parse(payload) else {
            return nil
        }
        return (claims["project_id"] ?? claims["project"])?.stringValue
    }

    /// `explicit`, else `$HERALD_TOKEN_SECRET`; empty counts as none.
    static func secret(_ explicit: String?) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        return environment("HERALD_TOKEN_SECRET")
    }

    /// A non-empty environment variable.
    static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
