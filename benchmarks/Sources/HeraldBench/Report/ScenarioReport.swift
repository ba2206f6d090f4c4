import ArgumentParser
import Shared

/// What every scenario's result offers its command: the report text, the JSON document and
/// whether the run passed.
protocol ScenarioResult {
    /// The human-readable report.
    func render() -> String
    /// The `--json FILE` document.
    func json() -> JSONValue
    /// Whether the run passed (the command's exit status).
    var passed: Bool { get }
}

/// The common ending of a scenario command.
enum ScenarioReport {
    /// Runs `scenario`, prints its report, writes `--json` when asked, and exits non-zero when
    /// the run failed or could not run.
    static func finish<Result: ScenarioResult>(json path: String?, _ scenario: () async throws -> Result) async throws {
        let result: Result
        do {
            // The tool's tasks run on the event loops of its connections, like Herald's own
            // (see EventLoopGroupTaskExecutor): less CPU per request on the shared machine.
            result = try await withTaskExecutorPreference(EventLoopGroupTaskExecutor()) { try await scenario() }
        } catch {
            StandardStreams.error("herald-bench: \(error)")
            throw ExitCode.failure
        }
        StandardStreams.line(result.render())
        if let path {
            do {
                try ResultFile.write(result.json(), to: path)
            } catch {
                StandardStreams.error("herald-bench: \(error)")
                throw ExitCode.failure
            }
        }
        if !result.passed { throw ExitCode.failure }
    }
}

extension LoadResult: ScenarioResult {}
extension NotificationResult: ScenarioResult {}
extension ReceiverCeilingResult: ScenarioResult {}
extension ScaleResult: ScenarioResult {}
