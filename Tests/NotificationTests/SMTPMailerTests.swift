import NIOCore
import NIOPosix
import Shared
import StorageNode
import XCTest

final class SMTPMailerTests: XCTestCase {
    private var servers: [SMTPTestServer] = []

    override func tearDown() async throws {
        for server in servers { await server.stop() }
    }

    private func server(_ script: SMTPTestServer.Script = .init()) async throws -> SMTPTestServer {
        let server = try await SMTPTestServer.start(script)
        servers.append(server)
        return server
    }

    private func mailer(_ server: SMTPTestServer, user: String? = nil, password: String? = nil, timeout: Duration = .seconds(10))
        -> SMTPMailer
    {
        SMTPMailer(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: server.port, username: user, password: password, from: "herald@example.com",
                timeout: timeout))
    }

    private func sendError(_ mailer: SMTPMailer, to: String = "ops@example.com") async -> SMTPError? {
        do {
            try await mailer.send(to: to, subject: "s", body: "b")
            return nil
        } catch {
            return error
        }
    }

    func testMessageIsDeliveredWithHeadersAndBody() async throws {
        let server = try await server()
        let body = #"{"body": {"event": "BackupStarted"}, "ttl": 300, "queue_name": "q1"}"#
        try await mailer(server).send(to: "ops@example.com", subject: "Queue alert", body: body)
        let first = await server.messages().first
        let message = try XCTUnwrap(first)
        XCTAssertEqual(message.mailFrom, "herald@example.com")
        XCTAssertEqual(message.recipients, ["ops@example.com"])
        XCTAssertEqual(message.header("From"), "herald@example.com")
        XCTAssertEqual(message.header("To"), "ops@example.com")
        XCTAssertEqual(message.header("Subject"), "Queue alert")
        XCTAssertEqual(message.body, [body])
        XCTAssertNil(message.authenticated)
        let commands = await server.commands()
        XCTAssertEqual(commands.first, "EHLO localhost")
        XCTAssertTrue(commands.contains("MAIL FROM:<herald@example.com> BODY=8BITMIME"))
    }

    func testExplicitSenderAndEncodedSubject() async throws {
        let server = try await server()
        try await mailer(server).send(to: "ops@example.com", subject: "Événement", body: "x", from: "alerts@example.com")
        let first = await server.messages().first
        let message = try XCTUnwrap(first)
        XCTAssertEqual(message.mailFrom, "alerts@example.com")
        XCTAssertEqual(message.header("From"), "alerts@example.com")
        XCTAssertEqual(message.header("Subject"), "=?UTF-8?B?\(Data("Événement".utf8).base64EncodedString())?=")
    }

    func testDotStuffing() async throws {
        let server = try await server()
        try await mailer(server).send(to: "ops@example.com", subject: "dots", body: ".leading\n..two\nplain\r\n.")
        let first = await server.messages().first
        let message = try XCTUnwrap(first)
        XCTAssertEqual(message.body, [".leading", "..two", "plain", "."])
        XCTAssertTrue(message.wireLines.contains("..leading"))
        XCTAssertTrue(message.wireLines.contains("...two"))
        XCTAssertTrue(message.wireLines.contains(".."))
    }

    func testAuthPlain() async throws {
        var script = SMTPTestServer.Script()
        script.credentials = ("herald", "s3cret")
        let server = try await server(script)
        try await mailer(server, user: "herald", password: "s3cret").send(to: "ops@example.com", subject: "s", body: "b")
        let first = await server.messages().first
        let message = try XCTUnwrap(first)
        XCTAssertEqual(message.authenticated?.user, "herald")
        XCTAssertEqual(message.authenticated?.password, "s3cret")
        let commands = await server.commands()
        XCTAssertTrue(commands.contains { $0.hasPrefix("AUTH PLAIN ") })

        let refused = await sendError(mailer(server, user: "herald", password: "wrong"))
        XCTAssertEqual(refused, .rejected(command: "AUTH", code: 535, message: "5.7.8 bad credentials"))
        XCTAssertEqual(refused?.isRetryable, false)
    }

    func testAuthLoginWhenOnlyLoginIsOffered() async throws {
        var script = SMTPTestServer.Script()
        script.authExtension = "AUTH LOGIN"
        script.credentials = ("herald", "s3cret")
        let server = try await server(script)
        try await mailer(server, user: "herald", password: "s3cret").send(to: "ops@example.com", subject: "s", body: "b")
        let first = await server.messages().first
        let message = try XCTUnwrap(first)
        XCTAssertEqual(message.authenticated?.user, "herald")
        let commands = await server.commands()
        XCTAssertTrue(commands.contains("AUTH LOGIN"))
    }

    func testTransientReplyIsRetryable() async throws {
        var script = SMTPTestServer.Script()
        script.replies["RCPT"] = "450 4.2.1 mailbox busy"
        let server = try await server(script)
        let error = await sendError(mailer(server))
        XCTAssertEqual(error, .rejected(command: "RCPT TO", code: 450, message: "4.2.1 mailbox busy"))
        XCTAssertEqual(error?.isRetryable, true)
        let messages = await server.messages()
        XCTAssertTrue(messages.isEmpty)
    }

    func testPermanentReplyIsNotRetryable() async throws {
        var script = SMTPTestServer.Script()
        script.replies["MAIL"] = "550 5.7.1 sender refused"
        let server = try await server(script)
        let error = await sendError(mailer(server))
        XCTAssertEqual(error, .rejected(command: "MAIL FROM", code: 550, message: "5.7.1 sender refused"))
        XCTAssertEqual(error?.isRetryable, false)
    }

    func testRejectedMessageBodyIsReported() async throws {
        var script = SMTPTestServer.Script()
        script.replies["END"] = "451 4.3.0 try later"
        let server = try await server(script)
        let error = await sendError(mailer(server))
        XCTAssertEqual(error, .rejected(command: "message", code: 451, message: "4.3.0 try later"))
        XCTAssertEqual(error?.isRetryable, true)
    }

    func testServerClosingMidDialogueIsRetryable() async throws {
        var script = SMTPTestServer.Script()
        script.replies["RCPT"] = ""
        let server = try await server(script)
        let error = await sendError(mailer(server))
        XCTAssertEqual(error, .connectionClosed)
        XCTAssertEqual(error?.isRetryable, true)
    }

    func testStartTLSRequiredButNotOffered() async throws {
        let server = try await server()
        let mailer = SMTPMailer(
            configuration: SMTPConfiguration(host: "127.0.0.1", port: server.port, startTLS: true, from: "herald@example.com"))
        let error = await sendError(mailer)
        XCTAssertEqual(error, .startTLSUnavailable)
        let messages = await server.messages()
        XCTAssertTrue(messages.isEmpty)
    }

    func testSilentServerTimesOut() async throws {
        var script = SMTPTestServer.Script()
        script.silent = true
        let server = try await server(script)
        let start = ContinuousClock.now
        let error = await sendError(mailer(server, timeout: .milliseconds(300)))
        XCTAssertEqual(error, .timedOut)
        XCTAssertEqual(error?.isRetryable, true)
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(5))
    }

    func testRefusedConnectionIsRetryable() async throws {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 1
        try await channel.close()
        let mailer = SMTPMailer(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, from: "herald@example.com"))
        let error = await sendError(mailer)
        guard case .connectionFailed? = error else { return XCTFail("refused connection gave \(String(describing: error))") }
        XCTAssertEqual(error?.isRetryable, true)
    }

    func testUnsafeAddressesAreRefusedBeforeConnecting() async throws {
        let server = try await server()
        let injected = await sendError(mailer(server), to: "ops@example.com>\r\nRCPT TO:<x@y")
        guard case .invalidAddress? = injected else { return XCTFail("got \(String(describing: injected))") }
        let commands = await server.commands()
        XCTAssertTrue(commands.isEmpty)
    }
}
