/// What a policy rule is checked against: the principal's roles and project binding, and the
/// project the request acts on.
public struct PolicyCredentials: Sendable, Equatable {
    /// Role names, lowercased.
    public var roles: Set<String>
    /// The project the credentials are bound to; `nil` when the request's project header decides.
    public var boundProject: String?
    /// The project the request acts on (its `X-Project-ID`).
    public var requestProject: String

    /// Credentials with `roles` (lowercased here), bound to `boundProject`, acting on `requestProject`.
    public init(roles: Set<String>, boundProject: String? = nil, requestProject: String) {
        self.roles = Set(roles.map { $0.lowercased() })
        self.boundProject = boundProject
        self.requestProject = requestProject
    }

    /// The credentials of `principal` making a request on `project`.
    public init(principal: Principal, project: String) {
        self.init(roles: principal.roles, boundProject: principal.project, requestProject: project)
    }
}
