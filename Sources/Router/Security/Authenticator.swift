import HTTPTypes
import Hummingbird
import Shared

/// How the router authenticates requests (`[DEFAULT] auth_strategy`).
public enum AuthMode: Sendable {
    /// Trusts the `X-Project-ID` and `X-Roles` headers, as Zaqar without Keystone does: for
    /// development only (the router refuses it on non-loopback addresses unless forced).
    case noauth
    /// Requires a bearer token (`X-Auth-Token` or `Authorization: Bearer`) that `verifier`
    /// accepts; the project, roles and user come from the token, never from headers.
    case token(TokenVerifier)

    /// Whether `host` only accepts connections from this machine (`localhost`, `127.x.y.z`,
    /// `::1`): the only addresses `noauth` is safe on.
    public static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCII) && UInt8(octet) != nil
        }
    }
}

/// Establishes the ``Principal`` of a request. Runs first in the pipeline (before the header
/// checks of spec §1.2), so missing or bad credentials answer 401 before anything else; it is
/// skipped for `/` and replaced by the grant for verified pre-signed requests. Other headers
/// (`EXTRA-SPEC` included) never skip it.
struct Authenticator: Sendable {
    let mode: AuthMode
    /// The time token expiries are compared with.
    var clock: any WallClock = SystemWallClock()

    /// The principal of `request`, or `nil` for routes that need none (`/`).
    func authenticate(_ request: Request, route: Route, grant: SignedURLScope?) throws(APIError) -> Principal? {
        guard route != .root else { return nil }
        if grant != nil { return Principal(project: nil, roles: [], source: .signature) }
        switch mode {
        case .noauth:
            return Principal(project: nil, roles: Self.headerRoles(request.headers), source: .headers)
        case .token(let verifier):
            return try Self.tokenPrincipal(request.headers, verifier: verifier, nowSeconds: clock.nowMillis() / 1000)
        }
    }

    /// The principal of a bearer token in `headers`; `X-Roles` and the other identity headers
    /// are ignored.
    static func tokenPrincipal(_ headers: HTTPFields, verifier: TokenVerifier, nowSeconds: Int64) throws(APIError) -> Principal {
        switch BearerCredentials.extract(headers) {
        case .absent:
            throw .authenticationRequired
        case .unusable(let reason):
            throw .invalidToken(reason.prefix(1).uppercased() + reason.dropFirst() + ".")
        case .token(let token):
            do {
                let claims = try verifier.verify(token, nowSeconds: nowSeconds)
                return Principal(project: claims.project, roles: Set(claims.roles), userID: claims.userID, source: .token)
            } catch {
                throw .invalidToken(error.description)
            }
        }
    }

    /// The roles listed in `X-Roles` headers (comma-separated, trimmed, lowercased).
    static func headerRoles(_ headers: HTTPFields) -> Set<String> {
        var roles: Set<String> = []
        for value in headers[values: .roles] {
            for role in value.split(separator: ",") {
                let name = String(role).trimmingASCIISpaces().lowercased()
                if !name.isEmpty { roles.insert(name) }
            }
        }
        return roles
    }
}

extension APIError {
    /// 401 for a request without a bearer token (token mode).
    static let authenticationRequired = APIError(
        status: .unauthorized, title: "Authentication required",
        description: "This request needs a bearer token, in the X-Auth-Token header or as Authorization: Bearer <token>.",
        headers: [.wwwAuthenticate: #"Bearer realm="herald""#])

    /// 401 for a bearer token that does not verify; `reason` says what is wrong with the token.
    static func invalidToken(_ reason: String) -> APIError {
        APIError(
            status: .unauthorized, title: "Invalid token", description: reason,
            headers: [.wwwAuthenticate: #"Bearer realm="herald", error="invalid_token""#])
    }
}
