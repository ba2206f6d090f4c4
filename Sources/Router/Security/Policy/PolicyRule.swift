/// A parsed policy rule (the oslo.policy subset Herald understands, see ``PolicyRuleParser``).
public indirect enum PolicyRule: Equatable, Sendable {
    /// `""` or `@`: everyone.
    case allow
    /// `!`: nobody.
    case deny
    /// `role:<name>`: the principal has the role (names are compared lowercased).
    case role(String)
    /// `rule:<name>`: the rule of that name in the same policy.
    case rule(String)
    /// `project_id:%(project_id)s`: the principal's credentials are bound to the request's project
    /// (always true when the project comes from the request itself: `noauth` and pre-signed URLs).
    case ownsRequestProject
    /// `project_id:<literal>`: the request acts on that project.
    case project(String)
    /// `is_admin:True` / `is_admin:False`: whether the principal has the `admin` role.
    case isAdmin(Bool)
    /// `not <rule>`.
    case not(PolicyRule)
    /// `<rule> and <rule>`.
    case and(PolicyRule, PolicyRule)
    /// `<rule> or <rule>`.
    case or(PolicyRule, PolicyRule)

    /// Whether `credentials` satisfy the rule; `rule:` references are looked up with `lookup`
    /// (an unknown reference is false, as in oslo.policy).
    func evaluate(_ credentials: PolicyCredentials, lookup: (String) -> PolicyRule?) -> Bool {
        switch self {
        case .allow: return true
        case .deny: return false
        case .role(let name): return credentials.roles.contains(name)
        case .rule(let name): return lookup(name)?.evaluate(credentials, lookup: lookup) ?? false
        case .ownsRequestProject: return credentials.boundProject.map { $0 == credentials.requestProject } ?? true
        case .project(let project): return credentials.requestProject == project
        case .isAdmin(let expected): return credentials.roles.contains("admin") == expected
        case .not(let rule): return !rule.evaluate(credentials, lookup: lookup)
        case .and(let left, let right):
            return left.evaluate(credentials, lookup: lookup) && right.evaluate(credentials, lookup: lookup)
        case .or(let left, let right):
            return left.evaluate(credentials, lookup: lookup) || right.evaluate(credentials, lookup: lookup)
        }
    }

    /// The names of the rules this rule references with `rule:`, in order of appearance.
    var references: [String] {
        switch self {
        case .allow, .deny, .role, .ownsRequestProject, .project, .isAdmin: return []
        case .rule(let name): return [name]
        case .not(let rule): return rule.references
        case .and(let left, let right), .or(let left, let right): return left.references + right.references
        }
    }
}
