import ArgumentParser
import Foundation
import Logging
import Shared
import StorageNode

/// `herald-node --host 127.0.0.1 --port 7001 --data ./.herald-data/node1/herald.sqlite`
struct HeraldNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald-node",
        abstract: "A Herald storage node: owns one SQLite store and serves it over the internal RPC."
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The RPC port (0 picks a free one).")
    var port = 7001

    @Option(help: "Path of the node's SQLite database file (created when missing).")
    var data: String

    @Option(name: .customLong("gc-interval"), help: "Seconds between garbage-collection passes.")
    var gcInterval: Int = 5

    @Option(
        name: .customLong("clock-skew-file"),
        help: "Testing only: a file holding milliseconds to add to the node clock."
    )
    var clockSkewFile: String?

    @Option(
        name: .customLong("message-encryption-key"),
        help: """
            Key text for queues with _enable_encrypt_messages (SHA-256 of it is the AES-256 key). \
            Defaults to $HERALD_MESSAGE_ENCRYPTION_KEY, else "AES256".
            """
    )
    var messageEncryptionKey: String?

    // MARK: Notifications (issue 4) — begin

    @Option(name: .customLong("smtp-host"), help: "SMTP server for mailto: subscribers (none: they stay pending).")
    var smtpHost: String?

    @Option(name: .customLong("smtp-port"), help: "The SMTP server port.")
    var smtpPort = 25

    @Flag(name: .customLong("smtp-starttls"), help: "Upgrade SMTP connections with STARTTLS before authenticating.")
    var smtpStartTLS = false

    @Option(name: .customLong("smtp-username"), help: "The SMTP AUTH user.")
    var smtpUsername: String?

    @Option(
        name: .customLong("smtp-password"),
        help: "The SMTP AUTH password. Defaults to $HERALD_SMTP_PASSWORD."
    )
    var smtpPassword: String?

    @Option(name: .customLong("smtp-from"), help: "The sender of email notifications that do not name one.")
    var smtpFrom = "herald@localhost"

    @Flag(
        name: .customLong("require-confirmation"),
        help: "Notify only confirmed subscriptions; the others' notifications stay pending."
    )
    var requireConfirmation = false

    /// The mailer of `mailto:` subscribers, when `--smtp-host` is given.
    private var smtpMailer: SMTPMailer? {
        guard let smtpHost, !smtpHost.isEmpty else { return nil }
        let password = smtpPassword ?? ProcessInfo.processInfo.environment["HERALD_SMTP_PASSWORD"]
        return SMTPMailer(
            configuration: SMTPConfiguration(
                host: smtpHost, port: smtpPort, startTLS: smtpStartTLS, username: smtpUsername, password: password,
                from: smtpFrom))
    }

    // MARK: Notifications (issue 4) — end

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be within 0...65535") }
        guard gcInterval > 0 else { throw ValidationError("--gc-interval must be positive") }
        guard !data.isEmpty else { throw ValidationError("--data must name a file") }
        // Notifications (issue 4)
        guard (1...65_535).contains(smtpPort) else { throw ValidationError("--smtp-port must be within 1...65535") }
        guard MailtoAddress.isUsableAddress(smtpFrom) else { throw ValidationError("--smtp-from must be an email address") }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let logger = Logger(label: "herald.node")
        let signals = ShutdownSignals()
        let clock: any WallClock = clockSkewFile.map { SkewedWallClock(skewFile: $0) } ?? SystemWallClock()
        let keyText = messageEncryptionKey
            ?? ProcessInfo.processInfo.environment["HERALD_MESSAGE_ENCRYPTION_KEY"]
            ?? MessageCipher.defaultKeyText
        let store = try SQLiteQueueStore(path: data, clock: clock, cipher: MessageCipher(keyText: keyText))
        let server = RPCServer(store: store, host: host, port: port)
        let boundPort: Int
        do {
            boundPort = try await server.start()
        } catch {
            try? store.close()
            throw error
        }
        let interval = Duration.seconds(gcInterval)
        let collector = Task { await store.runGarbageCollection(every: interval) }
        // Notifications (issue 4): the dispatcher drains the outbox until shutdown.
        let webhook = WebhookSender()
        let dispatcher = NotificationDispatcher(
            store: store, webhook: webhook, mailer: smtpMailer, clock: clock, requireConfirmation: requireConfirmation)
        let notifier = Task { await dispatcher.run() }

        StandardOutput.writeLine("herald-node listening on \(host):\(boundPort)")

        let signal = await signals.next()
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        await server.shutdown()
        notifier.cancel()
        await notifier.value
        await webhook.shutdown()
        collector.cancel()
        await collector.value
        do {
            try store.close()
        } catch {
            logger.error("closing the store failed", metadata: ["error": "\(error)"])
        }
        logger.info("stopped")
    }
}
