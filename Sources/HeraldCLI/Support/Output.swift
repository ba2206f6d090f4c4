import Foundation
import Shared

/// Human and JSON output of the commands.
enum Output {
    /// Prints `value` as compact JSON on one line.
    static func json(_ value: JSONValue) {
        print(String(decoding: value.serialized(), as: UTF8.self))
    }

    /// Prints raw JSON bytes as the server sent them.
    static func rawJSON(_ bytes: [UInt8]) {
        print(String(decoding: bytes, as: UTF8.self))
    }

    /// Prints `key: value` lines with the values aligned.
    static func keyValues(_ pairs: [(String, String)]) {
        let width = pairs.map(\.0.count).max() ?? 0
        for (key, value) in pairs {
            print(key + ":" + String(repeating: " ", count: width - key.count + 1) + value)
        }
    }

    /// Prints a table: an upper-case header line, then one line per row, columns separated by
    /// two spaces and left-aligned (the last column is not padded).
    static func table(_ headers: [String], _ rows: [[String]]) {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for column in headers.indices {
                let cell = column < cells.count ? cells[column] : ""
                let last = column == headers.count - 1
                text += last ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            return text
        }
        print(line(headers.map { $0.uppercased() }))
        for row in rows { print(line(row)) }
    }

    /// Writes one line to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
