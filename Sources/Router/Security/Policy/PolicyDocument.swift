import Foundation
import Yams

/// The YAML form of a policy: a mapping of rule names to rule strings, e.g.
/// `"pools:create": "rule:context_is_admin"`. Comments and an empty document are fine.
enum PolicyDocument {
    /// The rules of a YAML document, in document order.
    static func rules(yaml text: String) throws(PolicyLoadError) -> [(name: String, rule: String)] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .invalidYAML(String(describing: error))
        }
        guard let root else { return [] }
        guard case .mapping(let mapping) = root else { throw .notAMapping }
        var rules: [(name: String, rule: String)] = []
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key, key.tag == Tag(.str) else {
                throw .invalidKey(Self.written(key))
            }
            // An unquoted `!` is YAML's non-specific tag, which would turn "deny" into "": refuse it.
            // (Checked first: resolving the tag replaces `!` by `str` in place.)
            guard case .scalar(let scalar) = value, scalar.tag != Tag(.nonSpecific), value.tag == Tag(.str) else {
                throw .nonStringValue(key: keyScalar.string)
            }
            rules.append((keyScalar.string, scalar.string))
        }
        return rules
    }

    /// A node as written, for error messages.
    private static func written(_ node: Node) -> String {
        if case .scalar(let scalar) = node { return scalar.string.isEmpty ? "(empty)" : scalar.string }
        return ((try? Yams.serialize(node: node)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A policy file on disk: its rules override the built-in policy's (see
/// ``Policy/init(overridingBuiltIn:)``).
public enum PolicyFile {
    /// Reads and checks the policy file at `path`; errors of its content name the file (`inFile`).
    public static func load(_ path: String) throws(PolicyLoadError) -> Policy {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file"
            throw .unreadableFile(path: path, reason: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadableFile(path: path, reason: "not UTF-8 text") }
        do {
            return try load(yaml: text)
        } catch {
            throw .inFile(path: path, error)
        }
    }

    /// Checks a policy given as YAML text.
    public static func load(yaml text: String) throws(PolicyLoadError) -> Policy {
        let rules = try PolicyDocument.rules(yaml: text)
        return try Policy(overridingBuiltIn: Dictionary(rules.map { ($0.name, $0.rule) }, uniquingKeysWith: { $1 }))
    }
}
