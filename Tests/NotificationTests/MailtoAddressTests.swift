import Shared
import StorageNode
import XCTest

final class MailtoAddressTests: XCTestCase {
    func testAddressAndSubject() throws {
        let mailto = try MailtoAddress(parsing: "mailto:ops%40example.com?subject=Queue%20alert&cc=x@y")
        XCTAssertEqual(mailto.address, "ops@example.com")
        XCTAssertEqual(mailto.subject, "Queue alert")
        XCTAssertEqual(mailto.subject(options: .object([("subject", .string("ignored"))])), "Queue alert")
    }

    func testSubjectAndSenderFallBackToOptions() throws {
        let mailto = try MailtoAddress(parsing: "MAILTO:ops@example.com")
        XCTAssertNil(mailto.subject)
        let options = JSONValue.object([("subject", .string("From options")), ("from", .string("a@example.com"))])
        XCTAssertEqual(mailto.subject(options: options), "From options")
        XCTAssertEqual(mailto.subject(options: .object([])), "")
        XCTAssertEqual(MailtoAddress.sender(options: options, configured: "herald@example.com"), "a@example.com")
        XCTAssertEqual(MailtoAddress.sender(options: .object([]), configured: "herald@example.com"), "herald@example.com")
    }

    func testInvalidSubscribersAreRejected() {
        for uri in ["mailto:", "http://example.com", "mailto:no-at-sign", "mailto:a b@example.com",
            "mailto:a@example.com%0D%0ARCPT", "mailto:<a@example.com>", "mailto:%zz@example.com"]
        {
            XCTAssertThrowsError(try MailtoAddress(parsing: uri), uri) { error in
                XCTAssertEqual(error as? SMTPError, .invalidMailto(uri))
            }
        }
    }
}
