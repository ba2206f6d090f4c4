import HTTPTypes

/// The `EXTRA-SPEC` header (spec §1.2 step 9, §1.3): `<plugin>:<data>`, where the plugin
/// `messagecode` is the only one and does nothing. Herald checks it after authentication and the
/// header checks — unlike the reference, its presence never skips authentication — and answers
/// 400 for a malformed value or an unknown plugin (the reference fails with 500).
enum ExtraSpecHeader {
    static let name = HTTPField.Name("EXTRA-SPEC")!
    /// The plugins Herald knows (all no-ops).
    static let knownPlugins: Set<String> = ["messagecode"]

    /// Throws 400 unless every `EXTRA-SPEC` value names a known plugin.
    static func check(_ headers: HTTPFields) throws(APIError) {
        for value in headers[values: name] {
            guard let colon = value.firstIndex(of: ":") else {
                throw .invalidExtraSpec("The EXTRA-SPEC header must have the form <plugin>:<data>.")
            }
            let plugin = String(value[..<colon]).trimmingASCIISpaces()
            guard knownPlugins.contains(String(plugin)) else {
                throw .invalidExtraSpec(
                    "Unknown EXTRA-SPEC plugin \"\(plugin)\"; supported: \(knownPlugins.sorted().joined(separator: ", ")).")
            }
        }
    }
}
