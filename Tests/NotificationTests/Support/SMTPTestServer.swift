import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A tiny real SMTP server on 127.0.0.1 (random port) that records what clients submit.
final class SMTPTestServer: Sendable {
    /// How the server answers.
    struct Script: Sendable {
        /// Reply lines that replace the normal answer to a verb ("MAIL", "RCPT", "DATA", "AUTH", …) or
        /// to the end of the message ("END"); an empty line closes the connection instead.
        var replies: [String: String] = [:]
        /// The AUTH extension line advertised in EHLO, if any.
        var authExtension: String? = "AUTH PLAIN LOGIN"
        /// The accepted credentials; any credentials when nil.
        var credentials: (user: String, password: String)?
        /// Never send the greeting (a hanging server).
        var silent = false
        /// Offer STARTTLS with this server context.
        var tls: NIOSSLContext?
    }

    /// One accepted message.
    struct Message: Sendable {
        var mailFrom: String
        var recipients: [String]
        /// The DATA lines as sent on the wire (still dot-stuffed).
        var wireLines: [String]
        /// Login and password the client authenticated with, if it did.
        var authenticated: (user: String, password: String)?
        /// Whether the message came over a connection upgraded with STARTTLS.
        var overTLS = false

        /// The DATA lines with dot-stuffing removed.
        var lines: [String] { wireLines.map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 } }
        var headers: [String] { Array(lines.prefix { !$0.isEmpty }) }
        var body: [String] { Array(lines.drop { !$0.isEmpty }.dropFirst()) }
        func header(_ name: String) -> String? {
            headers.first { $0.lowercased().hasPrefix(name.lowercased() + ": ") }.map { String($0.dropFirst(name.count + 2)) }
        }
    }

    actor Log {
        var messages: [Message] = []
        var commands: [String] = []
        func append(_ message: Message) { messages.append(message) }
        func command(_ line: String) { commands.append(line) }
    }

    let log: Log
    let port: Int
    private let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let task: Task<Void, any Error>

    private init(port: Int, server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>, task: Task<Void, any Error>, log: Log) {
        self.port = port
        self.server = server
        self.task = task
        self.log = log
    }

    static func start(_ script: Script = Script()) async throws -> SMTPTestServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let log = Log()
        let task = Task {
            try await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { try? await serve(connection, script: script, log: log) }
                    }
                }
            }
        }
        return SMTPTestServer(port: server.channel.localAddress?.port ?? 0, server: server, task: task, log: log)
    }

    func messages() async -> [Message] { await log.messages }
    func commands() async -> [String] { await log.commands }

    func stop() async {
        task.cancel()
        try? await server.channel.close()
        _ = await task.result
    }

    private static func serve(
        _ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, script: Script, log: Log
    ) async throws {
        try await connection.executeThenClose { inbound, outbound in
            func send(_ text: String) async throws { try await outbound.write(ByteBuffer(string: text + "\r\n")) }
            if script.silent {
                for try await _ in inbound {}
                return
            }
            try await send("220 test.local ESMTP ready")
            var session = Session()
            var pending: [UInt8] = []
            for try await chunk in inbound {
                pending.append(contentsOf: chunk.readableBytesView)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    var line = Array(pending[..<newline])
                    pending.removeSubrange(...newline)
                    if line.last == UInt8(ascii: "\r") { line.removeLast() }
                    let text = String(decoding: line, as: UTF8.self)
                    if text.uppercased() == "STARTTLS", let context = script.tls, !session.message.overTLS {
                        await log.command(text)
                        try await send("220 2.0.0 ready to start TLS")
                        let channel = connection.channel
                        try await channel.eventLoop.submit {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLServerHandler(context: context), position: .first)
                        }.get()
                        session = Session()
                        session.message.overTLS = true
                        continue
                    }
                    guard let reply = await session.handle(text, script: script, log: log) else { return }
                    if !reply.isEmpty { try await send(reply) }
                }
            }
        }
    }

    /// The server side of one connection's dialogue.
    private struct Session {
        var inData = false
        var loginStep = 0
        var loginUser = ""
        var message = Message(mailFrom: "", recipients: [], wireLines: [])

        /// The reply to send ("" for none), or nil to close the connection.
        mutating func handle(_ line: String, script: Script, log: Log) async -> String? {
            if inData {
                guard line == "." else {
                    message.wireLines.append(line)
                    return ""
                }
                inData = false
                if let reply = script.replies["END"] { return reply }
                await log.append(message)
                message = Message(
                    mailFrom: "", recipients: [], wireLines: [], authenticated: message.authenticated,
                    overTLS: message.overTLS)
                return "250 2.0.0 queued"
            }
            if loginStep == 1 {
                loginUser = Self.decode(line)
                loginStep = 2
                return "334 UGFzc3dvcmQ6"
            }
            if loginStep == 2 {
                loginStep = 0
                return accept(user: loginUser, password: Self.decode(line), script: script)
            }
            await log.command(line)
            let verb = String(line.prefix { $0 != " " }).uppercased()
            if let reply = script.replies[verb] { return reply.isEmpty ? nil : reply }
            switch verb {
            case "EHLO":
                let tls = script.tls != nil && !message.overTLS ? ["250-STARTTLS"] : []
                return (["250-test.local", "250-8BITMIME"] + tls + (script.authExtension.map { ["250-\($0)"] } ?? [])
                    + ["250 SIZE 1000000"]).joined(separator: "\r\n")
            case "AUTH":
                let parts = line.split(separator: " ")
                if parts.count >= 2, parts[1].uppercased() == "LOGIN" {
                    loginStep = 1
                    return "334 VXNlcm5hbWU6"
                }
                guard parts.count == 3, parts[1].uppercased() == "PLAIN" else { return "504 5.5.4 unsupported" }
                let fields = Self.decode(String(parts[2])).split(separator: "\u{0}", omittingEmptySubsequences: false)
                guard fields.count == 3 else { return "501 5.5.2 bad PLAIN" }
                return accept(user: String(fields[1]), password: String(fields[2]), script: script)
            case "MAIL":
                message.mailFrom = Self.bracketed(line)
                return "250 2.1.0 ok"
            case "RCPT":
                message.recipients.append(Self.bracketed(line))
                return "250 2.1.5 ok"
            case "DATA":
                inData = true
                return "354 go ahead"
            case "RSET", "NOOP": return "250 ok"
            case "QUIT": return nil
            default: return "500 5.5.1 unknown command"
            }
        }

        private mutating func accept(user: String, password: String, script: Script) -> String {
            if let expected = script.credentials, expected.user != user || expected.password != password {
                return "535 5.7.8 bad credentials"
            }
            message.authenticated = (user, password)
            return "235 2.7.0 authenticated"
        }

        private static func decode(_ base64: String) -> String {
            Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }

        private static func bracketed(_ line: String) -> String {
            guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else { return "" }
            return String(line[line.index(after: open)..<close])
        }
    }
}
