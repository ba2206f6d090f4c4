import NIOSSL
import StorageNode
import XCTest

final class SMTPStartTLSTests: XCTestCase {
    func testStartTLSUpgradesBeforeAuthAndMail() async throws {
        let certificate = try TestCertificate.make()
        var script = SMTPTestServer.Script()
        script.tls = try certificate.serverContext()
        script.credentials = ("herald", "s3cret")
        let server = try await SMTPTestServer.start(script)
        let mailer = SMTPMailer(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: server.port, startTLS: true, tlsConfiguration: certificate.clientConfiguration(),
                username: "herald", password: "s3cret", from: "herald@example.com"))
        try await mailer.send(to: "ops@example.com", subject: "secure", body: "over TLS")
        let first = await server.messages().first
        let message = try XCTUnwrap(first)
        XCTAssertTrue(message.overTLS)
        XCTAssertEqual(message.authenticated?.user, "herald")
        XCTAssertEqual(message.body, ["over TLS"])
        let commands = await server.commands()
        let verbs = commands.map { String($0.prefix { $0 != " " }) }
        XCTAssertEqual(Array(verbs.prefix(5)), ["EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL"])
        await server.stop()
    }

    func testUntrustedCertificateFailsWithoutSendingCredentials() async throws {
        let certificate = try TestCertificate.make()
        var script = SMTPTestServer.Script()
        script.tls = try certificate.serverContext()
        let server = try await SMTPTestServer.start(script)
        let mailer = SMTPMailer(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: server.port, startTLS: true, username: "herald", password: "s3cret",
                from: "herald@example.com", timeout: .seconds(5)))
        do {
            try await mailer.send(to: "ops@example.com", subject: "s", body: "b")
            XCTFail("an untrusted certificate must fail")
        } catch {
            XCTAssertNotEqual(error, .timedOut)
        }
        let commands = await server.commands()
        XCTAssertFalse(commands.contains { $0.hasPrefix("AUTH") })
        let messages = await server.messages()
        XCTAssertTrue(messages.isEmpty)
        await server.stop()
    }
}
