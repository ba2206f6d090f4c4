import ArgumentParser
import ServiceLifecycle
import Catalog
import HeraldConfig
import HeraldMetrics
import Hummingbird
import Logging
import NIOCore
import Router
import Shared

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `herald-router`: the stateless HTTP front of the Zaqar v2 API.
struct HeraldRouterCommand: ConfigurableCommand {
    static let environmentPrefix = "HERALD_ROUTER_"
    static let environmentFallbacks = [
        "token-secret": "HERALD_TOKEN_SECRET", "signed-url-secret": "HERALD_SIGNED_URL_SECRET",
        "cluster-secret": "HERALD_CLUSTER_SECRET",
    ]

    static let configuration = CommandConfiguration(
        commandName: "herald-router", abstract: "Serves the Zaqar v2 messaging API over a pool of storage nodes.",
        discussion: configurationHelp, version: HeraldVersion.current)

    @Option(help: "TOML configuration file: its keys are the long option names below (default $HERALD_ROUTER_CONFIG).")
    var config: String?

    @Option(help: "Interface to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port).")
    var port = 8888

    @Option(help: "The catalog: a postgres:// URL (shared by several routers) or the path of a SQLite file (created if missing).")
    var catalog: String

    @Option(name: .customLong("pool"), help: "A storage pool: name=herald://host:port[,weight=N] (repeatable).")
    var pools: [String] = []

    @Flag(help: "Serve /v2/health, /v2/pools and /v2/flavors (admin role required).")
    var adminMode = false

    @OptionGroup(title: "Logging")
    var logging: LoggingOptions

    @OptionGroup(title: "Zaqar limits and defaults")
    var limits: ServiceLimitOptions

    @Flag(help: "Add MD5 checksums to posted messages.")
    var enableChecksum = false

    @Flag(help: "Bulk message delete requires claim_ids.")
    var messageDeleteWithClaimID = false

    @Option(help: "Client-ID checking: strict (UUID) or off (any string of --client-id-min-length...--client-id-max-length characters).")
    var clientIDMode = "strict"

    @Option(help: "Shortest Client-ID accepted with --client-id-mode off.")
    var clientIDMinLength = 10

    @Option(help: "Longest Client-ID accepted with --client-id-mode off.")
    var clientIDMaxLength = 36

    @Option(help: "Sustained requests per second allowed to each project; more answer 429 with Retry-After (0: no rate limit).")
    var rateLimitPerProject: Double = 0

    @Option(help: "Requests a project may make at once above the sustained rate (0: the rate rounded up, at least 1).")
    var rateLimitBurst = 0

    @Option(help: "Most queues a project may own, topics counted separately; creating more answers 403 (0: unlimited).")
    var maxQueuesPerProject = 0

    @Option(help: "Longest request URL (path and query) in bytes; longer ones answer 414.")
    var maxURLLength = 8_192

    @Option(help: "Largest total of request header names and values in bytes; larger header sections answer 431.")
    var maxHeaderBytes = 16_384

    @Option(help: "Seconds a connection may stay silent while no request is being answered: closes idle keep-alive connections and clients that send their headers too slowly (0: never).")
    var idleTimeout: Double = 60

    @Option(help: "Seconds a client may take from the request head to the end of its body (0: unbounded).")
    var bodyReadTimeout: Double = 60

    @Option(name: .customLong("cors-allow-origin"), help: "An origin browsers may call the API from, e.g. https://app.example.com, or * (repeatable; CORS is off without one).")
    var corsAllowOrigins: [String] = []

    @Option(name: .customLong("cors-allow-methods"), help: "Comma-separated methods allowed cross-origin (default: \(CORSPolicy.defaultMethods.joined(separator: ","))).")
    var corsAllowMethods: [String] = []

    @Option(name: .customLong("cors-allow-headers"), help: "Comma-separated request headers allowed cross-origin (default: the Zaqar headers).")
    var corsAllowHeaders: [String] = []

    @Option(help: "Seconds browsers may cache a CORS preflight answer (0: no Access-Control-Max-Age).")
    var corsMaxAge = 3_600

    @Flag(help: "Also serve Zaqar's WebSocket API: upgrades on / and /v2/ws of --port (JSON action frames).")
    var websocket = false

    @Option(help: "Interface of the listener storage nodes deliver WebSocket subscriptions to; they must reach the router there (with --websocket).")
    var websocketNotificationHost = "127.0.0.1"

    @Option(help: "Port of that listener (0 picks a free port).")
    var websocketNotificationPort = 0

    /// `--metrics-host` and `--metrics-port` (Prometheus `/metrics` on a listener of its own).
    @OptionGroup(title: "Metrics")
    var metrics: MetricsOptions

    /// The abuse limits of the flags above.
    private var abuseLimits: AbuseLimits {
        var limits = AbuseLimits()
        limits.rateLimitPerProject = rateLimitPerProject
        limits.rateLimitBurst = rateLimitBurst
        limits.maxQueuesPerProject = maxQueuesPerProject
        limits.maxURLLength = maxURLLength
        limits.maxHeaderBytes = maxHeaderBytes
        limits.idleTimeout = AbuseLimits.timeout(seconds: idleTimeout)
        limits.bodyReadTimeout = AbuseLimits.timeout(seconds: bodyReadTimeout)
        return limits
    }

    /// The CORS policy of the flags above.
    private var corsPolicy: CORSPolicy {
        let methods = CORSPolicy.list(corsAllowMethods)
        let headers = CORSPolicy.list(corsAllowHeaders)
        return CORSPolicy(
            allowOrigins: CORSPolicy.list(corsAllowOrigins),
            allowMethods: methods.isEmpty ? CORSPolicy.defaultMethods : methods,
            allowHeaders: headers.isEmpty ? CORSPolicy.defaultHeaders : headers, maxAge: corsMaxAge)
    }

    @Option(
        help: """
            HMAC key of pre-signed URLs (POST /v2/queues/{name}/share and the URL-Signature headers). \
            Storage nodes sign subscription confirmation links with it, so give them the same key. \
            Defaults to $HERALD_SIGNED_URL_SECRET; without a key, sharing answers 400 and signed requests 404.
            """)
    var signedURLSecret: String?

    @Option(
        help: """
            YAML policy file (rule name -> oslo.policy rule, e.g. "pools:create": "role:admin"); its rules replace \
            the built-in ones of the same name. SIGHUP re-reads it. Without it, the built-in policy applies.
            """)
    var policyFile: String?

    // MARK: RPC security — begin (helpers in HeraldRouterCommand+RPCSecurity.swift)

    @Option(
        help: """
            Secret shared by every router and node: each connection to a storage node proves it and checks the \
            node's proof (HMAC challenge-response). Defaults to $HERALD_CLUSTER_SECRET.
            """)
    var clusterSecret: String?

    @Option(
        name: .customLong("rpc-tls-ca"),
        help: "PEM CA certificates node certificates must chain to: every pool connection then runs over TLS.")
    var rpcTLSCA: String?

    @Option(name: .customLong("rpc-tls-cert"), help: "PEM client certificate chain for nodes that require mTLS.")
    var rpcTLSCert: String?

    @Option(name: .customLong("rpc-tls-key"), help: "PEM private key of --rpc-tls-cert.")
    var rpcTLSKey: String?

    // MARK: RPC security — end

    @Option(help: "Authentication: token (bearer tokens, the production setup) or noauth (trusts X-Project-ID/X-Roles; dev only, loopback only).")
    var auth = "token"

    @Option(help: "HS256 key of bearer tokens, at least 16 bytes (default $HERALD_TOKEN_SECRET).")
    var tokenSecret: String?

    @Option(help: "PEM public key file of bearer tokens: P-256 verifies ES256, RSA (2048+ bits) RS256.")
    var tokenPublicKey: String?

    @Option(help: "Accept only tokens with this issuer (iss).")
    var tokenIssuer: String?

    @Option(help: "Accept only tokens with this audience (aud).")
    var tokenAudience: String?

    @Flag(help: "Allow --auth noauth on a non-loopback --host (anyone reaching it can act as any project and as admin).")
    var allowInsecureNoauth = false

    /// The authentication flags, with `--token-secret` defaulting to `$HERALD_TOKEN_SECRET`.
    private var authOptions: AuthModeOptions {
        AuthModeOptions(
            mode: auth, tokenSecret: tokenSecret ?? getenv("HERALD_TOKEN_SECRET").map { String(cString: $0) },
            tokenPublicKeyFile: tokenPublicKey, tokenIssuer: tokenIssuer, tokenAudience: tokenAudience, host: host,
            allowInsecureNoauth: allowInsecureNoauth)
    }

    func validate() throws {
        do {
            _ = try authOptions.authMode()
        } catch {
            throw ValidationError(error.description)
        }
        guard clientIDMode == "strict" || clientIDMode == "off" else {
            throw ValidationError("--client-id-mode must be strict or off")
        }
        guard clientIDMinLength >= 1, clientIDMaxLength >= clientIDMinLength else {
            throw ValidationError("--client-id-min-length must be at least 1 and at most --client-id-max-length")
        }
        if let problem = abuseLimits.problem ?? corsPolicy.problem { throw ValidationError(problem) }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be within 0...65535") }
        guard (0...65_535).contains(websocketNotificationPort) else {
            throw ValidationError("--websocket-notification-port must be within 0...65535")
        }
        if websocket, let problem = WebSocketTransport.notificationHostProblem(websocketNotificationHost) {
            throw ValidationError(problem)
        }
        for pool in pools {
            if case .failure(let error) = PoolOption.parse(pool) { throw ValidationError(error.description) }
        }
        _ = try rpcClientSecurity()
    }

    /// `--signed-url-secret`, else `$HERALD_SIGNED_URL_SECRET`; empty counts as none.
    private var resolvedSignedURLSecret: String? {
        let secret = signedURLSecret ?? getenv("HERALD_SIGNED_URL_SECRET").map { String(cString: $0) }
        guard let secret, !secret.isEmpty else { return nil }
        return secret
    }

    /// The HTTP server: on the socket systemd passed (socket activation, `herald-router.socket`),
    /// else on `--host`/`--port`. Either way it announces itself once it accepts connections.
    private func httpService(
        configuration: RouterConfiguration, catalog: any CatalogStore, stores: PoolStores, webSocket: WebSocketTransport?
    ) throws -> any Service {
        let host = self.host
        let inherited = ServiceManager.inheritedSockets()
        guard let socket = inherited.first else {
            return makeApplication(
                configuration: configuration, catalog: catalog, stores: stores, webSocket: webSocket,
                onServerRunning: { channel in Self.announce(host: host, port: channel.localAddress?.port ?? 0) })
        }
        guard inherited.count == 1, ServiceManager.isListeningTCPSocket(socket) else {
            throw ValidationError("socket activation: expected one listening TCP socket, got \(inherited.count) descriptor(s)")
        }
        return makeInheritedSocketService(
            configuration: configuration, catalog: catalog, stores: stores, socket: socket, webSocket: webSocket,
            onServerRunning: { channel in
                Self.announce(host: channel.localAddress?.ipAddress ?? host, port: channel.localAddress?.port ?? 0)
            })
    }

    /// Prints the listening line (test harnesses and scripts wait for it) and tells systemd the router is ready.
    private static func announce(host: String, port: Int) {
        print("herald-router listening on \(host):\(port)")
        fflush(nil)
        ServiceManager.ready(status: "serving HTTP on \(host):\(port)")
    }

    func run() async throws {
        logging.bootstrap()
        // Before any metric is created: without --metrics-port, metrics stay swift-metrics' no-op.
        let metricsRegistry = metrics.isEnabled ? MetricsBootstrap.bootstrapPrometheus() : nil
        let options = try pools.map { try PoolOption.parse($0).get() }
        let policyStore = PolicyStore(try policyFile.map { try PolicyFile.load($0) } ?? .builtIn)
        // Startup errors reach ArgumentParser, which prints "Error: <description>" and exits 1.
        let catalogStore = try await CatalogOpening.open(catalog)
        do {
            try await StartupPools.register(options, in: catalogStore)
        } catch {
            await CatalogOpening.close(catalogStore)
            throw error
        }
        var configuration = RouterConfiguration(
            host: host, port: port, limits: limits.serviceLimits, enableChecksum: enableChecksum, adminMode: adminMode,
            messageDeleteWithClaimID: messageDeleteWithClaimID,
            clientIDMode: clientIDMode == "off" ? .off(min: clientIDMinLength, max: clientIDMaxLength) : .strict,
            signedURLSecret: resolvedSignedURLSecret)
        configuration.policyStore = policyStore
        configuration.defaultSubscriptionTTL = limits.defaultSubscriptionTTL
        configuration.maxSubscriptionsPerPage = limits.maxSubscriptionsPerPage
        configuration.authMode = try authOptions.authMode()
        configuration.abuseLimits = abuseLimits
        configuration.cors = corsPolicy
        configuration.diagnosticsOptions = EffectiveOptions.current()
        configuration.metrics = RouterMetrics(recordsRequests: metricsRegistry != nil)
        let stores = PoolStores(security: try rpcClientSecurity(), metrics: configuration.metrics)
        let diagnostics = RouterDiagnostics(
            options: configuration.diagnosticsOptions, catalog: catalogStore, stores: stores).installSignalHandler()
        defer { diagnostics.stop() }
        let webSocket = websocket
            ? WebSocketTransport(notificationHost: websocketNotificationHost, notificationPort: websocketNotificationPort) : nil
        let server = try httpService(configuration: configuration, catalog: catalogStore, stores: stores, webSocket: webSocket)
        var listeners: [any Service] = []
        if let webSocket {
            listeners.append(webSocket.notificationListener(limits: configuration.limits, logger: Logger(label: "herald-router")))
        }
        if let metricsRegistry, let metricsPort = metrics.metricsPort {
            listeners.append(RouterMetricsListener.application(
                host: metrics.metricsHost, port: metricsPort, registry: metricsRegistry))
        }
        // Started in this order, stopped backwards: STOPPING=1 first, the side listeners last.
        let services: [any Service] = listeners + [
            server, ServiceManagerNotices(stoppingStatus: "finishing requests in flight"),
        ]
        // SIGHUP reloads the policy file (and no longer terminates the router).
        let policyReloader = PolicyReloader(path: policyFile, store: policyStore, logger: Logger(label: "herald-router"))
        policyReloader.start()
        defer { policyReloader.stop() }
        do {
            // Requests are served on the event-loop threads that read them (see
            // EventLoopGroupTaskExecutor): fewer thread hand-overs per request and RPC call.
            try await withTaskExecutorPreference(EventLoopGroupTaskExecutor()) {
                // SIGTERM/SIGINT shut the server down gracefully; systemd hears of it at once.
                try await ServiceGroup(configuration: .init(
                    services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: Logger(label: "herald-router"))).run()
            }
        } catch {
            await stores.shutdown()
            await CatalogOpening.close(catalogStore)
            throw error
        }
        await stores.shutdown()
        await CatalogOpening.close(catalogStore)
    }
}
