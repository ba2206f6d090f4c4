import Shared
import Synchronization

/// The options a process runs with, for its diagnostics report: every long option of the
/// command under its real name, with the value the layered command line gives it (or its
/// default), where a file or the environment set it, and secrets hidden.
public enum EffectiveOptions {
    /// What `ConfigurableCommand.mainWithConfiguration()` parsed, kept for the report.
    struct Invocation: Sendable {
        var options: [OptionSpec]
        var resolved: ResolvedArguments
        /// Options the command also reads from a variable of its own, set in this environment.
        var fallbacks: [String: String]
    }

    private static let invocation = Mutex<Invocation?>(nil)

    static func record(_ invocation: Invocation) {
        self.invocation.withLock { $0 = invocation }
    }

    /// The entries of the running command (empty when it was not started through
    /// `mainWithConfiguration()`).
    public static func current() -> [DiagnosticsEntry] {
        guard let invocation = invocation.withLock({ $0 }) else { return [] }
        return entries(options: invocation.options, resolved: invocation.resolved, fallbacks: invocation.fallbacks)
    }

    /// One entry per option, in the command's order: `port: 8888 (from $HERALD_ROUTER_PORT)`,
    /// `cluster-secret: ***`, `pool: a=herald://…, b=herald://…`, `admin-mode: true`.
    /// `fallbacks` names the variables options without a value are read from (option → variable
    /// that is set, e.g. `cluster-secret` → `HERALD_CLUSTER_SECRET`).
    public static func entries(
        options: [OptionSpec], resolved: ResolvedArguments, fallbacks: [String: String] = [:]
    ) -> [DiagnosticsEntry] {
        let given = values(in: resolved.arguments, options: options)
        return options.map { option in
            let values = given[option.name] ?? []
            var text: String
            if values.isEmpty, let variable = fallbacks[option.name] {
                text = CommandOptions.isSecret(option.name) ? "*** (from $\(variable))" : "(from $\(variable))"
                return DiagnosticsEntry(option.name, .text(text))
            }
            if option.isFlag {
                text = values.isEmpty ? "false" : "true"
            } else if values.isEmpty {
                text = option.defaultValue ?? "(unset)"
            } else if CommandOptions.isSecret(option.name) {
                text = "***"
            } else {
                text = option.isRepeating ? values.joined(separator: ", ") : values[values.count - 1]
            }
            if let origin = resolved.origins[option.name] { text += " (from \(origin))" }
            return DiagnosticsEntry(option.name, .text(text))
        }
    }

    /// The values each option takes on `arguments` (`--name=value`, `--name value`, `--flag`).
    static func values(in arguments: [String], options: [OptionSpec]) -> [String: [String]] {
        let byName = Dictionary(options.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var values: [String: [String]] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" { break }
            guard argument.hasPrefix("--") else { continue }
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            guard let option = byName[name] else { continue }
            if option.isFlag {
                values[name, default: []].append("true")
            } else if let equals = body.firstIndex(of: "=") {
                values[name, default: []].append(String(body[body.index(after: equals)...]))
            } else if index < arguments.count {
                values[name, default: []].append(arguments[index])
                index += 1
            }
        }
        return values
    }
}
