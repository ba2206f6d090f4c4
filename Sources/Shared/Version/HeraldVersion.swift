/// The version of this Herald build, shown by `--version` of every executable and in diagnostics.
public enum HeraldVersion {
    /// The release this source tree builds.
    public static let current = "0.10.0"
}
