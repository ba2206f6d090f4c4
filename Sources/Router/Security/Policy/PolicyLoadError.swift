/// Why a policy (a set of named rule texts, usually from a YAML file) cannot be loaded.
public enum PolicyLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file cannot be read or is not UTF-8.
    case unreadableFile(path: String, reason: String)
    /// The text is not well-formed YAML (the YAML parser's message, with line and column).
    case invalidYAML(String)
    /// The document is not a mapping of rule names to rule texts.
    case notAMapping
    /// A key that is not a plain string (shown as written).
    case invalidKey(String)
    /// The value of `key` is not a string (a number, boolean, null, list, mapping or tagged value).
    case nonStringValue(key: String)
    /// The rule `rule` does not parse.
    case syntax(rule: String, PolicyRuleSyntaxError)
    /// The rule `rule` references (`rule:<reference>`) a rule the policy does not define.
    case unknownReference(rule: String, reference: String)
    /// Rules that reference each other in a cycle, the first name repeated at the end.
    case referenceCycle([String])
    /// A problem of the policy file at `path`.
    indirect case inFile(path: String, PolicyLoadError)

    /// A message naming the offending key or rule.
    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason): return "cannot read policy file \(path): \(reason)"
        case .invalidYAML(let message): return "not valid YAML: \(message)"
        case .notAMapping: return "a policy must be a YAML mapping of rule names to rule strings"
        case .invalidKey(let key): return "policy key \(key) must be a string"
        case .nonStringValue(let key):
            return "the value of \"\(key)\" must be a quoted string (e.g. \"role:admin\"; \"\" allows everyone, \"!\" nobody)"
        case .syntax(let rule, let error): return "rule \"\(rule)\": \(error)"
        case .unknownReference(let rule, let reference):
            return "rule \"\(rule)\" references rule:\(reference), which the policy does not define"
        case .referenceCycle(let names):
            return "rules reference each other in a cycle: \(names.joined(separator: " -> "))"
        case .inFile(let path, let error): return "policy file \(path): \(error)"
        }
    }
}
