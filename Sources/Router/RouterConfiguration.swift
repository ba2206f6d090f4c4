import Shared

/// Everything that changes how the router answers (the relevant Zaqar `[DEFAULT]` and `[transport]` options).
public struct RouterConfiguration: Sendable {
    /// How `Client-ID` values are checked (`[transport] client_id_uuid_safe`).
    public enum ClientIDMode: Sendable, Equatable {
        /// The value must parse as a UUID.
        case strict
        /// Any string whose length is within `min...max`.
        case off(min: Int, max: Int)
    }

    /// Interface to listen on.
    public var host: String
    /// Port to listen on (0 picks a free one).
    public var port: Int
    /// Paging limits, size limits, ttl ranges and defaults.
    public var limits: ServiceLimits
    /// Adds an MD5 checksum to every posted message.
    public var enableChecksum: Bool
    /// Serves `/v2/health` (admin role required).
    public var adminMode: Bool
    /// Bulk delete requires `claim_ids` along with `ids`.
    public var messageDeleteWithClaimID: Bool
    /// `Client-ID` checking mode.
    public var clientIDMode: ClientIDMode
    /// How requests are authenticated (`noauth` trusts the project and role headers).
    public var authMode: AuthMode = .noauth
    /// The authorization policy in force, read for every request (the built-in policy unless a
    /// policy file is loaded into it; a SIGHUP reload replaces it there).
    public var policyStore = PolicyStore()
    /// Subscription ttl when a POST omits it (`[transport] default_subscription_ttl`).
    public var defaultSubscriptionTTL = 3600
    /// Largest `limit` of the subscription listing (`[transport] max_subscriptions_per_page`).
    public var maxSubscriptionsPerPage = 20
    /// The HMAC key of pre-signed URLs (`[signed_url] secret_key`, spec §6.2). Storage nodes sign
    /// subscription confirmation links with the same key, so every process of a cluster must share
    /// it. `nil` (or empty): `POST .../share` answers 400 and no signed request ever verifies.
    public var signedURLSecret: String?
    /// Rate limits, queue quota, request size bounds and connection timeouts.
    public var abuseLimits = AbuseLimits()
    /// Cross-origin access for browsers (off unless an origin is allowed).
    public var cors = CORSPolicy()
    /// The parsed command-line options shown by `GET /v2/diagnostics`, secrets already hidden.
    public var diagnosticsOptions: [DiagnosticsEntry] = []
    /// The HTTP and placement-cache metrics (through `MetricsSystem.factory` unless replaced).
    public var metrics = RouterMetrics()

    public init(
        host: String = "127.0.0.1", port: Int = 8888, limits: ServiceLimits = .standard,
        enableChecksum: Bool = false, adminMode: Bool = false, messageDeleteWithClaimID: Bool = false,
        clientIDMode: ClientIDMode = .strict, signedURLSecret: String? = nil
    ) {
        self.host = host
        self.port = port
        self.limits = limits
        self.enableChecksum = enableChecksum
        self.adminMode = adminMode
        self.messageDeleteWithClaimID = messageDeleteWithClaimID
        self.clientIDMode = clientIDMode
        self.signedURLSecret = signedURLSecret
    }
}
