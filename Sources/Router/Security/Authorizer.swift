import HTTPTypes

/// The policy (RBAC) check of spec §1.2 step 10: may `principal` call `method` on `route`?
/// Runs after the header and name checks, before the handler; a refusal is 403 "Not authorized".
///
/// The built-in rule is the reference's default policy (spec §4.5): pools, flavor changes,
/// health and the queue → pool lookup need the `admin` role; everything else is open to the
/// project's principals.
struct Authorizer: Sendable {
    /// Throws 403 unless `principal` may call `method` on `route`.
    func authorize(_ route: Route, method: HTTPRequest.Method, principal: Principal) throws(APIError) {
        guard Self.needsAdmin(route, method: method), !principal.isAdmin else { return }
        throw .notAuthorized
    }

    /// Whether the default policy reserves `method` on `route` to admins.
    static func needsAdmin(_ route: Route, method: HTTPRequest.Method) -> Bool {
        switch route {
        case .health, .pools, .pool, .queuePool:
            return true
        case .flavor:
            return method == .put || method == .patch || method == .delete
        default:
            return false
        }
    }
}
