import HTTPTypes

/// The policy (RBAC) check of spec §1.2 step 10: may `principal` call `method` on `route` of
/// `project`? Runs after the header and name checks, before the handler; a refusal is 403
/// "Not authorized".
///
/// The action's rule comes from the policy in force in `policies` (the built-in policy, spec
/// §4.5, unless `--policy-file` names one), read afresh for every request so a reload applies
/// at once.
struct Authorizer: Sendable {
    /// The policy in force.
    let policies: PolicyStore

    /// Throws 403 unless the policy lets `principal` call `method` on `route` in `project`.
    /// OPTIONS and `/` are never authorized here (they are answered before this check).
    func authorize(_ route: Route, method: HTTPRequest.Method, principal: Principal, project: String) throws(APIError) {
        guard let action = PolicyAction(route, method: method),
            policies.policy.allows(action, PolicyCredentials(principal: principal, project: project))
        else { throw .notAuthorized }
    }
}
