import XCTest

@testable import Router

/// Evaluating rules against credentials, named-rule lookup with `default`, and the checks made
/// when a policy is built (references resolve, no cycles).
final class PolicyEvaluationTests: XCTestCase {
    private let member = PolicyCredentials(roles: ["member"], requestProject: "p1")
    private let admin = PolicyCredentials(roles: ["Admin"], requestProject: "p1")

    private func allows(_ text: String, _ credentials: PolicyCredentials) throws -> Bool {
        try Policy(rules: ["action": text]).allows("action", credentials)
    }

    func testChecks() throws {
        XCTAssertTrue(try allows("", member))
        XCTAssertTrue(try allows("@", member))
        XCTAssertFalse(try allows("!", admin))
        XCTAssertTrue(try allows("role:admin", admin), "roles of the credentials are lowercased")
        XCTAssertTrue(try allows("role:ADMIN", admin))
        XCTAssertFalse(try allows("role:admin", member))
        XCTAssertTrue(try allows("is_admin:True", admin))
        XCTAssertFalse(try allows("is_admin:True", member))
        XCTAssertTrue(try allows("is_admin:False", member))
        XCTAssertTrue(try allows("project_id:p1", member))
        XCTAssertFalse(try allows("project_id:p2", member))
    }

    func testProjectOwnership() throws {
        let rule = "project_id:%(project_id)s"
        XCTAssertTrue(try allows(rule, member), "unbound credentials (noauth, pre-signed) own the request's project")
        XCTAssertTrue(try allows(rule, PolicyCredentials(roles: [], boundProject: "p1", requestProject: "p1")))
        XCTAssertFalse(try allows(rule, PolicyCredentials(roles: [], boundProject: "p2", requestProject: "p1")))
        let principal = Principal(project: "p2", roles: ["Member"], source: .token)
        let credentials = PolicyCredentials(principal: principal, project: "p1")
        XCTAssertEqual(credentials.roles, ["member"])
        XCTAssertFalse(try allows(rule, credentials))
    }

    func testOperators() throws {
        let both = PolicyCredentials(roles: ["a", "b"], requestProject: "p")
        XCTAssertTrue(try allows("role:a and role:b", both))
        XCTAssertFalse(try allows("role:a and role:c", both))
        XCTAssertTrue(try allows("role:c or role:b", both))
        XCTAssertFalse(try allows("role:c or role:d", both))
        XCTAssertFalse(try allows("not role:a", both))
        XCTAssertTrue(try allows("not role:c", both))
        XCTAssertTrue(try allows("role:c or role:a and role:b", both))
        XCTAssertFalse(try allows("(role:c or role:a) and role:d", both))
        XCTAssertTrue(try allows("not role:c and role:a", both), "not applies to role:c only")
    }

    func testRulesReferenceEachOther() throws {
        let policy = try Policy(rules: [
            "is_poster": "role:poster",
            "can_post": "rule:is_poster or rule:is_admin",
            "is_admin": "role:admin",
            "messages:create": "rule:can_post",
        ])
        XCTAssertTrue(policy.allows("messages:create", PolicyCredentials(roles: ["poster"], requestProject: "p")))
        XCTAssertTrue(policy.allows("messages:create", admin))
        XCTAssertFalse(policy.allows("messages:create", member))
    }

    func testMissingActionsUseTheDefaultRule() throws {
        let open = try Policy(rules: ["default": "role:member", "queues:create": "role:admin"])
        XCTAssertTrue(open.allows("queues:get", member), "unnamed actions fall back to default")
        XCTAssertFalse(open.allows("queues:get", admin))
        XCTAssertFalse(open.allows("queues:create", member), "a named action ignores default")
        let noDefault = try Policy(rules: ["queues:create": ""])
        XCTAssertFalse(noDefault.allows("queues:get", admin), "without default, unnamed actions are refused")
        XCTAssertTrue(noDefault.allows("queues:create", member))
    }

    func testLoadErrors() {
        func loadError(_ rules: [String: String]) -> PolicyLoadError? {
            do {
                _ = try Policy(rules: rules)
                XCTFail("\(rules) should not load")
                return nil
            } catch {
                return error
            }
        }
        XCTAssertEqual(
            loadError(["a": "role:x", "b": "role:x and"]),
            .syntax(rule: "b", PolicyRuleSyntaxError(.expectedCheck(found: nil), column: 11)))
        XCTAssertEqual(loadError(["a": "rule:missing"]), .unknownReference(rule: "a", reference: "missing"))
        XCTAssertEqual(loadError(["a": "rule:a"]), .referenceCycle(["a", "a"]))
        XCTAssertEqual(
            loadError(["a": "role:x or rule:b", "b": "not rule:c", "c": "rule:a", "d": "rule:a"]),
            .referenceCycle(["a", "b", "c", "a"]))
        XCTAssertEqual(
            loadError(["a": "rule:b", "b": "rule:c", "c": "rule:b"])?.description,
            "rules reference each other in a cycle: b -> c -> b")
        XCTAssertNotNil(try? Policy(rules: ["a": "rule:b and rule:c", "b": "rule:c", "c": ""]), "shared references are no cycle")
    }

    func testBuiltInPolicyIsTheReferenceDefault() {
        let policy = Policy.builtIn
        let adminOnly: Set<PolicyAction> = [
            .health, .diagnostics, .queuesGetPool, .queuesMove, .poolsGetAll, .poolsCreate, .poolsGet, .poolsUpdate,
            .poolsDelete, .poolsDrain, .flavorsCreate, .flavorsUpdate, .flavorsDelete, .operatorGet,
        ]
        for action in PolicyAction.allCases {
            XCTAssertNotNil(policy.rules[action.name], "\(action.name) has a built-in rule")
            XCTAssertTrue(policy.allows(action, admin), action.name)
            XCTAssertEqual(policy.allows(action, member), !adminOnly.contains(action), action.name)
            let signed = PolicyCredentials(principal: Principal(project: nil, roles: [], source: .signature), project: "p1")
            XCTAssertEqual(policy.allows(action, signed), !adminOnly.contains(action), action.name)
        }
        XCTAssertEqual(policy.rules["context_is_admin"], .role("admin"))
        XCTAssertEqual(policy.rules[Policy.defaultRuleName], .rule("admin_or_owner"))
    }
}
