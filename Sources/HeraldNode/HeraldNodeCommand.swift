import ArgumentParser
import Foundation
import HeraldConfig
import HeraldMetrics
import Logging
import ServiceLifecycle
import Shared
import StorageNode

/// `herald-node --host 127.0.0.1 --port 7001 --data ./.herald-data/node1/herald.sqlite`
struct HeraldNodeCommand: ConfigurableCommand {
    static let environmentPrefix = "HERALD_NODE_"
    static let environmentFallbacks = [
        "signed-url-secret": "HERALD_SIGNED_URL_SECRET", "cluster-secret": "HERALD_CLUSTER_SECRET",
        "message-encryption-key": "HERALD_MESSAGE_ENCRYPTION_KEY", "smtp-password": "HERALD_SMTP_PASSWORD",
    ]

    static let configuration = CommandConfiguration(
        commandName: "herald-node",
        abstract: "A Herald storage node: owns one SQLite store and serves it over the internal RPC.",
        discussion: configurationHelp,
        version: HeraldVersion.current
    )

    @Option(help: "TOML configuration file: its keys are the long option names below (default $HERALD_NODE_CONFIG).")
    var config: String?

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The RPC port (0 picks a free one).")
    var port = 7001

    @Option(help: "Path of the node's SQLite database file (created when missing).")
    var data: String

    @OptionGroup(title: "Logging")
    var logging: LoggingOptions

    @Option(name: .customLong("gc-interval"), help: "Seconds between garbage-collection passes.")
    var gcInterval: Int = 5

    @Option(
        name: .customLong("default-message-ttl"),
        help: "Message ttl in seconds when a post gives none and its queue sets no _default_message_ttl (default_message_ttl; give the routers the same)."
    )
    var defaultMessageTTL = ServiceLimits.standard.defaultMessageTTL

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

    @Option(
        name: .customLong("message-encryption-key-file"),
        help: "A file holding the key text (one trailing newline ignored); keeps the key out of the process list."
    )
    var messageEncryptionKeyFile: String?

    /// The key text of encrypted queues: the file, else the option, else the environment, else the default.
    private func encryptionKeyText() throws -> String {
        if let messageEncryptionKeyFile {
            guard let contents = FileManager.default.contents(atPath: messageEncryptionKeyFile),
                  var text = String(data: contents, encoding: .utf8)
            else { throw ValidationError("--message-encryption-key-file: cannot read \(messageEncryptionKeyFile)") }
            if text.hasSuffix("\n") { text.removeLast() }
            guard !text.isEmpty else { throw ValidationError("--message-encryption-key-file: \(messageEncryptionKeyFile) is empty") }
            return text
        }
        return messageEncryptionKey
            ?? ProcessInfo.processInfo.environment["HERALD_MESSAGE_ENCRYPTION_KEY"]
            ?? MessageCipher.defaultKeyText
    }

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
        help: """
            Send each new subscription a signed confirmation request and notify confirmed subscriptions \
            only (needs --signed-url-secret).
            """
    )
    var requireConfirmation = false

    @Option(
        name: .customLong("signed-url-secret"),
        help: """
            Secret key of pre-signed URLs, shared with the routers: signs confirmation links. \
            Defaults to $HERALD_SIGNED_URL_SECRET.
            """
    )
    var signedURLSecret: String?

    @Option(
        name: .customLong("public-url"),
        help: "The routers' public base URL (e.g. http://127.0.0.1:8888), sent as WSGISubscribeURL in confirmations."
    )
    var publicURL: String?

    @Option(
        name: .customLong("external-confirmation-url"),
        help: "The confirmation web page linked from confirmation emails (without it, no confirmation is mailed)."
    )
    var externalConfirmationURL: String?

    @Option(
        name: .customLong("confirmation-email-template"),
        help: "JSON file {\"topic\", \"body\", \"sender\"} of the subscription confirmation email ({0} queue, {1} project, {2} link)."
    )
    var confirmationEmailTemplate: String?

    @Option(
        name: .customLong("unsubscribe-email-template"),
        help: "JSON file {\"topic\", \"body\", \"sender\"} of the unsubscribe confirmation email ({0} queue, {1} project, {2} link)."
    )
    var unsubscribeEmailTemplate: String?

    @Option(
        name: .customLong("max-store-size"),
        help: "Largest size of the database file in MB (none: the disk's size); writes past it answer 507 until space is freed."
    )
    var maxStoreSize: Int?

    /// `--metrics-host` and `--metrics-port` (Prometheus `/metrics` on a listener of its own).
    @OptionGroup(title: "Metrics")
    var metrics: MetricsOptions

    @Option(
        name: .customLong("metrics-max-queues"),
        help: "Most queues exported with a herald_queue_messages{project,queue} series (those holding most messages; 0: none)."
    )
    var metricsMaxQueues = NodeGauges.defaultMaxQueues

    /// The signed-URL secret from the option or the environment; `nil` when unset or empty.
    private var effectiveSignedURLSecret: String? {
        let secret = signedURLSecret ?? ProcessInfo.processInfo.environment["HERALD_SIGNED_URL_SECRET"]
        guard let secret, !secret.isEmpty else { return nil }
        return secret
    }

    /// What the dispatcher needs to send confirmations; throws `ValidationError` for an unusable template file.
    private func confirmationSettings() throws -> ConfirmationSettings {
        ConfirmationSettings(
            signer: effectiveSignedURLSecret.map(URLSigner.init(secret:)), publicURL: publicURL,
            externalConfirmationURL: externalConfirmationURL,
            subscriptionEmail: try Self.emailTemplate(
                file: confirmationEmailTemplate, option: "--confirmation-email-template",
                overriding: .subscriptionDefault),
            unsubscribeEmail: try Self.emailTemplate(
                file: unsubscribeEmailTemplate, option: "--unsubscribe-email-template", overriding: .unsubscribeDefault))
    }

    /// `template` with the members of the JSON file at `file`, or `template` when no file is given.
    private static func emailTemplate(
        file: String?, option: String, overriding template: ConfirmationEmailTemplate
    ) throws -> ConfirmationEmailTemplate {
        guard let file else { return template }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("\(option): cannot read \(file)")
        }
        do {
            return try template.overriding(withJSON: Array(data))
        } catch {
            throw ValidationError("\(option) \(file): \(error)")
        }
    }

    private static func isHTTPURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return (lowered.hasPrefix("http://") || lowered.hasPrefix("https://")) && !text.contains(where: \.isWhitespace)
    }

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

    // MARK: RPC security — begin (helpers in HeraldNodeCommand+RPCSecurity.swift)

    @Option(
        name: .customLong("cluster-secret"),
        help: """
            Secret shared by every router and node: each RPC connection must prove it (HMAC challenge-response) \
            before anything else is read. Defaults to $HERALD_CLUSTER_SECRET.
            """
    )
    var clusterSecret: String?

    @Flag(
        name: .customLong("allow-insecure-rpc"),
        help: "Serve unauthenticated RPC (no cluster secret) on a non-loopback --host."
    )
    var allowInsecureRPC = false

    @Option(name: .customLong("rpc-tls-cert"), help: "PEM certificate chain of the node: the RPC runs over TLS.")
    var rpcTLSCert: String?

    @Option(name: .customLong("rpc-tls-key"), help: "PEM private key of --rpc-tls-cert.")
    var rpcTLSKey: String?

    @Option(
        name: .customLong("rpc-tls-client-ca"),
        help: "PEM CA certificates client certificates must chain to (mTLS: clients without one are refused)."
    )
    var rpcTLSClientCA: String?

    // MARK: RPC security — end

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be within 0...65535") }
        guard gcInterval > 0 else { throw ValidationError("--gc-interval must be positive") }
        guard metricsMaxQueues >= 0 else { throw ValidationError("--metrics-max-queues must not be negative") }
        guard defaultMessageTTL >= ServiceLimits.standard.minimumTTL else {
            throw ValidationError("--default-message-ttl must be at least \(ServiceLimits.standard.minimumTTL)")
        }
        guard !data.isEmpty else { throw ValidationError("--data must name a file") }
        if let maxStoreSize, !(1...(1 << 30)).contains(maxStoreSize) {
            throw ValidationError("--max-store-size must be a size in MB, at least 1")
        }
        guard messageEncryptionKeyFile == nil || messageEncryptionKey == nil else {
            throw ValidationError("give --message-encryption-key or --message-encryption-key-file, not both")
        }
        _ = try encryptionKeyText()
        // Notifications (issue 4)
        guard (1...65_535).contains(smtpPort) else { throw ValidationError("--smtp-port must be within 1...65535") }
        guard MailtoAddress.isUsableAddress(smtpFrom) else { throw ValidationError("--smtp-from must be an email address") }
        if requireConfirmation && effectiveSignedURLSecret == nil {
            throw ValidationError("--require-confirmation needs --signed-url-secret or HERALD_SIGNED_URL_SECRET")
        }
        if let publicURL, !Self.isHTTPURL(publicURL) {
            throw ValidationError("--public-url must be an http:// or https:// URL")
        }
        if let externalConfirmationURL, !Self.isHTTPURL(externalConfirmationURL) {
            throw ValidationError("--external-confirmation-url must be an http:// or https:// URL")
        }
        _ = try confirmationSettings()
        try validateRPCSecurity()
        _ = try rpcServerSecurity()
    }

    /// The standard limits with this node's default message ttl.
    private var serviceLimits: ServiceLimits {
        var limits = ServiceLimits.standard
        limits.defaultMessageTTL = defaultMessageTTL
        return limits
    }

    func run() async throws {
        logging.bootstrap()
        // Before any metric is created: without --metrics-port, metrics stay swift-metrics' no-op.
        let metricsRegistry = metrics.isEnabled ? MetricsBootstrap.bootstrapPrometheus() : nil
        let nodeMetrics = NodeMetrics()
        let logger = Logger(label: "herald.node")
        let clock: any WallClock = clockSkewFile.map { SkewedWallClock(skewFile: $0) } ?? SystemWallClock()
        let keyText = try encryptionKeyText()
        let confirmation = try confirmationSettings()
        let rpcSecurity = try rpcServerSecurity()
        let store: SQLiteQueueStore
        do {
            store = try SQLiteQueueStore(
                path: data, limits: serviceLimits, clock: clock, cipher: MessageCipher(keyText: keyText), requireConfirmation: requireConfirmation,
                maxSizeBytes: maxStoreSize.map { Int64($0) * 1_048_576 }, metrics: nodeMetrics)
        } catch let StorageError.unavailable(reason) {
            throw StoreOpenFailure(reason: reason)
        }
        let server = RPCServer(store: store, host: host, port: port, security: rpcSecurity, observer: nodeMetrics)
        var metricsServices: [any Service] = []
        if let metricsRegistry, let metricsPort = metrics.metricsPort {
            metricsServices.append(NodeMetricsListener.application(
                host: metrics.metricsHost, port: metricsPort, registry: metricsRegistry,
                gauges: NodeGauges(store: store, maxQueues: metricsMaxQueues)))
        }
        let interval = Duration.seconds(gcInterval)
        // Notifications (issue 4): the dispatcher drains the outbox until shutdown.
        let webhook = WebhookSender()
        let dispatcher = NotificationDispatcher(
            store: store, webhook: webhook, mailer: smtpMailer, clock: clock, confirmation: confirmation)
        let diagnostics = NodeDiagnostics(command: self, store: store, server: server).installSignalHandler()
        defer { diagnostics.stop() }
        let (host, data) = (self.host, self.data)
        // Started in this order; a graceful shutdown (SIGTERM, SIGINT) runs backwards: systemd
        // hears STOPPING=1, the RPC server drains, then delivery and collection stop, metrics last.
        let services: [any Service] = metricsServices + [
            BackgroundService { await store.runGarbageCollection(every: interval) },
            BackgroundService { await dispatcher.run() },
            RPCServerService(server: server) { port in
                StandardOutput.writeLine("herald-node listening on \(host):\(port)")
                ServiceManager.ready(status: "serving RPC on \(host):\(port), store \(data)")
            },
            ServiceManagerNotices(stoppingStatus: "draining requests and closing the store"),
        ]
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        var failure: (any Error)?
        do {
            try await group.run()
        } catch {
            failure = error
        }
        await webhook.shutdown()
        do {
            try store.close()
        } catch {
            logger.error("closing the store failed", metadata: ["error": "\(error)"])
        }
        if let failure { throw failure }
        logger.info("stopped")
    }
}
