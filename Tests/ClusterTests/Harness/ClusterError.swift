import Foundation

/// Failures of the process-spawning test harness.
enum ClusterError: Error, CustomStringConvertible {
    /// A built executable was not found; run `swift build --build-tests` first.
    case binaryMissing(path: String)
    /// A child process exited before printing its ready line.
    case exitedEarly(name: String, status: Int32, log: String)
    /// A child process did not print its ready line in time.
    case notReady(name: String, log: String)
    /// A bounded wait ran out.
    case timedOut(what: String)
    /// An HTTP header name or request could not be built.
    case invalidRequest(String)

    var description: String {
        switch self {
        case .binaryMissing(let path):
            return "executable not found at \(path); build it with `swift build --build-tests`"
        case .exitedEarly(let name, let status, let log):
            return "\(name) exited with status \(status) before becoming ready; log:\n\(log)"
        case .notReady(let name, let log):
            return "\(name) did not print its ready line in time; log:\n\(log)"
        case .timedOut(let what):
            return "timed out waiting for \(what)"
        case .invalidRequest(let reason):
            return "invalid request: \(reason)"
        }
    }
}
