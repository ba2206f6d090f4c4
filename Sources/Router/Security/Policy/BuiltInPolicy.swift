extension Policy {
    /// The base rules of the built-in policy, as Zaqar defines them.
    static let baseRuleTexts: [(name: String, rule: String)] = [
        ("context_is_admin", "role:admin"),
        ("admin_or_owner", "is_admin:True or project_id:%(project_id)s"),
        ("unprotected", ""),
        (defaultRuleName, "rule:admin_or_owner"),
    ]

    /// Every rule of the built-in policy in order: the base rules, then one rule per action (the
    /// reference defaults of spec §4.5: pools, flavor changes, health, diagnostics, the queue → pool lookup, moves, drains and
    /// the operator page need `rule:context_is_admin`, everything else is open). `deploy/policy.yaml` ships the same.
    public static let builtInRuleTexts: [(name: String, rule: String)] =
        baseRuleTexts + PolicyAction.allCases.map { ($0.name, $0.builtInRule) }

    /// The policy used without a policy file.
    public static let builtIn: Policy = {
        do {
            return try Policy(rules: Dictionary(builtInRuleTexts.map { ($0.name, $0.rule) }, uniquingKeysWith: { $1 }))
        } catch {
            fatalError("the built-in policy does not load: \(error)")
        }
    }()
}

extension PolicyAction {
    /// The rule text of this action in the built-in policy.
    var builtInRule: String {
        switch self {
        case .health, .diagnostics, .queuesGetPool, .queuesMove, .poolsGetAll, .poolsCreate, .poolsGet, .poolsUpdate,
            .poolsDelete, .poolsDrain, .flavorsCreate, .flavorsUpdate, .flavorsDelete, .operatorGet:
            return "rule:context_is_admin"
        default:
            return ""
        }
    }
}
