import ArgumentParser

/// `herald-bench`: load and delivery measurements against any Zaqar v2 endpoint.
@main
struct HeraldBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald-bench",
        abstract: "Measures a Zaqar v2 endpoint (Herald or Zaqar) under load.",
        subcommands: [LoadCommand.self, ScaleCommand.self, NotificationsCommand.self, ReceiverCeilingCommand.self, CannedServerCommand.self]
    )
}
