import Foundation

/// Unbuffered writes to stdout, so a supervising process sees a line as soon as it is written.
enum StandardOutput {
    /// Writes `line` and a newline to stdout immediately.
    static func writeLine(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
