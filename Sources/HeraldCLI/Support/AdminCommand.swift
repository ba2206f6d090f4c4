import ArgumentParser

/// A leaf `herald` command that talks to the router: it implements ``run(with:)`` and gets
/// client setup, shutdown and error reporting (stderr, exit status 1) from `run()`.
protocol AdminCommand: AsyncParsableCommand {
    /// `--url`, `--project`, `--json`.
    var global: GlobalOptions { get }
    /// The command's work against the router.
    func run(with client: AdminClient) async throws(CLIError)
}

extension AdminCommand {
    func run() async throws {
        do {
            try await AdminClient.with(global) { client in try await self.run(with: client) }
        } catch let error as CLIError {
            Output.error(error.description)
            throw ExitCode.failure
        }
    }
}
