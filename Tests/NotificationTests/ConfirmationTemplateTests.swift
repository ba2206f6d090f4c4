import Shared
@testable import StorageNode
import XCTest

/// Confirmation email templates, sender parsing and confirmation link encoding.
final class ConfirmationTemplateTests: XCTestCase {
    func testDefaultTemplatesFillEveryPlaceholder() {
        for template in [ConfirmationEmailTemplate.subscriptionDefault, .unsubscribeDefault] {
            let mail = template.render(queueName: "orders", project: "acme", link: "https://confirm.example/?x=1")
            XCTAssertTrue(mail.subject.contains("orders"), mail.subject)
            XCTAssertTrue(mail.body.contains("\"orders\" (project acme)"), mail.body)
            XCTAssertTrue(mail.body.contains("\nhttps://confirm.example/?x=1\n") || mail.body.hasSuffix("\nhttps://confirm.example/?x=1"), mail.body)
            XCTAssertFalse(mail.subject.contains("{") || mail.body.contains("{"), "no placeholder left")
            XCTAssertNil(template.sender, "the node's --smtp-from by default")
        }
    }

    func testPlaceholdersAreReplacedOnceAndOtherBracesKept() {
        let filled = ConfirmationEmailTemplate.replacingPlaceholders(
            in: "{0}/{1}/{2} {3} {x} {+1} {} {{0}} {0", with: ["a{1}", "b", "c"])
        XCTAssertEqual(filled, "a{1}/b/c {3} {x} {+1} {} {a{1}} {0")
    }

    func testOverridingKeepsMissingMembers() throws {
        let template = try ConfirmationEmailTemplate.subscriptionDefault.overriding(
            withJSON: Array(#"{"sender":"\"Ops, Inc.\" <ops@example.com>","topic":"Confirm {0}"}"#.utf8))
        XCTAssertEqual(template.topic, "Confirm {0}")
        XCTAssertEqual(template.body, ConfirmationEmailTemplate.subscriptionDefault.body)
        XCTAssertEqual(template.sender, #""Ops, Inc." <ops@example.com>"#)
        let empty = try ConfirmationEmailTemplate.unsubscribeDefault.overriding(withJSON: Array("{}".utf8))
        XCTAssertEqual(empty, .unsubscribeDefault)
    }

    func testUnusableTemplatesAreRefused() {
        let cases: [(String, ConfirmationTemplateError)] = [
            (#"["topic"]"#, .notAnObject),
            (#"{"topic": 1}"#, .notAString("topic")),
            (#"{"subject": "x"}"#, .unknownKey("subject")),
            (#"{"sender": "not an address"}"#, .unusableSender("not an address")),
            (#"{"sender": "Ops\r\nBcc: x@y.z <ops@example.com>"}"#, .unusableSender("Ops\r\nBcc: x@y.z <ops@example.com>")),
        ]
        for (json, expected) in cases {
            XCTAssertThrowsError(try ConfirmationEmailTemplate.subscriptionDefault.overriding(withJSON: Array(json.utf8))) {
                XCTAssertEqual($0 as? ConfirmationTemplateError, expected, json)
            }
        }
        XCTAssertThrowsError(try ConfirmationEmailTemplate.subscriptionDefault.overriding(withJSON: Array("{".utf8))) {
            guard case .invalidJSON? = $0 as? ConfirmationTemplateError else { return XCTFail("got \($0)") }
        }
    }

    func testMailSenderForms() throws {
        let plain = try MailSender(parsing: " ops@example.com ")
        XCTAssertEqual(plain.address, "ops@example.com")
        XCTAssertNil(plain.displayName)
        XCTAssertEqual(plain.header, "ops@example.com")
        let named = try MailSender(parsing: "Herald Notifications <no-reply@example.com>")
        XCTAssertEqual(named.address, "no-reply@example.com")
        XCTAssertEqual(named.header, "Herald Notifications <no-reply@example.com>")
        let quoted = try MailSender(parsing: #""Ops, Inc." <ops@example.com>"#)
        XCTAssertEqual(quoted.displayName, "Ops, Inc.")
        XCTAssertEqual(quoted.header, #""Ops, Inc." <ops@example.com>"#)
        let accented = try MailSender(parsing: "Équipe <ops@example.com>")
        XCTAssertEqual(accented.header, "=?UTF-8?B?w4lxdWlwZQ==?= <ops@example.com>")
        let bare = try MailSender(parsing: "<ops@example.com>")
        XCTAssertEqual(bare.header, "ops@example.com")
        for bad in ["", "Ops <>", "Ops <not-an-address>", "Ops\n <ops@example.com>", "ops@example.com>\r\nRCPT TO:<x@y"] {
            XCTAssertThrowsError(try MailSender(parsing: bad), bad) {
                XCTAssertEqual($0 as? SMTPError, .invalidAddress(bad))
            }
        }
    }

    func testConfirmationLinkEncodesEveryValue() {
        let row = PendingNotification(
            seq: 1, kind: .subscriptionConfirmation, subscriptionID: "abc", queue: QueueRef(project: "p 1&x", name: "q1"),
            subscriber: "mailto:ops@example.com", options: [], confirmed: false, subscriptionExpires: 4_102_444_800_999,
            payload: [], attempts: 0, due: 0)
        let request = ConfirmationRequest(
            row: row, signer: URLSigner(secret: "s"), publicURL: "http://h:8888//", nowMillis: 0)
        XCTAssertEqual(request.scope.expires, "2100-01-01T00:00:00", "the subscription's expiry, whole seconds")
        XCTAssertEqual(request.subscribeURL, "http://h:8888/v2/queues/q1/subscriptions/abc/confirm")
        let link = request.emailLink(externalURL: "https://c.example/page?lang=en")
        XCTAssertEqual(link, "https://c.example/page?lang=en&Signature=\(request.signature)&Methods=PUT"
            + "&Paths=%2Fv2%2Fqueues%2Fq1%2Fsubscriptions%2Fabc%2Fconfirm&Project=p%201%26x&Expires=2100-01-01T00%3A00%3A00"
            + "&Url=http%3A%2F%2Fh%3A8888%2Fv2%2Fqueues%2Fq1%2Fsubscriptions%2Fabc%2Fconfirm&Queue=q1")
        XCTAssertEqual(ConfirmationRequest.percentEncoded("aZ09-._~ é/"), "aZ09-._~%20%C3%A9%2F")
    }

    func testWithoutAPublicURLThereIsNoSubscribeURL() throws {
        let row = PendingNotification(
            seq: 1, kind: .unsubscribeConfirmation, subscriptionID: "abc", queue: QueueRef(project: "p", name: "q"),
            subscriber: "http://h/x", options: [], confirmed: false, subscriptionExpires: 0, payload: [], attempts: 0,
            due: 0)
        let request = ConfirmationRequest(row: row, signer: URLSigner(secret: "s"), publicURL: nil, nowMillis: 1_500)
        XCTAssertEqual(request.scope.expiresSeconds, 1 + 3600, "an unsubscribe link lasts an hour from now")
        let body = try JSONValue.parse(request.webhookBody())
        XCTAssertNil(body["WSGISubscribeURL"])
        XCTAssertEqual(body["Message_Type"], .string("UnsubscribeConfirmation"))
        XCTAssertTrue(request.emailLink(externalURL: "https://c.example").contains("&Url=&Queue=q"))
    }
}
