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

    /// `repr(float)` strings produced by CPython 3 for assorted magnitudes and digit counts;
    /// parsing each and re-serialising must give the identical text.
    func testPythonReprAgreesWithCPython() throws {
        let reprs = [
            "9.478653606091e-10",
            "48290000000.0",
            "5.827880059033551e-07",
            "3.7495658441985e-18",
            "6.99e-05",
            "424500.0",
            "2.2e+30",
            "5900000.0",
            "4.6583e-17",
            "4.191e-12",
            "3084820.0",
            "5.816002e-24",
            "9.74e-08",
            "596011.7",
            "68.039997318179",
            "3.14147170376792e+19",
            "2.99767e-07",
            "780000000000000.0",
            "3002491.185456253",
            "3.43475689958373e+26",
            "6.09e-12",
            "5.11933e-23",
            "3.420558061598579e+18",
            "3.92e-05",
            "5.5807575265e+18",
            "6.952953662736593e-09",
            "79700000.0",
            "9.35959961e+22",
            "6.97",
            "7.311593346e-27",
            "577946230717.718",
            "7.16627794398e-12",
            "9.40648566646e-29",
            "6.109195434830768e-20",
            "2.182077748e-27",
            "7.383633795948e-22",
            "9.168162261800615e-05",
            "1.663662824719e-25",
            "277840.0",
            "4.30521651e+22",
            "4503599627370497.0",
            "-5.0",
            "123.0",
            "0.0001",
            "9.999999999999999e-05",
            "9999999999999998.0",
            "1.152921504606847e+18",
            "9.313225746154785e-10"
,
        ]
        for repr in reprs {
            let value = try parse(repr)
            XCTAssertEqual(text(value.pythonSerialized()), repr)
            XCTAssertEqual(text(value.serialized()), repr)
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
