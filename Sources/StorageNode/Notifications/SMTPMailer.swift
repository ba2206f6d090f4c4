import NIOCore
import NIOPosix

/// Sends email notifications to `mailto:` subscribers over SMTP (spec §5.2).
///
/// Every `send` opens its own connection, bounded by the configuration's timeout, so one slow
/// server or message never blocks another.
public struct SMTPMailer: Sendable {
    /// The server and credentials used.
    public let configuration: SMTPConfiguration
    private let group: any EventLoopGroup

    /// A mailer for `configuration`, on `group` (the shared NIO group by default).
    public init(configuration: SMTPConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.group = group
    }

    /// Submits one plain-text message.
    ///
    /// - Parameters:
    ///   - to: the recipient address.
    ///   - subject: the Subject header (encoded when not ASCII).
    ///   - body: the text; line ends become CRLF, lines starting with "." are dot-stuffed.
    ///   - from: the sender (`addr` or `Display Name <addr>`, see ``MailSender``); the configured
    ///     `from` when nil.
    /// - Throws: `SMTPError`; `isRetryable` tells transient (4xx, network, timeout) from permanent failures.
    public func send(to: String, subject: String, body: String, from: String? = nil) async throws(SMTPError) {
        let parsedSender = try MailSender(parsing: from ?? configuration.from)
        let sender = parsedSender.address
        guard MailtoAddress.isUsableAddress(to) else { throw .invalidAddress(to) }
        let message = SMTPMessage.render(from: parsedSender.header, to: to, subject: subject, body: body)
        let deadline = ContinuousClock.now + configuration.timeout
        let channel = try await connect()
        let configuration = self.configuration
        let result = await withTaskGroup(of: Result<Void, SMTPError>.self) { tasks in
            tasks.addTask {
                do {
                    try await channel.executeThenClose { inbound, outbound in
                        var conversation = SMTPConversation(inbound: inbound, outbound: outbound, channel: channel.channel)
                        try await conversation.submit(configuration: configuration, from: sender, to: to, message: message)
                    }
                    return .success(())
                } catch let error as SMTPError {
                    return .failure(error)
                } catch {
                    return .failure(.connectionFailed(String(describing: error)))
                }
            }
            tasks.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return .failure(.timedOut)
            }
            let first = await tasks.next() ?? .failure(.timedOut)
            tasks.cancelAll()
            channel.channel.close(promise: nil)
            return first
        }
        try result.get()
    }

    private func connect() async throws(SMTPError) -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let (seconds, attoseconds) = configuration.timeout.components
        let limit = TimeAmount.milliseconds(max(1, min(seconds, 86_400) * 1000 + attoseconds / 1_000_000_000_000_000))
        do {
            return try await ClientBootstrap(group: group)
                .connectTimeout(limit)
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw .connectionFailed(String(describing: error))
        }
    }
}
