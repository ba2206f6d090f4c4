import Foundation

/// A long option a command accepts, as its configuration file and environment may set it.
public struct OptionSpec: Sendable, Equatable {
    /// The long name, without the leading `--`.
    public var name: String
    /// A flag takes no value (`--admin-mode`); a configuration file sets it with a boolean.
    public var isFlag: Bool
    /// A repeatable option (`--pool a --pool b`); a configuration file gives an array.
    public var isRepeating: Bool
    /// The value when nothing sets the option, as `--help` shows it.
    public var defaultValue: String?

    public init(name: String, isFlag: Bool, isRepeating: Bool, defaultValue: String? = nil) {
        self.name = name
        self.isFlag = isFlag
        self.isRepeating = isRepeating
        self.defaultValue = defaultValue
    }

    /// Options no file or environment variable sets: they steer the program rather than configure it.
    static let reserved: Set<String> = ["help", "version", "config", "experimental-dump-help", "generate-completion-script"]

    /// The long options of a command, read from swift-argument-parser's JSON description of it
    /// (`Command._dumpHelp()`), so the options declared in the command are the one list of keys.
    public static func options(fromToolInfo json: String) throws -> [OptionSpec] {
        let info = try JSONDecoder().decode(ToolInfo.self, from: Data(json.utf8))
        return (info.command.arguments ?? []).compactMap { argument in
            guard argument.kind != "positional",
                  let name = argument.names?.first(where: { $0.kind == "long" })?.name,
                  !reserved.contains(name)
            else { return nil }
            return OptionSpec(
                name: name, isFlag: argument.kind == "flag", isRepeating: argument.isRepeating,
                defaultValue: argument.defaultValue)
        }
    }

    private struct ToolInfo: Decodable {
        struct Command: Decodable {
            var arguments: [Argument]?
        }
        struct Argument: Decodable {
            struct Name: Decodable {
                var kind: String
                var name: String
            }
            var kind: String
            var isRepeating: Bool
            var names: [Name]?
            var defaultValue: String?
        }
        var command: Command
    }
}
