import ArgumentParser

// herald-node: one storage node serving its SQLite store over the internal RPC.

/// Runs an async command; inside an async function the async `main()` overload is the one chosen.
func runAsyncCommand<Command: AsyncParsableCommand>(_: Command.Type) async {
    await Command.main()
}

await runAsyncCommand(HeraldNodeCommand.self)
