import Foundation
import NIOCore
import NIOSSL

/// One SMTP client dialogue over a connected channel (RFC 5321): EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, QUIT.
struct SMTPConversation {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let channel: any Channel
    private var parser = SMTPReplyParser()

    init(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel
    ) {
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.channel = channel
    }

    /// Submits one message; throws the first failure.
    mutating func submit(
        configuration: SMTPConfiguration, from: String, to: String, message: [UInt8]
    ) async throws(SMTPError) {
        let greeting = try await reply()
        guard greeting.code == 220 else {
            throw .rejected(command: "greeting", code: greeting.code, message: greeting.message)
        }
        var extensions = try await hello(configuration.clientName)
        if configuration.startTLS {
            guard extensions.contains(where: { $0.uppercased() == "STARTTLS" }) else { throw .startTLSUnavailable }
            _ = try await command("STARTTLS", expecting: [220], name: "STARTTLS")
            try await upgradeToTLS(configuration)
            extensions = try await hello(configuration.clientName)
        }
        if let username = configuration.username, let password = configuration.password {
            try await authenticate(username: username, password: password, extensions: extensions)
        }
        let eightBit = extensions.contains { $0.uppercased() == "8BITMIME" }
        _ = try await command(
            "MAIL FROM:<\(from)>" + (eightBit ? " BODY=8BITMIME" : ""), expecting: [250], name: "MAIL FROM")
        _ = try await command("RCPT TO:<\(to)>", expecting: [250, 251], name: "RCPT TO")
        _ = try await command("DATA", expecting: [354], name: "DATA")
        try await write(message)
        let accepted = try await reply()
        guard accepted.code == 250 else {
            throw .rejected(command: "message", code: accepted.code, message: accepted.message)
        }
        try? await write(Array("QUIT\r\n".utf8))
        _ = try? await reply()
    }

    /// EHLO; returns the advertised extension lines (without the greeting line).
    private mutating func hello(_ name: String) async throws(SMTPError) -> [String] {
        let reply = try await command("EHLO \(name)", expecting: [250], name: "EHLO")
        return Array(reply.lines.dropFirst())
    }

    private mutating func authenticate(username: String, password: String, extensions: [String]) async throws(SMTPError) {
        let mechanisms = extensions.first { $0.uppercased().hasPrefix("AUTH") }
            .map { $0.uppercased().dropFirst(4).split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init) } ?? []
        if mechanisms.contains("LOGIN") && !mechanisms.contains("PLAIN") {
            _ = try await command("AUTH LOGIN", expecting: [334], name: "AUTH")
            _ = try await command(Self.base64(username), expecting: [334], name: "AUTH")
            _ = try await command(Self.base64(password), expecting: [235], name: "AUTH")
        } else {
            let credentials = Self.base64("\u{0}\(username)\u{0}\(password)")
            _ = try await command("AUTH PLAIN \(credentials)", expecting: [235], name: "AUTH")
        }
    }

    private func upgradeToTLS(_ configuration: SMTPConfiguration) async throws(SMTPError) {
        let isAddress = (try? SocketAddress(ipAddress: configuration.host, port: 0)) != nil
        let serverName = isAddress ? nil : configuration.host
        do {
            let context = try NIOSSLContext(configuration: configuration.tlsConfiguration)
            let channel = self.channel
            try await channel.eventLoop.submit {
                let handler = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
        } catch {
            throw .tlsFailed(String(describing: error))
        }
    }

    private mutating func command(_ line: String, expecting codes: Set<Int>, name: String) async throws(SMTPError)
        -> SMTPReply
    {
        try await write(Array((line + "\r\n").utf8))
        let answer = try await reply()
        guard codes.contains(answer.code) else {
            throw .rejected(command: name, code: answer.code, message: answer.message)
        }
        return answer
    }

    private func write(_ bytes: [UInt8]) async throws(SMTPError) {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            throw .connectionClosed
        }
    }

    private mutating func reply() async throws(SMTPError) -> SMTPReply {
        while true {
            if let reply = try parser.nextReply() { return reply }
            let buffer: ByteBuffer?
            do {
                buffer = try await inbound.next()
            } catch {
                throw .connectionFailed(String(describing: error))
            }
            guard let buffer else { throw .connectionClosed }
            parser.append(buffer.readableBytesView)
        }
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
