import Crypto
import Foundation
import Router
import Shared
import XCTest
import _CryptoExtras

/// The router's authentication flags turned into an auth mode: `noauth` only on loopback unless
/// forced, `token` only with a usable key.
final class TokenAuthOptionsTests: XCTestCase {
    private func options(
        _ mode: String, secret: String? = nil, publicKeyFile: String? = nil, host: String = "127.0.0.1", force: Bool = false
    ) -> AuthModeOptions {
        AuthModeOptions(
            mode: mode, tokenSecret: secret, tokenPublicKeyFile: publicKeyFile, tokenIssuer: nil, tokenAudience: nil, host: host,
            allowInsecureNoauth: force)
    }

    private func refusal(_ options: AuthModeOptions) -> String? {
        do {
            _ = try options.authMode()
            return nil
        } catch {
            return error.description
        }
    }

    func testLoopbackAddresses() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]", "0:0:0:0:0:0:0:1"] {
            XCTAssertTrue(AuthMode.isLoopback(host: host), host)
        }
        for host in ["0.0.0.0", "::", "10.0.0.1", "192.168.1.10", "127.0.0", "127.0.0.256", "127.a.0.1", "example.com", "", "128.0.0.1"] {
            XCTAssertFalse(AuthMode.isLoopback(host: host), host)
        }
    }

    func testNoauthIsRefusedOffLoopbackUnlessForced() throws {
        XCTAssertNil(refusal(options("noauth")))
        let refused = try XCTUnwrap(refusal(options("noauth", host: "0.0.0.0")))
        XCTAssertTrue(refused.contains("--allow-insecure-noauth"), refused)
        XCTAssertNil(refusal(options("noauth", host: "0.0.0.0", force: true)))
    }

    func testTokenModeNeedsAUsableKey() throws {
        let missing = try XCTUnwrap(refusal(options("token")))
        XCTAssertTrue(missing.contains("--token-secret"), missing)
        XCTAssertNotNil(refusal(options("token", secret: "")))
        XCTAssertNotNil(refusal(options("token", secret: "short")), "secrets under 16 bytes are refused")
        XCTAssertNil(refusal(options("token", secret: "0123456789abcdef", host: "0.0.0.0")))
        XCTAssertNotNil(refusal(options("token", publicKeyFile: "/nonexistent/key.pem")))
        XCTAssertEqual(refusal(options("basic")), "--auth must be token or noauth")
    }

    func testPublicKeyFilesChooseTheAlgorithm() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("token-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files: [(String, String, JWTAlgorithm?)] = [
            ("ec.pem", P256.Signing.PrivateKey().publicKey.pemRepresentation, .es256),
            ("rsa.pem", TokenAuthFixtures.rsaKey.publicKey.pemRepresentation, .rs256),
            ("private.pem", P256.Signing.PrivateKey().pemRepresentation, nil),
            ("junk.pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", nil),
        ]
        for (name, pem, algorithm) in files {
            let path = directory.appendingPathComponent(name).path
            try pem.write(toFile: path, atomically: true, encoding: .utf8)
            let result = Result { try options("token", publicKeyFile: path).authMode() }
            switch (try? result.get(), algorithm) {
            case (.token(let verifier)?, let algorithm?):
                XCTAssertEqual(verifier.acceptedAlgorithms, [algorithm], name)
            case (nil, nil):
                break
            default:
                XCTFail("\(name): unexpected \(result)")
            }
        }
        let both = try options("token", secret: "0123456789abcdef0123", publicKeyFile: directory.appendingPathComponent("ec.pem").path)
            .authMode()
        guard case .token(let verifier) = both else { return XCTFail("token mode expected") }
        XCTAssertEqual(verifier.acceptedAlgorithms, [.hs256, .es256])
    }
}
