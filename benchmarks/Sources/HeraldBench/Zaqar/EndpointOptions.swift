import ArgumentParser
import Foundation

/// The endpoint a scenario drives and who it acts as: `--endpoint`, `--project`, `--auth-token`.
struct EndpointOptions: ParsableArguments {
    @Option(help: "Base URL of the Zaqar v2 endpoint.")
    var endpoint = "http://127.0.0.1:8888"

    @Option(help: "Project to act as (X-Project-ID).")
    var project = "herald-bench"

    @Option(name: .customLong("auth-token"), help: "Sent as X-Auth-Token (default: $HERALD_TOKEN).")
    var authToken: String?

    /// The token every request carries: `--auth-token`, else a non-empty `$HERALD_TOKEN`, else none.
    var token: String? {
        authToken ?? ProcessInfo.processInfo.environment["HERALD_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
