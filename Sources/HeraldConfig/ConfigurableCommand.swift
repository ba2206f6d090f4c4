import ArgumentParser
import Foundation

/// A command whose options may also be set by a TOML configuration file (`--config`) and by
/// environment variables, as `ConfigurationLayers` describes.
public protocol ConfigurableCommand: AsyncParsableCommand {
    /// The prefix of the command's environment variables, e.g. `HERALD_ROUTER_`.
    static var environmentPrefix: String { get }
    /// Options the command reads from a variable of its own when unset (option → variable,
    /// e.g. `cluster-secret` → `HERALD_CLUSTER_SECRET`), for the diagnostics report.
    static var environmentFallbacks: [String: String] { get }
}

extension ConfigurableCommand {
    public static var environmentFallbacks: [String: String] { [:] }

    /// What `--help` says about configuration files and the environment.
    public static var configurationHelp: String {
        """
        Every option can also be set in a TOML file given with --config (or \(environmentPrefix)CONFIG): \
        `port = 8888`, `admin-mode = true`, a repeatable option as an array; a [table] prefixes the keys \
        in it ([cors] allow-origin = [...] sets --cors-allow-origin). Environment variables override the \
        file: \(environmentPrefix) followed by the option name in capitals with _ for - \
        (\(ConfigurationLayers.environmentVariable(for: "port", prefix: environmentPrefix))=8888). The \
        command line overrides both. An unknown key or a value of the wrong type refuses the start.
        """
    }

    /// Reads the configuration file and the environment, then parses and runs the command like
    /// `main()`. A configuration problem ends the process with status 64 and a message naming the key.
    public static func mainWithConfiguration() async {
        let resolved: ResolvedArguments
        do {
            let options = try OptionSpec.options(fromToolInfo: _dumpHelp())
            resolved = try ConfigurationLayers.resolve(
                options: options,
                commandLine: Array(CommandLine.arguments.dropFirst()),
                environment: ProcessInfo.processInfo.environment, environmentPrefix: environmentPrefix,
                readFile: { path in try String(contentsOfFile: path, encoding: .utf8) })
            let environment = ProcessInfo.processInfo.environment
            let fallbacks = environmentFallbacks.filter { environment[$0.value]?.isEmpty == false }
            EffectiveOptions.record(.init(options: options, resolved: resolved, fallbacks: fallbacks))
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(resolved.arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            explainOrigins(of: error, origins: resolved.origins)
            exit(withError: error)
        }
    }

    /// Before an error about an option set by the file or the environment, says where it was set.
    private static func explainOrigins(of error: any Error, origins: [String: String]) {
        guard exitCode(for: error) != .success, !origins.isEmpty else { return }
        let message = self.message(for: error)
        for (name, origin) in origins.sorted(by: { $0.key < $1.key }) where mentions(message, option: name) {
            FileHandle.standardError.write(Data("Note: --\(name) was set by \(origin)\n".utf8))
        }
    }

    /// Whether `message` names `--option` (not merely a longer option starting with it).
    static func mentions(_ message: String, option: String) -> Bool {
        var rest = Substring(message)
        while let range = rest.range(of: "--\(option)") {
            let next = rest[range.upperBound...].first
            if next == nil || !(next!.isLetter || next!.isNumber || next! == "-") { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }
}
