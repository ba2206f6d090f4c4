import Shared
import XCTest

/// Unpadded base64url (RFC 4648 §5) as JSON Web Tokens use it.
final class TokenBase64URLTests: XCTestCase {
    func testEncodesTheRFC4648VectorsWithoutPadding() {
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64URL.encode(Array(plain.utf8)), encoded, plain)
            XCTAssertEqual(Base64URL.decode(encoded), Array(plain.utf8), encoded)
        }
    }

    func testUsesTheURLSafeAlphabet() {
        XCTAssertEqual(Base64URL.encode([0xFB, 0xFF, 0xBF]), "-_-_")
        XCTAssertEqual(Base64URL.decode("-_-_"), [0xFB, 0xFF, 0xBF])
    }

    func testRoundTripsEveryLengthAndByte() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for length in 0...bytes.count {
            let slice = Array(bytes.prefix(length))
            XCTAssertEqual(Base64URL.decode(Base64URL.encode(slice)), slice, "length \(length)")
        }
    }

    func testRejectsPaddingOtherAlphabetsAndImpossibleLengths() {
        for text in ["Zg==", "Zm8=", "+/+/", "Zm9v Yg", "Zm9vY", "Z", "Zm9\n", "Zm9vYmFy!", "é"] {
            XCTAssertNil(Base64URL.decode(text), text)
        }
    }

    func testRejectsNonZeroUnusedBitsSoEveryValueHasOneSpelling() {
        XCTAssertEqual(Base64URL.decode("Zg"), [0x66])
        XCTAssertNil(Base64URL.decode("Zh"), "the low 4 bits of the last character must be zero")
        XCTAssertEqual(Base64URL.decode("Zm8"), [0x66, 0x6F])
        XCTAssertNil(Base64URL.decode("Zm9"), "the low 2 bits of the last character must be zero")
    }
}
