import Foundation

/// Unbuffered writes to the terminal or a pipe, so progress lines reach `| tee` at once.
enum StandardStreams {
    /// Writes `line` and a newline to standard output immediately.
    static func line(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Writes `line` and a newline to standard error immediately.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
