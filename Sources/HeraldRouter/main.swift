// herald-router: the stateless HTTP front; options come from the command line, the environment
// and a TOML file (see ConfigurableCommand).
import Shared

DiagnosticsSignal.ignoreUntilInstalled()
await HeraldRouterCommand.mainWithConfiguration()
