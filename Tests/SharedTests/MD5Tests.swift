import XCTest

@testable import Shared

final class MD5Tests: XCTestCase {
    func testRFC1321Suite() {
        let vectors: [(String, String)] = [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
            (
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                "d174ab98d277d9f5a5611c2c9f419d9f"
            ),
            (
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57edf4a22be3c955ac49da2e2107b67a"
            ),
        ]
        for (input, digest) in vectors {
            XCTAssertEqual(MD5.hexDigest(Array(input.utf8)), digest, input)
        }
    }

    func testPaddingBoundaries() {
        // Lengths around the 56- and 64-byte padding edges (digests from Python hashlib).
        let cases: [(Int, String)] = [
            (55, "ef1772b6dff9a122358552954ad0df65"),
            (56, "3b0c8ac703f828b04c6c197006d17218"),
            (63, "b06521f39153d618550606be297466d5"),
            (64, "014842d480b571495a4a0363793f7367"),
            (65, "c743a45e0d2e6a95cb859adae0248435"),
        ]
        for (length, digest) in cases {
            XCTAssertEqual(MD5.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: length)), digest, "\(length)")
        }
    }

    func testAcceptsAnyByteCollection() {
        XCTAssertEqual(MD5.hexDigest("abc".utf8), "900150983cd24fb0d6963f7d28e17f72")
        XCTAssertEqual(MD5.hexDigest("xabcx".utf8.dropFirst().dropLast()), "900150983cd24fb0d6963f7d28e17f72")
        XCTAssertEqual(MD5.hexDigest("abc".utf8.lazy.map { $0 }), "900150983cd24fb0d6963f7d28e17f72")
    }

    func testChecksumOfSpecExample() {
        XCTAssertEqual(MD5.hexDigest(Array(#"{"event": "BackupStarted"}"#.utf8)), "82eb2714b7c0237d373947c046cac78d")
    }
}
