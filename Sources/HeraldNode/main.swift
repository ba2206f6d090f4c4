// herald-node: one storage node serving its SQLite store over the internal RPC; options come from
// the command line, the environment and a TOML file (see ConfigurableCommand).
import Shared

DiagnosticsSignal.ignoreUntilInstalled()
await HeraldNodeCommand.mainWithConfiguration()
