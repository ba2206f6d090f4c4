/// Parses oslo.policy rule texts (the subset Herald evaluates) into ``PolicyRule`` values.
///
/// Grammar, loosest first: `or`, then `and`, then `not`, then parentheses and checks. Operators
/// are case-insensitive words (separated by whitespace); checks are `@` (allow), `!` (deny), `role:<name>`, `rule:<name>`,
/// `project_id:%(project_id)s`, `project_id:<id>`, `is_admin:True|False`. An empty (or blank)
/// rule allows everyone.
enum PolicyRuleParser {
    /// The rule `text` stands for.
    static func parse(_ text: String) throws(PolicyRuleSyntaxError) -> PolicyRule {
        var parser = Parser(tokens: PolicyRuleTokenizer.tokens(of: text), endColumn: text.count + 1)
        return try parser.parseRule()
    }

    private struct Parser {
        let tokens: [PolicyRuleToken]
        let endColumn: Int
        var index = 0

        init(tokens: [PolicyRuleToken], endColumn: Int) {
            self.tokens = tokens
            self.endColumn = endColumn
        }

        var current: PolicyRuleToken? { index < tokens.count ? tokens[index] : nil }

        mutating func parseRule() throws(PolicyRuleSyntaxError) -> PolicyRule {
            guard !tokens.isEmpty else { return .allow }
            let rule = try parseOr()
            if let token = current {
                if token.kind == .close { throw PolicyRuleSyntaxError(.unexpectedClosingParenthesis, column: token.column) }
                throw PolicyRuleSyntaxError(.expectedOperator(found: token.text), column: token.column)
            }
            return rule
        }

        mutating func parseOr() throws(PolicyRuleSyntaxError) -> PolicyRule {
            var rule = try parseAnd()
            while current?.kind == .or {
                index += 1
                rule = .or(rule, try parseAnd())
            }
            return rule
        }

        mutating func parseAnd() throws(PolicyRuleSyntaxError) -> PolicyRule {
            var rule = try parseNot()
            while current?.kind == .and {
                index += 1
                rule = .and(rule, try parseNot())
            }
            return rule
        }

        mutating func parseNot() throws(PolicyRuleSyntaxError) -> PolicyRule {
            guard current?.kind == .not else { return try parseAtom() }
            index += 1
            return .not(try parseNot())
        }

        mutating func parseAtom() throws(PolicyRuleSyntaxError) -> PolicyRule {
            guard let token = current else { throw PolicyRuleSyntaxError(.expectedCheck(found: nil), column: endColumn) }
            switch token.kind {
            case .open:
                index += 1
                let rule = try parseOr()
                guard let next = current else { throw PolicyRuleSyntaxError(.unclosedParenthesis, column: token.column) }
                guard next.kind == .close else {
                    throw PolicyRuleSyntaxError(.expectedOperator(found: next.text), column: next.column)
                }
                index += 1
                return rule
            case .word:
                index += 1
                return try Self.check(token)
            case .close, .and, .or, .not:
                throw PolicyRuleSyntaxError(.expectedCheck(found: token.text), column: token.column)
            }
        }

        /// The check a word stands for.
        static func check(_ token: PolicyRuleToken) throws(PolicyRuleSyntaxError) -> PolicyRule {
            let word = token.text
            if word == "@" { return .allow }
            if word == "!" { return .deny }
            guard let colon = word.firstIndex(of: ":"), colon != word.startIndex, word.index(after: colon) != word.endIndex
            else { throw PolicyRuleSyntaxError(.malformedCheck(word), column: token.column) }
            let kind = String(word[..<colon])
            let match = String(word[word.index(after: colon)...])
            let unsupported = PolicyRuleSyntaxError(.unsupportedMatch(kind: kind, match: match), column: token.column)
            switch kind {
            case "role":
                guard !Self.hasParenthesis(match) else { throw unsupported }
                return .role(match.lowercased())
            case "rule":
                guard !Self.hasParenthesis(match) else { throw unsupported }
                return .rule(match)
            case "project_id":
                if match == "%(project_id)s" { return .ownsRequestProject }
                guard !Self.hasParenthesis(match) else { throw unsupported }
                return .project(match)
            case "is_admin":
                switch match.lowercased() {
                case "true": return .isAdmin(true)
                case "false": return .isAdmin(false)
                default: throw unsupported
                }
            default:
                throw PolicyRuleSyntaxError(.unsupportedCheckKind(kind), column: token.column)
            }
        }

        /// Names never contain parentheses: `role:a)and(role:b` is a spacing mistake, and
        /// `%(...)s` substitutions other than `%(project_id)s` are not supported.
        private static func hasParenthesis(_ match: String) -> Bool {
            match.contains("(") || match.contains(")")
        }
    }
}
