import XCTest

@testable import Shared

/// Exercises the parser's fast paths (word-at-a-time string scan, exact double conversion,
/// member index, moved-out container stacks) against straightforward expectations.
final class JSONParserInternalsTests: XCTestCase {
    func testSpecialBytesAtEveryPositionOfTheWordScan() throws {
        for length in 0..<20 {
            for position in 0..<length {
                var chars = Array(repeating: Character("a"), count: length)
                chars[position] = "é"
                let plain = String(chars)
                XCTAssertEqual(try parse("\"\(plain)\""), .string(plain))
                chars[position] = "\n"
                XCTAssertEqual(try parse(#"""# + String(chars).replacingOccurrences(of: "\n", with: #"\n"#) + #"""#), .string(String(chars)))
                XCTAssertEqual(parseError("\"" + String(chars) + "\"")?.offset, position + 1)
                chars[position] = "\""
                XCTAssertEqual(
                    try parse(#"""# + String(chars).replacingOccurrences(of: "\"", with: #"\""#) + #"""#),
                    .string(String(chars)))
            }
            let unterminated = "\"" + String(repeating: "x", count: length)
            XCTAssertEqual(parseError(unterminated)?.reason, "unterminated string")
        }
    }

    func testInvalidUTF8AfterLongASCIIRuns() {
        for prefix in 0..<17 {
            let bytes = [0x22] + Array(repeating: UInt8(ascii: "b"), count: prefix) + [0xC3, 0x28, 0x22]
            XCTAssertEqual(parseError(bytes)?.reason, "invalid UTF-8")
            XCTAssertEqual(parseError(bytes)?.offset, prefix + 1)
        }
    }

    func testDoublesMatchCorrectlyRoundedConversion() throws {
        var generator = SystemRandomNumberGenerator()
        var samples = [
            "0.1", "0.3", "1.5", "-2.25", "3.141592653589793", "2.718281828459045", "1e22", "1e23",
            "9007199254740993.0", "123456789012345.6", "1234567890123456.7", "0.000001", "-0.0", "0.0",
            "1e-22", "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "100e-2", "00.5e1",
        ]
        for _ in 0..<2000 {
            let integer = UInt64.random(in: 0...999_999_999, using: &generator)
            let fraction = UInt64.random(in: 0...9_999_999, using: &generator)
            let exponent = Int.random(in: -30...30, using: &generator)
            samples.append("\(integer).\(fraction)e\(exponent)")
        }
        for text in samples {
            guard let expected = Double(text) else { continue }
            if text.hasPrefix("00") {
                XCTAssertNotNil(parseError(text))
                continue
            }
            XCTAssertEqual(try parse(text), .double(expected), text)
        }
        guard case .double(let negativeZero) = try parse("-0.0") else { return XCTFail("not a double") }
        XCTAssertEqual(negativeZero.sign, .minus)
    }

    func testNestedLargeObjectsWithDuplicates() throws {
        func object(prefix: String, count: Int, inner: String?) -> String {
            var members = (0..<count).map { "\"\(prefix)\($0)\":\($0)" }
            if let inner { members.insert("\"inner\":\(inner)", at: count / 2) }
            members.append("\"\(prefix)0\":\"dup\"")
            return "{" + members.joined(separator: ",") + "}"
        }
        let innermost = object(prefix: "c", count: 30, inner: nil)
        let middle = object(prefix: "b", count: 5, inner: innermost)
        let outer = object(prefix: "a", count: 40, inner: middle)
        let value = try parse(outer)
        guard case .object(let outerMembers) = value else { return XCTFail("not an object") }
        XCTAssertEqual(outerMembers.count, 41)
        XCTAssertEqual(outerMembers.first?.value, .string("dup"))
        guard case .object(let middleMembers)? = value["inner"] else { return XCTFail("no middle") }
        XCTAssertEqual(middleMembers.count, 6)
        XCTAssertEqual(value["inner"]?["b0"], .string("dup"))
        guard case .object(let innerMembers)? = value["inner"]?["inner"] else { return XCTFail("no inner") }
        XCTAssertEqual(innerMembers.count, 30)
        XCTAssertEqual(innerMembers.map(\.key), (0..<30).map { "c\($0)" })
        XCTAssertEqual(value["inner"]?["inner"]?["c0"], .string("dup"))
        XCTAssertEqual(value["a39"], .int(39))
    }

    func testErrorsInsideOpenContainersReleaseCleanly() {
        let truncated = #"[{"a":[1,2,{"b":"xyz", "c": [true, {"d": null"#
        XCTAssertEqual(parseError(truncated)?.reason, "unexpected end of input")
        XCTAssertEqual(parseError(#"{"k":[1,2,3],"k":[4,"#)?.reason, "unexpected end of input")
        // The parser is reusable after failures (no state leaks between calls).
        XCTAssertEqual(try parse(#"[{"a":1}]"#), .array([.object([(key: "a", value: .int(1))])]))
    }

    func testLargeArraysGrowTheStack() throws {
        let count = 10_000
        let text = "[" + (0..<count).map { "[\($0),\"s\($0)\"]" }.joined(separator: ",") + "]"
        guard case .array(let elements) = try parse(text) else { return XCTFail("not an array") }
        XCTAssertEqual(elements.count, count)
        XCTAssertEqual(elements[9_999], .array([.int(9_999), .string("s9999")]))
    }
}
