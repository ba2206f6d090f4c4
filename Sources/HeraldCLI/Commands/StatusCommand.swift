import ArgumentParser

/// `herald status`: checks of Herald's stores run on the host that holds them (like `zaqar-status`).
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Check Herald's stores on this host before an upgrade.",
        subcommands: [UpgradeCheckCommand.self])
}
