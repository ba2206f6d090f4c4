/// Why a process refuses the configuration it was given; every case names the key at fault.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file named by `--config` cannot be read.
    case unreadableFile(path: String, reason: String)
    /// The file is not TOML Herald reads.
    case syntax(path: String, TOMLSyntaxError)
    /// A key no option of the command has.
    case unknownKey(path: String, line: Int, key: String, suggestion: String?)
    /// A key whose value has the wrong shape for its option (an array for a single value, a string for a flag…).
    case badValue(source: String, key: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "configuration file \(path): cannot read it (\(reason))"
        case .syntax(let path, let error):
            return "configuration file \(path), \(error)"
        case .unknownKey(let path, let line, let key, let suggestion):
            let hint = suggestion.map { "; did you mean \($0)?" } ?? ""
            return "configuration file \(path), line \(line): unknown key \(key)\(hint)"
        case .badValue(let source, let key, let reason):
            return "\(source): \(key) \(reason)"
        }
    }
}
