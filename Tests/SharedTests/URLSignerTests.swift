import Shared
import XCTest

final class URLSignerTests: XCTestCase {
    private let year2100 = UTCTimestamp.daysFromCivil(year: 2100, month: 1, day: 1) * 86_400

    func testSpecVectorOnePathOneMethod() {
        let scope = SignedURLScope(
            paths: ["/v2/queues/shared/messages"], methods: ["GET"], project: "my-project", expiresSeconds: year2100)
        XCTAssertEqual(scope.expires, "2100-01-01T00:00:00")
        XCTAssertEqual(
            URLSigner(secret: "test").signature(for: scope),
            "340fe730fc55ad345179c8cfbe7a2a689615795eb8ea8b8ec5fafdcce9c46de4")
    }

    func testSpecVectorSortsPathsAndMethodsAndSignsMissingProjectAsNone() {
        let scope = SignedURLScope(
            paths: ["/v2/queues/shared/messages", "/v2/queues/shared/claims"], methods: ["POST", "GET"],
            project: nil, expiresSeconds: year2100)
        XCTAssertEqual(
            scope.canonicalString,
            "/v2/queues/shared/claims,/v2/queues/shared/messages\\nGET,POST\\nNone\\n2100-01-01T00:00:00")
        XCTAssertEqual(
            URLSigner(secret: "test").signature(for: scope),
            "7e4f010c26a581658df431d42219d9cf26787dce423c329e628a01b38b423418")
    }

    func testVerificationRejectsAnyChangedField() {
        let signer = URLSigner(secret: "s3cret")
        let scope = SignedURLScope(paths: ["/v2/queues/a/messages"], methods: ["GET"], project: "p", expiresSeconds: year2100)
        let signature = signer.signature(for: scope)
        XCTAssertTrue(signer.isValid(signature: signature, for: scope))
        var other = scope
        other.project = "q"
        XCTAssertFalse(signer.isValid(signature: signature, for: other))
        other = scope
        other.methods = ["GET", "DELETE"]
        XCTAssertFalse(signer.isValid(signature: signature, for: other))
        other = scope
        other.expiresSeconds += 1
        XCTAssertFalse(signer.isValid(signature: signature, for: other))
        XCTAssertFalse(URLSigner(secret: "other").isValid(signature: signature, for: scope))
        XCTAssertFalse(signer.isValid(signature: String(signature.dropLast()), for: scope))
        XCTAssertFalse(signer.isValid(signature: signature.uppercased(), for: scope))
    }
}

final class UTCTimestampTests: XCTestCase {
    func testFormatting() {
        XCTAssertEqual(UTCTimestamp.iso8601(millis: 0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(UTCTimestamp.iso8601(millis: 1_709_251_199_999), "2024-02-29T23:59:59Z")
        XCTAssertEqual(UTCTimestamp.iso8601(millis: -1), "1969-12-31T23:59:59Z")
        XCTAssertEqual(UTCTimestamp.naive(seconds: 951_782_400), "2000-02-29T00:00:00")
    }

    func testParsingAcceptsTheCommonISOForms() {
        let base: Int64 = 1_709_251_199  // 2024-02-29T23:59:59Z
        XCTAssertEqual(UTCTimestamp.parseISO8601("2024-02-29T23:59:59"), base)
        XCTAssertEqual(UTCTimestamp.parseISO8601("2024-02-29T23:59:59Z"), base)
        XCTAssertEqual(UTCTimestamp.parseISO8601("2024-02-29 23:59:59.999999"), base)
        XCTAssertEqual(UTCTimestamp.parseISO8601("2024-03-01T01:59:59+02:00"), base)
        XCTAssertEqual(UTCTimestamp.parseISO8601("2024-02-29T21:59:59-0200"), base)
        XCTAssertEqual(UTCTimestamp.parseISO8601("2024-02-29T23:59"), base - 59)
        XCTAssertEqual(UTCTimestamp.parseISO8601("2024-02-29"), base - 86_399)
    }

    func testParsingRejectsEverythingElse() {
        for text in ["3600", "", "2024-02-30", "2023-02-29T00:00:00", "2024-13-01", "2024-02-29T24:00:00",
                     "2024-02-29T23:59:59Q", "2024-02-29T23:59:59+", "2024-2-29", "tomorrow", "2024-02-29T"] {
            XCTAssertNil(UTCTimestamp.parseISO8601(text), text)
        }
    }

    func testCivilConversionsRoundTrip() {
        for days: Int64 in [-800_000, -1, 0, 59, 60, 10_957, 2_932_896] {
            let (year, month, day) = UTCTimestamp.civilDate(daysSinceEpoch: days)
            XCTAssertEqual(UTCTimestamp.daysFromCivil(year: year, month: month, day: day), days)
        }
    }
}
