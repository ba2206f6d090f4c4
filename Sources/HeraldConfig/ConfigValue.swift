/// A value read from a configuration file: what TOML can say that an option can take.
public enum ConfigValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([ConfigValue])

    /// The text a command-line option would carry for a scalar value; `nil` for an array.
    public var optionText: String? {
        switch self {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .float(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .array: return nil
        }
    }

    /// The name of the value's TOML type, for error messages.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .boolean: return "boolean"
        case .array: return "array"
        }
    }
}

/// One `key = value` line of a configuration file, its key joined with the table it sits in.
public struct ConfigEntry: Sendable, Equatable {
    /// The option name: table and dotted key parts joined with `-`, underscores read as `-`.
    public var key: String
    public var value: ConfigValue
    /// The 1-based line the key is on.
    public var line: Int

    public init(key: String, value: ConfigValue, line: Int) {
        self.key = key
        self.value = value
        self.line = line
    }
}
