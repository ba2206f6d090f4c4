import Foundation
import Shared

/// Writes a run's JSON results (`--json FILE`).
enum ResultFile {
    /// Why the results could not be written.
    struct WriteError: Error, CustomStringConvertible {
        /// The file that could not be written.
        var path: String
        /// What went wrong.
        var reason: String

        var description: String { "cannot write results to \(path): \(reason)" }
    }

    /// Writes `document` to `path` as JSON followed by a newline, replacing the file.
    static func write(_ document: JSONValue, to path: String) throws(WriteError) {
        do {
            try Data(document.serialized() + [UInt8(ascii: "\n")]).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw WriteError(path: path, reason: error.localizedDescription)
        }
    }
}
