import Foundation
import XCTest

/// Runs real headless Chromium against a cluster's router: `--dump-dom` to read the page as the
/// browser rendered it (scripts run), `--screenshot` to picture it. Each run gets a private
/// profile in a temporary directory, runs in its own session (process group) so every helper
/// process it spawns is killed at the end, and is killed if it has not finished within
/// `hangGuard` (a guard against a hung browser, not a timing assertion).
struct HeadlessChromium: Sendable {
    /// The browser executable.
    let executable: String
    /// Virtual time the page may run for (timers fire, fetches complete) before the dump.
    var virtualTimeBudgetMillis = 7000
    /// The window, for the layout and the screenshot.
    var windowSize = (width: 1280, height: 900)
    /// The longest a run may take before it is killed.
    var hangGuard: Duration = .seconds(120)

    /// The first Chromium found on `PATH`; `nil` when none is installed.
    static func locate() -> HeadlessChromium? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return HeadlessChromium(executable: candidate) }
            }
        }
        return nil
    }

    /// The Chromium to use, or the reason there is none: a test failure in CI (`CI=true`), where
    /// `scripts/test.sh` installs it, and a skip elsewhere.
    static func required(file: StaticString = #filePath, line: UInt = #line) throws -> HeadlessChromium {
        if let chromium = locate() { return chromium }
        let message = "chromium is not installed (scripts/test.sh installs it: apt-get install chromium)"
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail(message, file: file, line: line)
            throw ClusterError.invalidRequest(message)
        }
        throw XCTSkip(message)
    }

    /// The DOM of `url` after the page's scripts ran for the virtual time budget.
    func dumpDOM(_ url: String) async throws -> String {
        let result = try await run(["--dump-dom", url])
        guard result.status == 0, result.stdout.contains("<html") else {
            throw ClusterError.invalidRequest("chromium --dump-dom failed: exit \(result.status)\n\(result.stderr)")
        }
        return result.stdout
    }

    /// Saves a PNG screenshot of `url` (after the virtual time budget) to `file`.
    func screenshot(_ url: String, to file: URL) async throws {
        try? FileManager.default.removeItem(at: file)
        let result = try await run(["--screenshot=\(file.path)", "--hide-scrollbars", url])
        guard result.status == 0, FileManager.default.fileExists(atPath: file.path) else {
            throw ClusterError.invalidRequest("chromium --screenshot failed: exit \(result.status)\n\(result.stderr)")
        }
    }

    private func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("herald-chromium-\(UUID().uuidString)")
        let profile = scratch.appendingPathComponent("profile")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        // setsid: the browser leads a process group of its own, so all of it can be killed.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = [
            executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--user-data-dir=\(profile.path)", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--mute-audio", "--window-size=\(windowSize.width),\(windowSize.height)",
            "--virtual-time-budget=\(virtualTimeBudgetMillis)",
        ] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": scratch.path]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        try? stdout.close()
        try? stderr.close()
        let group = process.processIdentifier
        defer { kill(-group, SIGKILL) }

        let deadline = ContinuousClock.now.advanced(by: hangGuard)
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                kill(-group, SIGKILL)
                process.waitUntilExit()
                throw ClusterError.timedOut(what: "chromium (killed after \(hangGuard))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return (
            process.terminationStatus,
            (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
            (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        )
    }
}
