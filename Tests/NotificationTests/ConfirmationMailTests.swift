import Foundation
import Shared
import StorageNode
import XCTest

/// Confirmation emails to `mailto:` subscribers (spec §5.5) over a real SQLite store that requires
/// confirmation and a real SMTP listener.
final class ConfirmationMailTests: XCTestCase {
    private static let secret = "confirmation-mail-secret"
    private static let externalURL = "https://confirm.example/page"
    private static let publicURL = "http://herald.example:8888"

    private var directory: URL!
    private var clock: TestWallClock!
    private var store: SQLiteQueueStore!
    private var smtp: SMTPTestServer!
    private var webhook: WebhookSender!
    private var dispatcherTask: Task<Void, Never>?
    private let queue = QueueRef(project: "p1", name: "q1")

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("confirmation-mail-\(UUID().uuidString)")
        clock = TestWallClock()
        store = try SQLiteQueueStore(
            path: directory.appendingPathComponent("herald.sqlite").path, clock: clock, requireConfirmation: true)
        smtp = try await SMTPTestServer.start()
        webhook = WebhookSender()
    }

    override func tearDown() async throws {
        dispatcherTask?.cancel()
        await smtp?.stop()
        await dispatcherTask?.value
        await webhook?.shutdown()
        try? store?.close()
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func startDispatcher(
        externalURL: String? = ConfirmationMailTests.externalURL,
        subscriptionEmail: ConfirmationEmailTemplate = .subscriptionDefault,
        unsubscribeEmail: ConfirmationEmailTemplate = .unsubscribeDefault
    ) {
        let mailer = SMTPMailer(configuration: SMTPConfiguration(host: "127.0.0.1", port: smtp.port, from: "herald@example.com"))
        let settings = ConfirmationSettings(
            signer: URLSigner(secret: Self.secret), publicURL: Self.publicURL, externalConfirmationURL: externalURL,
            subscriptionEmail: subscriptionEmail, unsubscribeEmail: unsubscribeEmail)
        let dispatcher = NotificationDispatcher(
            store: store, webhook: webhook, mailer: mailer, clock: clock, confirmation: settings)
        dispatcherTask = Task { await dispatcher.run() }
    }

    private func subscribe(_ subscriber: String, options: String = "{}") async throws -> String {
        try await store.createSubscription(
            queue, NewSubscription(subscriber: subscriber, ttl: 3600, options: Array(options.utf8))
        ).id
    }

    private func mails(count: Int) async -> [SMTPTestServer.Message] {
        let arrived = await eventually(within: 10) { [smtp] in await (smtp?.messages().count ?? 0) >= count }
        XCTAssertTrue(arrived, "\(count) mails")
        return await smtp.messages()
    }

    /// The query items of the first line of `body` that starts with `base?`.
    private func link(in body: [String], base: String = ConfirmationMailTests.externalURL) throws -> [String: String] {
        let line = try XCTUnwrap(body.first { $0.hasPrefix(base + "?") }, "a link in \(body)")
        let components = try XCTUnwrap(URLComponents(string: line))
        XCTAssertEqual(components.queryItems?.map(\.name), ["Signature", "Methods", "Paths", "Project", "Expires", "Url", "Queue"])
        return Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
    }

    private func verifies(_ query: [String: String]) -> Bool {
        guard let signature = query["Signature"], let paths = query["Paths"], let methods = query["Methods"],
              let project = query["Project"], let expires = query["Expires"].flatMap(UTCTimestamp.parseISO8601)
        else { return false }
        return URLSigner(secret: Self.secret).isValid(
            signature: signature,
            for: SignedURLScope(paths: [paths], methods: [methods], project: project, expiresSeconds: expires))
    }

    func testDefaultConfirmationEmailCarriesASignedLink() async throws {
        let created = clock.nowMillis()
        let id = try await subscribe("mailto:ops@example.com?subject=Ignored", options: #"{"from":"spoof@example.com"}"#)
        startDispatcher()
        let received = await mails(count: 1)
        let mail = try XCTUnwrap(received.first)
        XCTAssertEqual(mail.recipients, ["ops@example.com"])
        XCTAssertEqual(mail.mailFrom, "herald@example.com", "the default template has no sender: --smtp-from")
        XCTAssertEqual(mail.header("Subject"), "Herald: please confirm your subscription to q1")
        let text = mail.body.joined(separator: "\n")
        XCTAssertTrue(text.contains(#"notifications of "q1" (project p1)"#), text)
        let path = "/v2/queues/q1/subscriptions/\(id)/confirm"
        let query = try link(in: mail.body)
        XCTAssertEqual(query["Methods"], "PUT")
        XCTAssertEqual(query["Paths"], path)
        XCTAssertEqual(query["Project"], "p1")
        XCTAssertEqual(query["Expires"], UTCTimestamp.naive(seconds: created / 1000 + 3600))
        XCTAssertEqual(query["Url"], Self.publicURL + path)
        XCTAssertEqual(query["Queue"], "q1")
        XCTAssertTrue(verifies(query), "the link's signature verifies")
        let emptied = await eventually(within: 10) { [store] in (try? await store?.outboxCount()) == 0 }
        XCTAssertTrue(emptied)
    }

    func testCustomTemplatesForConfirmationAndUnsubscribe() async throws {
        let subscribeTemplate = try ConfirmationEmailTemplate.subscriptionDefault.overriding(withJSON: Array(
            #"{"topic":"Confirm {0}","body":"Queue {0} of {1}:\n{2}\n","sender":"Ops Team <noreply@example.com>"}"#.utf8))
        let unsubscribeTemplate = try ConfirmationEmailTemplate.unsubscribeDefault.overriding(withJSON: Array(
            #"{"topic":"Bye from {0}"}"#.utf8))
        let id = try await subscribe("mailto:ops@example.com")
        startDispatcher(subscriptionEmail: subscribeTemplate, unsubscribeEmail: unsubscribeTemplate)
        let first = await mails(count: 1)
        let confirmation = try XCTUnwrap(first.first)
        XCTAssertEqual(confirmation.header("Subject"), "Confirm q1")
        XCTAssertEqual(confirmation.header("From"), "Ops Team <noreply@example.com>")
        XCTAssertEqual(confirmation.mailFrom, "noreply@example.com", "the template's sender wins over --smtp-from")
        XCTAssertEqual(confirmation.body.first, "Queue q1 of p1:")
        XCTAssertTrue(verifies(try link(in: confirmation.body)))

        clock.advance(seconds: 60)
        try await store.confirmSubscription(queue, id: id, confirmed: false)
        let both = await mails(count: 2)
        let notice = try XCTUnwrap(both.last)
        XCTAssertEqual(notice.header("Subject"), "Bye from q1")
        XCTAssertEqual(notice.mailFrom, "herald@example.com", "a missing sender keeps the default")
        let text = notice.body.joined(separator: "\n")
        XCTAssertTrue(text.contains(#"unsubscribed from the notifications of "q1""#), "the default body is kept: \(text)")
        let query = try link(in: notice.body)
        XCTAssertEqual(query["Expires"], UTCTimestamp.naive(seconds: clock.nowMillis() / 1000 + 3600))
        XCTAssertTrue(verifies(query))
    }

    func testWithoutAnExternalURLNothingIsMailedAndTheRowIsDropped() async throws {
        _ = try await subscribe("mailto:ops@example.com")
        startDispatcher(externalURL: nil)
        let emptied = await eventually(within: 10) { [store] in (try? await store?.outboxCount()) == 0 }
        XCTAssertTrue(emptied, "dropped, not kept pending")
        let messages = await smtp.messages()
        XCTAssertTrue(messages.isEmpty)
        let commands = await smtp.commands()
        XCTAssertTrue(commands.isEmpty, "no SMTP connection was even made")
    }
}
