import XCTest

@testable import Shared

/// Checks the word-at-a-time string encoders against a scalar-by-scalar reference.
final class JSONStringEncodingTests: XCTestCase {
    private let alphabet: [String] = ["a", "b", " ", "é", "😀", "\"", "\\", "\n", "\u{1}", "\u{7F}", "中", "/", "~"]

    private func referenceCompact(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private func referencePython(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            case _ where scalar.value >= 0x20 && scalar.value < 0x7F: out.unicodeScalars.append(scalar)
            case _ where scalar.value >= 0x10000:
                let offset = scalar.value - 0x10000
                out += String(format: "\\u%04x\\u%04x", 0xD800 + (offset >> 10), 0xDC00 + (offset & 0x3FF))
            default: out += String(format: "\\u%04x", scalar.value)
            }
        }
        return out + "\""
    }

    func testRandomStringsMatchReference() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let length = Int.random(in: 0...40, using: &generator)
            let string = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" }.joined()
            let compact = JSONValue.string(string).serialized()
            XCTAssertEqual(text(compact), referenceCompact(string))
            XCTAssertEqual(text(JSONValue.string(string).pythonSerialized()), referencePython(string))
            XCTAssertEqual(try JSONValue.parse(compact), .string(string))
            XCTAssertEqual(try JSONValue.parse(JSONValue.string(string).pythonSerialized()), .string(string))
        }
    }

    func testLongPlainStringsAndLargeDocuments() throws {
        let long = String(repeating: "abcdefgh", count: 10_000)
        XCTAssertEqual(JSONValue.string(long).serialized().count, long.utf8.count + 2)
        let document = JSONValue.array(Array(repeating: .object([(key: "k", value: .string(long))]), count: 20))
        let bytes = document.serialized()
        XCTAssertEqual(bytes.count, 20 * (long.utf8.count + 8) + 19 + 2)
        XCTAssertEqual(try JSONValue.parse(bytes), document)
    }
}
