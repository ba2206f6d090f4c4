import HTTPTypes
import Hummingbird
import Shared

/// How the router authenticates requests (`[DEFAULT] auth_strategy`).
public enum AuthMode: Sendable, Equatable {
    /// Trusts the `X-Project-ID` and `X-Roles` headers, as Zaqar without Keystone does: for
    /// development only.
    case noauth
}

/// Establishes the ``Principal`` of a request. Runs first in the pipeline (before the header
/// checks of spec §1.2), so missing or bad credentials answer 401 before anything else; it is
/// skipped for `/` and replaced by the grant for verified pre-signed requests.
struct Authenticator: Sendable {
    let mode: AuthMode

    /// The principal of `request`, or `nil` for routes that need none (`/`).
    func authenticate(_ request: Request, route: Route, grant: SignedURLScope?) throws(APIError) -> Principal? {
        guard route != .root else { return nil }
        if grant != nil { return Principal(project: nil, roles: [], source: .signature) }
        switch mode {
        case .noauth:
            return Principal(project: nil, roles: Self.headerRoles(request.headers), source: .headers)
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
