import XCTest

@testable import Shared

final class JSONParseTests: XCTestCase {
    func testScalarsAtTopLevel() throws {
        XCTAssertEqual(try parse("null"), .null)
        XCTAssertEqual(try parse("true"), .bool(true))
        XCTAssertEqual(try parse("false"), .bool(false))
        XCTAssertEqual(try parse("0"), .int(0))
        XCTAssertEqual(try parse("-12"), .int(-12))
        XCTAssertEqual(try parse("\"hi\""), .string("hi"))
        XCTAssertEqual(try parse(" \t\r\n 42 \n"), .int(42))
    }

    func testIntDoubleAndBoolAreDistinct() throws {
        XCTAssertEqual(try parse("1"), .int(1))
        XCTAssertEqual(try parse("1.0"), .double(1.0))
        XCTAssertEqual(try parse("1e0"), .double(1.0))
        XCTAssertEqual(try parse("1E+2"), .double(100))
        XCTAssertEqual(try parse("-0.5e-1"), .double(-0.05))
        XCTAssertEqual(try parse("true"), .bool(true))
        XCTAssertNotEqual(try parse("1"), try parse("1.0"))
        XCTAssertNotEqual(try parse("1"), try parse("true"))
        XCTAssertNotEqual(try parse("0"), try parse("false"))
    }

    func testInt64Bounds() throws {
        XCTAssertEqual(try parse("9223372036854775807"), .int(Int64.max))
        XCTAssertEqual(try parse("-9223372036854775808"), .int(Int64.min))
        XCTAssertEqual(parseError("9223372036854775808")?.reason, "integer too large")
        XCTAssertEqual(parseError("-9223372036854775809")?.reason, "integer too large")
        XCTAssertEqual(parseError("[1, 123456789012345678901234567890]")?.reason, "integer too large")
        XCTAssertEqual(parseError("[1, 123456789012345678901234567890]")?.offset, 4)
        // With a fraction or exponent the same magnitude is a valid double.
        XCTAssertEqual(try parse("9223372036854775808.0"), .double(9_223_372_036_854_775_808.0))
        XCTAssertEqual(try parse("1e19"), .double(1e19))
    }

    func testNumberGrammarErrors() {
        for bad in ["-", "01", "1.", ".5", "1e", "1e+", "+1", "0x10", "1.e3", "--1", "NaN", "Infinity", "-Infinity", "1 2"] {
            XCTAssertNotNil(parseError(bad), "should reject \(bad)")
        }
        XCTAssertEqual(parseError("1e400")?.reason, "number out of range")
        XCTAssertEqual(try? parse("1e-400"), .double(0))
    }

    func testObjectKeyOrderIsPreserved() throws {
        let value = try parse(#"{"z": 1, "a": 2, "m": {"y": null, "b": [true]}}"#)
        guard case .object(let members) = value else { return XCTFail("not an object") }
        XCTAssertEqual(members.map(\.key), ["z", "a", "m"])
        guard case .object(let inner)? = value["m"] else { return XCTFail("m not an object") }
        XCTAssertEqual(inner.map(\.key), ["y", "b"])
        XCTAssertEqual(text(value.serialized()), #"{"z":1,"a":2,"m":{"y":null,"b":[true]}}"#)
    }

    func testDuplicateKeysLastWinsAtFirstPosition() throws {
        let value = try parse(#"{"a": 1, "b": 2, "a": 3}"#)
        XCTAssertEqual(value, .object([(key: "a", value: .int(3)), (key: "b", value: .int(2))]))
        XCTAssertEqual(value["a"], .int(3))
    }

    func testDuplicateKeysInLargeObjects() throws {
        var members = (0..<40).map { "\"k\($0)\": \($0)" }
        members.append("\"k5\": \"five\"")
        members.append("\"k39\": \"last\"")
        let value = try parse("{" + members.joined(separator: ",") + "}")
        guard case .object(let parsed) = value else { return XCTFail("not an object") }
        XCTAssertEqual(parsed.count, 40)
        XCTAssertEqual(parsed[5].key, "k5")
        XCTAssertEqual(parsed[5].value, .string("five"))
        XCTAssertEqual(parsed[39].value, .string("last"))
        XCTAssertEqual(value["k20"], .int(20))
    }

    func testSubscript() throws {
        let value = try parse(#"{"messages": [{"body": {"event": "x"}}]}"#)
        XCTAssertNotNil(value["messages"])
        XCTAssertNil(value["missing"])
        XCTAssertNil(JSONValue.array([.int(1)])["0"])
        XCTAssertNil(JSONValue.string("a")["a"])
        let manual = JSONValue.object([(key: "a", value: .int(1)), (key: "a", value: .int(2))])
        XCTAssertEqual(manual["a"], .int(2))
    }

    func testEmptyContainersAndWhitespace() throws {
        XCTAssertEqual(try parse("[]"), .array([]))
        XCTAssertEqual(try parse("{}"), .object([]))
        XCTAssertEqual(try parse(" [ ] "), .array([]))
        XCTAssertEqual(try parse("{ \n }"), .object([]))
        XCTAssertEqual(try parse("[ 1 , [ ] , { } ]"), .array([.int(1), .array([]), .object([])]))
    }

    func testStringEscapes() throws {
        XCTAssertEqual(try parse(#""a\"b\\c\/d\be\ff\ng\rh\ti""#), .string("a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti"))
        XCTAssertEqual(try parse(#""\u00e9\u00E9""#), .string("éé"))
        XCTAssertEqual(try parse(#""\u0000""#), .string("\u{0}"))
        XCTAssertEqual(try parse(#""\ud83d\ude00""#), .string("😀"))
        XCTAssertEqual(try parse(#""x\uD834\uDD1Ey""#), .string("x𝄞y"))
        XCTAssertEqual(try parse("\"raw é 😀 中\""), .string("raw é 😀 中"))
    }

    func testLoneSurrogatesAreRejected() {
        XCTAssertEqual(parseError(#""\ud83d""#)?.reason, "lone surrogate")
        XCTAssertEqual(parseError(#""\ud83dx""#)?.reason, "lone surrogate")
        XCTAssertEqual(parseError(#""\ud83d\u0041""#)?.reason, "lone surrogate")
        XCTAssertEqual(parseError(#""\ude00""#)?.reason, "lone surrogate")
        XCTAssertEqual(parseError(#""ab\ude00""#)?.offset, 3)
        XCTAssertEqual(parseError(#""\ud83d\ud83d""#)?.reason, "lone surrogate")
    }

    func testInvalidEscapes() {
        for bad in [#""\x""#, #""\u12""#, #""\u12G4""#, #""\'""#, #""\"#, "\"\\u"] {
            XCTAssertNotNil(parseError(bad), "should reject \(bad)")
        }
        XCTAssertEqual(parseError(#""\q""#)?.reason, "invalid escape")
    }

    func testControlCharactersInStringsAreRejected() {
        for byte in [UInt8(0), 0x01, 0x09, 0x0A, 0x0D, 0x1F] {
            let error = parseError([0x22, 0x61, byte, 0x22])
            XCTAssertEqual(error?.reason, "control character in string", "byte \(byte)")
            XCTAssertEqual(error?.offset, 2)
        }
        // DEL is not a control character for JSON.
        XCTAssertEqual(try JSONValue.parse([0x22, 0x7F, 0x22]), .string("\u{7F}"))
    }

    func testInvalidUTF8IsRejected() {
        let cases: [[UInt8]] = [
            [0x22, 0xFF, 0x22],  // never valid
            [0x22, 0x80, 0x22],  // lone continuation
            [0x22, 0xC0, 0xAF, 0x22],  // overlong "/"
            [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong 3-byte
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
            [0x22, 0xE2, 0x82, 0x22],  // truncated
            [0x22, 0xC3],  // truncated at end of input
            [0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22],  // bad sequence after an escape
        ]
        for bytes in cases {
            XCTAssertEqual(parseError(bytes)?.reason, "invalid UTF-8", "\(bytes)")
        }
        XCTAssertEqual(parseError([0x22, 0x61, 0xFF, 0x22])?.offset, 2)
        XCTAssertEqual(parseError([0xEF, 0xBB, 0xBF, 0x7B, 0x7D])?.reason, "unexpected character")
        XCTAssertEqual(try JSONValue.parse([0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]), .string("\u{10FFFF}"))
    }

    func testTrailingGarbage() {
        XCTAssertEqual(parseError("{} x")?.reason, "trailing characters")
        XCTAssertEqual(parseError("{} x")?.offset, 3)
        XCTAssertEqual(parseError("[1]]")?.reason, "trailing characters")
        XCTAssertEqual(parseError("nullx")?.reason, "trailing characters")
        XCTAssertEqual(parseError("1 2")?.reason, "trailing characters")
    }

    func testStructuralErrors() {
        let cases: [(String, String)] = [
            ("", "unexpected end of input"),
            ("   ", "unexpected end of input"),
            ("[", "unexpected end of input"),
            ("[1", "unexpected end of input"),
            ("[1,", "unexpected end of input"),
            ("[1,]", "unexpected character"),
            ("[1 2]", "expected ',' or ']'"),
            ("{", "unexpected end of input"),
            ("{\"a\"", "unexpected end of input"),
            ("{\"a\" 1}", "expected ':'"),
            ("{\"a\":}", "unexpected character"),
            ("{\"a\":1,}", "expected string key"),
            ("{a:1}", "expected string key"),
            ("{\"a\":1 \"b\":2}", "expected ',' or '}'"),
            ("\"abc", "unterminated string"),
            ("tru", "invalid literal"),
            ("nul", "invalid literal"),
            ("trUe", "invalid literal"),
            ("falsy", "invalid literal"),
            ("'a'", "unexpected character"),
            ("}", "unexpected character"),
        ]
        for (input, reason) in cases {
            XCTAssertEqual(parseError(input)?.reason, reason, "input \(input)")
        }
        XCTAssertEqual(parseError("[1 2]")?.offset, 3)
    }

    func testDepthLimit() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        XCTAssertNoThrow(try parse(ok))
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        XCTAssertEqual(parseError(tooDeep)?.reason, "maximum depth exceeded")
        XCTAssertEqual(parseError(tooDeep)?.offset, 64)
        XCTAssertEqual(parseError(#"{"a":{"b":[1]}}"#, maxDepth: 2)?.reason, "maximum depth exceeded")
        XCTAssertNoThrow(try parse(#"{"a":{"b":1}}"#, maxDepth: 2))
        XCTAssertNoThrow(try parse("1", maxDepth: 0))
        XCTAssertEqual(parseError("[]", maxDepth: 0)?.reason, "maximum depth exceeded")
        // A hostile document much deeper than the limit fails fast without exhausting the stack.
        let hostile = String(repeating: "[", count: 1_000_000)
        XCTAssertEqual(parseError(hostile)?.reason, "maximum depth exceeded")
    }

    func testParsesNonContiguousCollectionsAndSlices() throws {
        let bytes = Array(#"xx{"a":[1,2]}yy"#.utf8)
        XCTAssertEqual(try JSONValue.parse(bytes[2..<13]), .object([(key: "a", value: .array([.int(1), .int(2)]))]))
        let lazy = #"[true]"#.utf8.lazy.map { $0 }
        XCTAssertEqual(try JSONValue.parse(lazy), .array([.bool(true)]))
        XCTAssertEqual(try JSONValue.parse("\"é\"".utf8), .string("é"))
    }

    func testErrorDescription() {
        let error = JSONParseError(reason: "trailing characters", offset: 3)
        XCTAssertEqual(error.description, "trailing characters at byte 3")
    }
}
