import Foundation
import XCTest

@testable import Router

/// Policy files: YAML parsing and its errors, overriding the built-in policy, and the shipped
/// `deploy/policy.yaml` matching the built-in policy.
final class PolicyFileTests: XCTestCase {
    private static let deployPolicy = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy/policy.yaml")

    private func loadError(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> PolicyLoadError? {
        do {
            _ = try PolicyFile.load(yaml: yaml)
            XCTFail("should not load:\n\(yaml)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testShippedFileIsTheBuiltInPolicy() throws {
        let text = try String(contentsOf: Self.deployPolicy, encoding: .utf8)
        let rules = try PolicyDocument.rules(yaml: text)
        XCTAssertEqual(rules.map(\.name), Policy.builtInRuleTexts.map(\.name), "same rules in the same order")
        XCTAssertEqual(rules.map(\.rule), Policy.builtInRuleTexts.map(\.rule))
        XCTAssertEqual(try Policy(rules: Dictionary(rules.map { ($0.name, $0.rule) }, uniquingKeysWith: { $1 })).rules, Policy.builtIn.rules)
        XCTAssertEqual(try PolicyFile.load(Self.deployPolicy.path).rules, Policy.builtIn.rules)
    }

    func testFileRulesOverrideTheBuiltInOnes() throws {
        let policy = try PolicyFile.load(yaml: """
            # posters only
            "messages:create": "role:poster or rule:context_is_admin"
            queues:create: role:creator
            "my_rule": "!"
            """)
        let member = PolicyCredentials(roles: ["member"], requestProject: "p")
        let poster = PolicyCredentials(roles: ["poster"], requestProject: "p")
        XCTAssertFalse(policy.allows("messages:create", member))
        XCTAssertTrue(policy.allows("messages:create", poster))
        XCTAssertTrue(policy.allows("messages:get_all", member), "rules the file does not name keep their built-in rule")
        XCTAssertFalse(policy.allows("pools:create", member))
        XCTAssertEqual(policy.rules["queues:create"], .role("creator"), "unquoted strings are strings")
        XCTAssertEqual(policy.rules["my_rule"], .deny)
        XCTAssertEqual(policy.rules.count, Policy.builtIn.rules.count + 1)
    }

    func testEmptyFilesKeepTheBuiltInPolicy() throws {
        XCTAssertEqual(try PolicyFile.load(yaml: "").rules, Policy.builtIn.rules)
        XCTAssertEqual(try PolicyFile.load(yaml: "# nothing yet\n").rules, Policy.builtIn.rules)
    }

    func testYAMLErrorsNameTheKey() {
        XCTAssertEqual(loadError(#""queues:create": 5"#), .nonStringValue(key: "queues:create"))
        XCTAssertEqual(loadError(#""queues:create": true"#), .nonStringValue(key: "queues:create"))
        XCTAssertEqual(loadError(#""queues:create":"#), .nonStringValue(key: "queues:create"))
        XCTAssertEqual(loadError(#""queues:create": ["role:admin"]"#), .nonStringValue(key: "queues:create"))
        XCTAssertEqual(loadError("\"queues:create\": {role: admin}"), .nonStringValue(key: "queues:create"))
        XCTAssertEqual(loadError("\"pools:create\": !\n"), .nonStringValue(key: "pools:create"), "an unquoted ! is a YAML tag")
        XCTAssertEqual(loadError("\"pools:create\": !role:admin\n"), .nonStringValue(key: "pools:create"))
        XCTAssertEqual(loadError("5: role:admin"), .invalidKey("5"))
        XCTAssertEqual(loadError("? [a, b]\n: role:admin\n"), .invalidKey("- a\n- b"))
        XCTAssertEqual(loadError("- role:admin\n"), .notAMapping)
        XCTAssertEqual(loadError("role:admin\n"), .notAMapping)
        XCTAssertEqual(
            loadError(#""queues:create": "role:admin and""#),
            .syntax(rule: "queues:create", PolicyRuleSyntaxError(.expectedCheck(found: nil), column: 15)))
        XCTAssertEqual(loadError(#""queues:create": "rule:nowhere""#), .unknownReference(rule: "queues:create", reference: "nowhere"))
        XCTAssertEqual(
            loadError("\"context_is_admin\": \"rule:admin_or_owner\"\n\"admin_or_owner\": \"rule:context_is_admin\"\n"),
            .referenceCycle(["admin_or_owner", "context_is_admin", "admin_or_owner"]))
        guard case .invalidYAML(let message)? = loadError("\"a\": @\n") else { return XCTFail("an unquoted @ is not YAML") }
        XCTAssertTrue(message.contains("1:6"), message)
        guard case .invalidYAML(let duplicate)? = loadError("\"a\": \"\"\n\"a\": \"!\"\n") else { return XCTFail("duplicate keys") }
        XCTAssertTrue(duplicate.contains("'a'"), duplicate)
    }

    func testErrorDescriptions() {
        XCTAssertEqual(
            loadError(#""queues:create": 5"#)?.description,
            #"the value of "queues:create" must be a quoted string (e.g. "role:admin"; "" allows everyone, "!" nobody)"#)
        XCTAssertEqual(
            loadError(#""queues:create": "role:a role:b""#)?.description,
            #"rule "queues:create": expected `and`, `or`, `)` or the end of the rule but found `role:b` at column 8"#)
    }

    func testUnreadableFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing.yaml").path
        XCTAssertThrowsError(try PolicyFile.load(missing)) { error in
            XCTAssertEqual(error as? PolicyLoadError, .unreadableFile(path: missing, reason: "no such file"))
        }
        let binary = directory.appendingPathComponent("binary.yaml")
        try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: binary)
        XCTAssertThrowsError(try PolicyFile.load(binary.path)) { error in
            XCTAssertEqual(error as? PolicyLoadError, .unreadableFile(path: binary.path, reason: "not UTF-8 text"))
        }
    }
}
