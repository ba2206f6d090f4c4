import ArgumentParser
import Shared

/// `herald`: the operator's command line for a Herald router's admin API (pools, flavors,
/// queue placement, health) and for minting bearer tokens.
@main
struct HeraldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald",
        abstract: "Manage the pools and flavors of a Herald router (admin API).",
        discussion: """
            Every command talks to the router at --url (default $HERALD_URL or http://127.0.0.1:8888) \
            as project --project (default $HERALD_PROJECT or admin) with the admin role. The router \
            must run with --admin-mode. Routers in token mode need a token with the admin role: \
            --token / $HERALD_TOKEN, or $HERALD_TOKEN_SECRET (the routers' --token-secret), from which \
            each command mints a 5-minute admin token for its project. `herald token` mints tokens.
            """,
        version: HeraldVersion.current,
        subcommands: [
            PoolsCommand.self, FlavorsCommand.self, QueuesCommand.self, HealthCommand.self, TokenCommand.self,
            StatusCommand.self,
        ]
    )
}
