/// The arguments a command runs with once its configuration file and environment are applied.
public struct ResolvedArguments: Sendable, Equatable {
    /// Command-line arguments for swift-argument-parser: those from the file and the environment
    /// (as `--name=value`) first, then the command line as given.
    public var arguments: [String]
    /// Where each option set by the file or the environment came from (`router.toml:3`,
    /// `$HERALD_ROUTER_PORT`), to explain an error about its value.
    public var origins: [String: String]
}

/// Layers a command's settings: built-in defaults < configuration file < environment < command line.
///
/// Every long option of the command is a key: `port = 8888` in the file (or in a `[table]` whose
/// name prefixes it: `[cors]` + `allow-origin` is `--cors-allow-origin`), `PREFIX_PORT=8888` in the
/// environment. A flag takes a boolean, a repeatable option an array (whitespace-separated words in
/// the environment). A key that is no option, or a value of the wrong shape, refuses the start.
public enum ConfigurationLayers {
    /// Arguments that print something and exit: the configuration is not read for them.
    static let informational: Set<String> = ["-h", "--help", "--version", "--experimental-dump-help"]

    /// - Parameters:
    ///   - options: the command's options (`OptionSpec.options(fromToolInfo:)`).
    ///   - commandLine: the arguments after the program name.
    ///   - environment: the process environment.
    ///   - environmentPrefix: e.g. `HERALD_ROUTER_`; `PREFIX_CONFIG` names the file when `--config` does not.
    ///   - readFile: reads the configuration file's text.
    public static func resolve(
        options: [OptionSpec], commandLine: [String], environment: [String: String], environmentPrefix: String,
        readFile: (String) throws -> String
    ) throws(ConfigurationError) -> ResolvedArguments {
        if commandLine.contains(where: informational.contains) {
            return ResolvedArguments(arguments: commandLine, origins: [:])
        }
        let given = namesGiven(on: commandLine)
        var origins: [String: String] = [:]
        var fromEnvironment: [String] = []
        var setByEnvironment: Set<String> = []
        for option in options where !given.contains(option.name) {
            let variable = environmentVariable(for: option.name, prefix: environmentPrefix)
            guard let text = environment[variable] else { continue }
            setByEnvironment.insert(option.name)
            origins[option.name] = "$" + variable
            fromEnvironment += try arguments(for: option, environmentText: text, variable: variable)
        }
        var fromFile: [String] = []
        if let path = configPath(commandLine: commandLine, environment: environment, prefix: environmentPrefix) {
            let text: String
            do {
                text = try readFile(path)
            } catch {
                throw .unreadableFile(path: path, reason: "\(error)")
            }
            let entries: [ConfigEntry]
            do {
                entries = try TOMLReader.entries(of: text)
            } catch {
                throw .syntax(path: path, error)
            }
            let byName = Dictionary(options.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            for entry in entries {
                guard let option = byName[entry.key] else {
                    let suggestion = closestName(to: entry.key, among: options.map(\.name))
                    throw .unknownKey(path: path, line: entry.line, key: entry.key, suggestion: suggestion)
                }
                guard !given.contains(option.name), !setByEnvironment.contains(option.name) else { continue }
                origins[option.name] = "\(path):\(entry.line)"
                fromFile += try arguments(for: option, value: entry.value, source: "\(path), line \(entry.line)")
            }
        }
        return ResolvedArguments(arguments: fromFile + fromEnvironment + commandLine, origins: origins)
    }

    /// `HERALD_ROUTER_` + `max-url-length` → `HERALD_ROUTER_MAX_URL_LENGTH`.
    public static func environmentVariable(for name: String, prefix: String) -> String {
        prefix + String(name.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    /// The long option names on the command line (up to a `--` terminator).
    static func namesGiven(on commandLine: [String]) -> Set<String> {
        var names: Set<String> = []
        for argument in commandLine {
            if argument == "--" { break }
            guard argument.hasPrefix("--") else { continue }
            names.insert(String(argument.dropFirst(2).prefix { $0 != "=" }))
        }
        return names
    }

    /// `--config PATH`, `--config=PATH`, else `PREFIX_CONFIG`.
    static func configPath(commandLine: [String], environment: [String: String], prefix: String) -> String? {
        for (position, argument) in commandLine.enumerated() {
            if argument == "--" { break }
            if argument == "--config", position + 1 < commandLine.count { return commandLine[position + 1] }
            if argument.hasPrefix("--config=") { return String(argument.dropFirst("--config=".count)) }
        }
        guard let path = environment[environmentVariable(for: "config", prefix: prefix)], !path.isEmpty else { return nil }
        return path
    }

    private static func arguments(
        for option: OptionSpec, value: ConfigValue, source: String
    ) throws(ConfigurationError) -> [String] {
        if option.isFlag {
            guard case .boolean(let on) = value else {
                throw .badValue(source: source, key: option.name, reason: "is a switch: give true or false, not a \(value.typeName)")
            }
            return on ? ["--\(option.name)"] : []
        }
        let values: [ConfigValue]
        if case .array(let items) = value {
            guard option.isRepeating else {
                throw .badValue(source: source, key: option.name, reason: "takes one value, not an array")
            }
            values = items
        } else {
            values = [value]
        }
        var arguments: [String] = []
        for item in values {
            guard let text = item.optionText else {
                throw .badValue(source: source, key: option.name, reason: "takes a list of plain values, not nested arrays")
            }
            arguments.append("--\(option.name)=\(text)")
        }
        return arguments
    }

    private static func arguments(
        for option: OptionSpec, environmentText text: String, variable: String
    ) throws(ConfigurationError) -> [String] {
        let source = "$" + variable
        if option.isFlag {
            switch text.lowercased() {
            case "1", "true", "yes", "on": return ["--\(option.name)"]
            case "0", "false", "no", "off", "": return []
            default:
                throw .badValue(source: source, key: option.name, reason: "is a switch: give true or false, not \"\(text)\"")
            }
        }
        guard option.isRepeating else { return ["--\(option.name)=\(text)"] }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map { "--\(option.name)=\($0)" }
    }

    /// The option name within edit distance 3 of `key` (the nearest), to suggest for a misspelt key.
    static func closestName(to key: String, among names: [String]) -> String? {
        let scored = names.map { ($0, editDistance(key, $0)) }.filter { $0.1 <= 3 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ left: String, _ right: String) -> Int {
        let left = Array(left), right = Array(right)
        var previous = Array(0...right.count)
        for (row, leftCharacter) in left.enumerated() {
            var current = [row + 1] + Array(repeating: 0, count: right.count)
            for (column, rightCharacter) in right.enumerated() {
                let substitution = previous[column] + (leftCharacter == rightCharacter ? 0 : 1)
                current[column + 1] = min(previous[column + 1] + 1, current[column] + 1, substitution)
            }
            previous = current
        }
        return previous[right.count]
    }
}
