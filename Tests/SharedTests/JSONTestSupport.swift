import XCTest

@testable import Shared

/// Parses `text` as UTF-8.
func parse(_ text: String, maxDepth: Int = 64) throws -> JSONValue {
    try JSONValue.parse(Array(text.utf8), maxDepth: maxDepth)
}

/// The parse error `bytes` produce, or nil when they parse.
func parseError(_ bytes: [UInt8], maxDepth: Int = 64) -> JSONParseError? {
    do {
        _ = try JSONValue.parse(bytes, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

func parseError(_ text: String, maxDepth: Int = 64) -> JSONParseError? {
    parseError(Array(text.utf8), maxDepth: maxDepth)
}

func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}
