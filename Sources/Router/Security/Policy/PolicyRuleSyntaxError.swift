/// Why a policy rule text does not parse, and where: `column` is the 1-based position (in
/// characters) of the offending token, or one past the end when the rule ends too early.
public struct PolicyRuleSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Equatable, Sendable {
        /// A check, `not` or `(` was expected; `found` is the token seen instead (`nil`: the end).
        case expectedCheck(found: String?)
        /// A complete rule is followed by `found` instead of `and`, `or`, `)` or the end.
        case expectedOperator(found: String)
        /// A `(` is never closed.
        case unclosedParenthesis
        /// A `)` closes no `(`.
        case unexpectedClosingParenthesis
        /// A word that is neither an operator, `@`, `!` nor `kind:match`.
        case malformedCheck(String)
        /// A `kind:match` check of a kind Herald does not know (it knows `role`, `rule`,
        /// `project_id` and `is_admin`).
        case unsupportedCheckKind(String)
        /// A known kind with a match it cannot evaluate (e.g. `project_id:%(user_id)s`).
        case unsupportedMatch(kind: String, match: String)
    }

    /// What is wrong.
    public var problem: Problem
    /// 1-based character position of the problem in the rule text.
    public var column: Int

    /// A syntax error of kind `problem` at `column`.
    public init(_ problem: Problem, column: Int) {
        self.problem = problem
        self.column = column
    }

    /// E.g. "expected a check (such as role:admin), `not` or `(` but found `and` at column 7".
    public var description: String {
        "\(message) at column \(column)"
    }

    private var message: String {
        let check = "a check (such as role:admin), `not` or `(`"
        switch problem {
        case .expectedCheck(nil): return "expected \(check) but the rule ends"
        case .expectedCheck(let found?): return "expected \(check) but found `\(found)`"
        case .expectedOperator(let found): return "expected `and`, `or`, `)` or the end of the rule but found `\(found)`"
        case .unclosedParenthesis: return "`(` is never closed"
        case .unexpectedClosingParenthesis: return "`)` closes no `(`"
        case .malformedCheck(let word): return "`\(word)` is not a check (write kind:match, e.g. role:admin)"
        case .unsupportedCheckKind(let kind):
            return "unsupported check kind `\(kind)` (known: role, rule, project_id, is_admin)"
        case .unsupportedMatch(let kind, let match):
            switch kind {
            case "project_id": return "`project_id:\(match)` is not supported (use project_id:%(project_id)s or a project id)"
            case "is_admin": return "`is_admin:\(match)` is not supported (use is_admin:True or is_admin:False)"
            default: return "`\(kind):\(match)` is not supported (\(kind) takes a name without parentheses; put spaces around and, or, not)"
            }
        }
    }
}
