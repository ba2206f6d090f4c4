import XCTest

@testable import Router

/// The oslo.policy rule language subset: every construct, precedence and positioned errors.
final class PolicyRuleParserTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> PolicyRule? {
        do {
            return try PolicyRuleParser.parse(text)
        } catch {
            XCTFail("\"\(text)\" should parse: \(error)", file: file, line: line)
            return nil
        }
    }

    private func syntaxError(_ text: String) -> PolicyRuleSyntaxError? {
        do {
            let rule = try PolicyRuleParser.parse(text)
            XCTFail("\"\(text)\" should not parse, got \(rule)")
            return nil
        } catch {
            return error
        }
    }

    func testChecks() {
        XCTAssertEqual(parse(""), .allow)
        XCTAssertEqual(parse("   "), .allow)
        XCTAssertEqual(parse("@"), .allow)
        XCTAssertEqual(parse("!"), .deny)
        XCTAssertEqual(parse("role:admin"), .role("admin"))
        XCTAssertEqual(parse("role:Poster"), .role("poster"), "role names compare case-insensitively")
        XCTAssertEqual(parse("rule:context_is_admin"), .rule("context_is_admin"))
        XCTAssertEqual(parse("project_id:%(project_id)s"), .ownsRequestProject)
        XCTAssertEqual(parse("project_id:tenant-a"), .project("tenant-a"))
        XCTAssertEqual(parse("is_admin:True"), .isAdmin(true))
        XCTAssertEqual(parse("is_admin:false"), .isAdmin(false))
        XCTAssertEqual(parse("role:a:b"), .role("a:b"), "the kind ends at the first colon")
    }

    func testOperatorsAndParentheses() {
        XCTAssertEqual(parse("role:a and role:b"), .and(.role("a"), .role("b")))
        XCTAssertEqual(parse("role:a or role:b"), .or(.role("a"), .role("b")))
        XCTAssertEqual(parse("not role:a"), .not(.role("a")))
        XCTAssertEqual(parse("not not role:a"), .not(.not(.role("a"))))
        XCTAssertEqual(parse("(role:a)"), .role("a"))
        XCTAssertEqual(parse("((role:a))"), .role("a"))
        XCTAssertEqual(parse("role:a AND role:b Or NOT role:c"), .or(.and(.role("a"), .role("b")), .not(.role("c"))))
        XCTAssertEqual(parse("(role:a or role:b) and (role:c)"), .and(.or(.role("a"), .role("b")), .role("c")))
        XCTAssertEqual(parse("((not role:a) or (role:b))"), .or(.not(.role("a")), .role("b")), "parentheses stick to words")
        XCTAssertEqual(parse("(project_id:%(project_id)s)"), .ownsRequestProject, "inner parentheses belong to the check")
        XCTAssertEqual(parse("\trole:a\n or\u{00A0}role:b "), .or(.role("a"), .role("b")), "any whitespace separates")
    }

    func testPrecedence() {
        XCTAssertEqual(parse("role:a or role:b and role:c"), .or(.role("a"), .and(.role("b"), .role("c"))), "and binds tighter than or")
        XCTAssertEqual(parse("role:a and role:b or role:c"), .or(.and(.role("a"), .role("b")), .role("c")))
        XCTAssertEqual(parse("not role:a and role:b"), .and(.not(.role("a")), .role("b")), "not binds tightest")
        XCTAssertEqual(parse("not (role:a and role:b)"), .not(.and(.role("a"), .role("b"))))
        XCTAssertEqual(parse("(role:a or role:b) and role:c"), .and(.or(.role("a"), .role("b")), .role("c")))
        XCTAssertEqual(parse("role:a or role:b or role:c"), .or(.or(.role("a"), .role("b")), .role("c")), "left-associative")
        XCTAssertEqual(parse("role:a and role:b and role:c"), .and(.and(.role("a"), .role("b")), .role("c")))
    }

    func testErrorsCarryTheirColumn() {
        let cases: [(String, PolicyRuleSyntaxError)] = [
            ("role:a and", PolicyRuleSyntaxError(.expectedCheck(found: nil), column: 11)),
            ("and role:a", PolicyRuleSyntaxError(.expectedCheck(found: "and"), column: 1)),
            ("role:a or or role:b", PolicyRuleSyntaxError(.expectedCheck(found: "or"), column: 11)),
            ("not", PolicyRuleSyntaxError(.expectedCheck(found: nil), column: 4)),
            ("()", PolicyRuleSyntaxError(.expectedCheck(found: ")"), column: 2)),
            ("role:a role:b", PolicyRuleSyntaxError(.expectedOperator(found: "role:b"), column: 8)),
            ("(role:a role:b)", PolicyRuleSyntaxError(.expectedOperator(found: "role:b"), column: 9)),
            ("(role:a or (role:b)", PolicyRuleSyntaxError(.unclosedParenthesis, column: 1)),
            ("role:a)", PolicyRuleSyntaxError(.unexpectedClosingParenthesis, column: 7)),
            ("admin", PolicyRuleSyntaxError(.malformedCheck("admin"), column: 1)),
            ("role:a or :b", PolicyRuleSyntaxError(.malformedCheck(":b"), column: 11)),
            ("role:", PolicyRuleSyntaxError(.malformedCheck("role:"), column: 1)),
            ("role:a or user_id:%(user_id)s", PolicyRuleSyntaxError(.unsupportedCheckKind("user_id"), column: 11)),
            ("Role:admin", PolicyRuleSyntaxError(.unsupportedCheckKind("Role"), column: 1)),
            ("project_id:%(user_id)s", PolicyRuleSyntaxError(.unsupportedMatch(kind: "project_id", match: "%(user_id)s"), column: 1)),
            ("is_admin:yes", PolicyRuleSyntaxError(.unsupportedMatch(kind: "is_admin", match: "yes"), column: 1)),
            ("role:%(role)s", PolicyRuleSyntaxError(.unsupportedMatch(kind: "role", match: "%(role)s"), column: 1)),
            ("(role:a)or(role:b)", PolicyRuleSyntaxError(.unsupportedMatch(kind: "role", match: "a)or(role:b"), column: 2)),
            ("rule:x(", PolicyRuleSyntaxError(.unsupportedMatch(kind: "rule", match: "x("), column: 1)),
            ("project_id:(p)", PolicyRuleSyntaxError(.unsupportedMatch(kind: "project_id", match: "(p"), column: 1)),
            (")(", PolicyRuleSyntaxError(.malformedCheck(")("), column: 1)),
            ("((role:a)", PolicyRuleSyntaxError(.unclosedParenthesis, column: 1)),
            ("(role:a))", PolicyRuleSyntaxError(.unexpectedClosingParenthesis, column: 9)),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(syntaxError(text), expected, text)
        }
    }

    func testErrorDescriptionsNameTokenAndColumn() {
        XCTAssertEqual(
            syntaxError("role:a and or")?.description,
            "expected a check (such as role:admin), `not` or `(` but found `or` at column 12")
        XCTAssertEqual(syntaxError("(role:a")?.description, "`(` is never closed at column 1")
        XCTAssertEqual(
            syntaxError("user_id:x")?.description,
            "unsupported check kind `user_id` (known: role, rule, project_id, is_admin) at column 1")
    }

    func testColumnsCountCharactersNotBytes() {
        XCTAssertEqual(syntaxError("role:é role:b")?.column, 8)
    }
}
