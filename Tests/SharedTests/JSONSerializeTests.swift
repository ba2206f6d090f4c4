import XCTest

@testable import Shared

final class JSONSerializeTests: XCTestCase {
    func testCompactRoundTrip() throws {
        let inputs = [
            #"{"a":1,"b":[true,false,null],"c":{"d":"e"},"f":-2.5,"g":""}"#,
            #"[1,1.0,1e+20,1e-05,0.0001,-0.0,"é😀"]"#,
            #""quote \" backslash \\ newline \n tab \t ctl \u0001""#,
            "[]", "{}", "null", "-9223372036854775808",
        ]
        for input in inputs {
            let value = try parse(input)
            XCTAssertEqual(text(value.serialized()), input)
            XCTAssertEqual(try JSONValue.parse(value.serialized()), value)
        }
    }

    func testCompactNormalisesWhitespaceAndEscapes() throws {
        let value = try parse(#" { "k" : [ "\u00e9\/" , 2 ] } "#)
        XCTAssertEqual(text(value.serialized()), #"{"k":["é/",2]}"#)
    }

    func testCompactEscapesControlCharacters() {
        let value = JSONValue.string("\u{0}\u{8}\u{C}\u{1F}\u{7F}")
        XCTAssertEqual(text(value.serialized()), #""\u0000\b\f\u001f"# + "\u{7F}\"")
    }

    func testCompactWritesNonFiniteAsNull() {
        XCTAssertEqual(text(JSONValue.array([.double(.infinity), .double(.nan)]).serialized()), "[null,null]")
    }

    func testDoublesRoundTripExactly() throws {
        let values: [Double] = [
            0.1, 0.2 + 0.1, 1.0 / 3.0, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 123_456_789.123_456_78,
            -1e-7, 2.5e15, 9_007_199_254_740_994, 1e16, 1.7976931348623157e308,
        ]
        for value in values {
            let bytes = JSONValue.double(value).serialized()
            XCTAssertEqual(try JSONValue.parse(bytes), .double(value), text(bytes))
        }
    }

    func testPythonFloatRepr() {
        let cases: [(Double, String)] = [
            (1e20, "1e+20"), (1e16, "1e+16"), (1e15, "1000000000000000.0"),
            (9_999_999_999_999_998, "9999999999999998.0"), (1.5e16, "1.5e+16"),
            (1e-5, "1e-05"), (1e-4, "0.0001"), (0.00012, "0.00012"), (1.5, "1.5"), (100.0, "100.0"),
            (0.0, "0.0"), (-0.0, "-0.0"), (-2.5, "-2.5"), (0.1, "0.1"), (0.1 + 0.2, "0.30000000000000004"),
            (1.0 / 3.0, "0.3333333333333333"), (1.2345678901234568e17, "1.2345678901234568e+17"),
            (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (1e100, "1e+100"),
            (1.5e-7, "1.5e-07"), (12345.678, "12345.678"), (-1e22, "-1e+22"),
            (.infinity, "Infinity"), (-.infinity, "-Infinity"), (.nan, "NaN"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(text(JSONValue.double(value).pythonSerialized()), expected, "\(value)")
        }
    }

    func testPythonSerializedSpacingAndEscaping() throws {
        let value = try parse(#"{"a":[1,2.5,"é"]}"#)
        XCTAssertEqual(text(value.pythonSerialized()), #"{"a": [1, 2.5, "\u00e9"]}"#)
        let nested = try parse(#"{"z":{},"y":[],"x":{"w":[null,true,false]},"k\u00fc":"\ud83d\ude00\u0007\"\\/"}"#)
        XCTAssertEqual(
            text(nested.pythonSerialized()),
            #"{"z": {}, "y": [], "x": {"w": [null, true, false]}, "k\u00fc": "\ud83d\ude00\u0007\"\\/"}"#
        )
        XCTAssertEqual(text(JSONValue.string("\u{7F}\u{FFFF}中").pythonSerialized()), #""\u007f\uffff\u4e2d""#)
        XCTAssertEqual(text(JSONValue.string("\n\r\t\u{8}\u{C}").pythonSerialized()), #""\n\r\t\b\f""#)
        XCTAssertEqual(text(JSONValue.int(-9_223_372_036_854_775_808).pythonSerialized()), "-9223372036854775808")
    }

    func testSpecChecksumExample() throws {
        let body = try parse(#"{"event":"BackupStarted"}"#)
        let serialised = body.pythonSerialized()
        XCTAssertEqual(text(serialised), #"{"event": "BackupStarted"}"#)
        XCTAssertEqual("MD5:" + MD5.hexDigest(serialised), "MD5:82eb2714b7c0237d373947c046cac78d")
    }
}
