import ArgumentParser
import Foundation

/// The options every `herald` command accepts: where the router is, which project to act as,
/// the bearer token, and whether to print raw JSON.
struct GlobalOptions: ParsableArguments {
    /// The router used when neither `--url` nor `$HERALD_URL` is given.
    static let defaultURL = "http://127.0.0.1:8888"
    /// The project used when neither `--project` nor `$HERALD_PROJECT` is given.
    static let defaultProject = "admin"

    @Option(help: "Base URL of the router (default: $HERALD_URL or \(GlobalOptions.defaultURL)).")
    var url: String?

    @Option(help: "Project to act as, sent as X-Project-ID (default: $HERALD_PROJECT or \(GlobalOptions.defaultProject)).")
    var project: String?

    @Option(
        help: """
            Bearer token for routers in token mode (default: $HERALD_TOKEN; without one, a 5-minute admin token \
            is minted from $HERALD_TOKEN_SECRET when that is set).
            """)
    var token: String?

    @Flag(help: "Print the server's JSON instead of tables.")
    var json = false

    /// `--url`, else `$HERALD_URL`, else the default, without a trailing slash.
    var resolvedURL: String {
        var base = url ?? Self.environment("HERALD_URL") ?? Self.defaultURL
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// `--project`, else `$HERALD_PROJECT`, else the project of a given token, else `admin`.
    var resolvedProject: String {
        project ?? Self.environment("HERALD_PROJECT")
            ?? TokenCredentials.givenToken(self).flatMap(TokenCredentials.unverifiedProject(of:)) ?? Self.defaultProject
    }

    func validate() throws {
        let base = resolvedURL
        guard base.hasPrefix("http://") || base.hasPrefix("https://"), URL(string: base)?.host != nil else {
            throw ValidationError("the router URL must look like http://host:port (got '\(base)')")
        }
        guard !resolvedProject.isEmpty else { throw ValidationError("the project may not be empty") }
    }

    private static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
