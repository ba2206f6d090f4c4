/// Which options of a command the diagnostics report never shows the value of.
public enum CommandOptions {
    /// Parts of option names whose values are never shown.
    static let secretNameParts = ["secret", "password", "key", "token"]

    /// Whether the value of the option `name` is hidden.
    public static func isSecret(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return secretNameParts.contains { lowered.contains($0) }
    }
}
