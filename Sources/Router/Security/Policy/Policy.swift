/// An authorization policy: rules by name (oslo.policy style), each action checked by the rule
/// named after it (e.g. `queues:create`), or by the rule `default` when the policy has none.
///
/// Building a policy parses every rule and checks that each `rule:` reference names a rule of
/// the policy and that no references form a cycle, so evaluation always terminates.
public struct Policy: Sendable {
    /// The rule that decides actions the policy does not name.
    public static let defaultRuleName = "default"

    /// The parsed rules by name.
    public let rules: [String: PolicyRule]

    /// Parses `texts` (rule name → rule text); throws the first problem in name order.
    public init(rules texts: [String: String]) throws(PolicyLoadError) {
        var parsed: [String: PolicyRule] = [:]
        for name in texts.keys.sorted() {
            do {
                parsed[name] = try PolicyRuleParser.parse(texts[name]!)
            } catch {
                throw .syntax(rule: name, error)
            }
        }
        try PolicyReferenceCheck.check(parsed)
        rules = parsed
    }

    /// The built-in policy with `overrides` replacing or adding rules by name (as a policy file
    /// changes oslo.policy's registered defaults).
    public init(overridingBuiltIn overrides: [String: String]) throws(PolicyLoadError) {
        let texts = Dictionary(Self.builtInRuleTexts.map { ($0.name, $0.rule) }, uniquingKeysWith: { $1 })
        try self.init(rules: texts.merging(overrides) { $1 })
    }

    /// Whether `credentials` may perform the action named `name`. Without a rule of that name the
    /// `default` rule decides; without that either, nobody may.
    public func allows(_ name: String, _ credentials: PolicyCredentials) -> Bool {
        guard let rule = rules[name] ?? rules[Self.defaultRuleName] else { return false }
        return rule.evaluate(credentials) { rules[$0] }
    }

    /// Whether `credentials` may perform `action`.
    func allows(_ action: PolicyAction, _ credentials: PolicyCredentials) -> Bool {
        allows(action.name, credentials)
    }
}

/// Checks the `rule:` references of a set of parsed rules: every reference resolves and none
/// forms a cycle.
enum PolicyReferenceCheck {
    private enum Visit { case inProgress, done }

    static func check(_ rules: [String: PolicyRule]) throws(PolicyLoadError) {
        let names = rules.keys.sorted()
        for name in names {
            for reference in rules[name]!.references where rules[reference] == nil {
                throw .unknownReference(rule: name, reference: reference)
            }
        }
        var visits: [String: Visit] = [:]
        var path: [String] = []
        func visit(_ name: String) throws(PolicyLoadError) {
            switch visits[name] {
            case .done?: return
            case .inProgress?:
                let start = path.firstIndex(of: name) ?? 0
                throw .referenceCycle(Array(path[start...]) + [name])
            case nil:
                visits[name] = .inProgress
                path.append(name)
                for reference in rules[name]?.references ?? [] { try visit(reference) }
                path.removeLast()
                visits[name] = .done
            }
        }
        for name in names { try visit(name) }
    }
}
