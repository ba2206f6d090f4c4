/// The parsed options of a command as report entries, secrets hidden.
public enum CommandOptions {
    /// Parts of option names whose values are never shown.
    static let secretNameParts = ["secret", "password", "key", "token"]

    /// The options of `command` (an ArgumentParser command value: its `@Option` and `@Flag`
    /// properties) as `--name`-style entries in declaration order, e.g. `cluster-secret: ***`.
    /// A value whose option name contains "secret", "password", "key" or "token" shows as `***`
    /// when set; unset optional values show as `(unset)`.
    public static func entries(of command: Any) -> [DiagnosticsEntry] {
        Mirror(reflecting: command).children.compactMap { child in
            guard let label = child.label else { return nil }
            let name = optionName(label)
            let value = readable(String(describing: child.value))
            if value == "(unset)" || value == "[]" { return DiagnosticsEntry(name, .text(value)) }
            return DiagnosticsEntry(name, .text(isSecret(name) ? "***" : value))
        }
    }

    /// Whether the value of the option `name` is hidden.
    public static func isSecret(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return secretNameParts.contains { lowered.contains($0) }
    }

    /// `_clusterSecret` → `cluster-secret`, `_signedURLSecret` → `signed-url-secret` (as
    /// ArgumentParser derives long names; names given with `.customLong` may differ).
    static func optionName(_ label: String) -> String {
        let characters = Array(label.drop(while: { $0 == "_" }))
        var name = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if !previous.isUppercase || nextIsLower { name.append("-") }
            }
            name += character.lowercased()
        }
        return name
    }

    /// `Optional("x")` → `x`, `nil` → `(unset)`, `"x"` → `x`.
    static func readable(_ description: String) -> String {
        var text = description
        if text == "nil" { return "(unset)" }
        if text.hasPrefix("Optional("), text.hasSuffix(")") {
            text = String(text.dropFirst("Optional(".count).dropLast())
        }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            text = String(text.dropFirst().dropLast())
        }
        return text
    }
}
