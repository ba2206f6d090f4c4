/// Cross-origin resource sharing for browser clients (the reference's oslo `[cors]` options).
/// Off while ``allowOrigins`` is empty.
public struct CORSPolicy: Sendable, Equatable {
    /// The API's methods, the default of ``allowMethods``.
    public static let defaultMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
    /// The request headers Zaqar clients send, the default of ``allowHeaders``.
    public static let defaultHeaders = [
        "Accept", "Authorization", "Client-ID", "Content-Type", "EXTRA-SPEC", "X-Auth-Token", "X-Project-ID",
        "X-Roles", "X-Tenant-ID", "X-Tenant", "URL-Signature", "URL-Expires", "URL-Methods", "URL-Paths",
        "X-OpenStack-Request-ID",
    ]
    /// The response headers scripts may read.
    public static let exposedHeaders = ["Location", "Content-Location", "Retry-After", "x-openstack-request-id"]

    /// Origins allowed to call the API (`https://app.example.com`); `*` allows every origin.
    public var allowOrigins: [String]
    /// Methods announced to preflight requests; others are refused.
    public var allowMethods: [String]
    /// Request headers announced to preflight requests; others are refused.
    public var allowHeaders: [String]
    /// Seconds browsers may cache a preflight answer; `0` sends no `Access-Control-Max-Age`.
    public var maxAge: Int

    /// A policy; without `allowOrigins` CORS stays off.
    public init(
        allowOrigins: [String] = [], allowMethods: [String] = CORSPolicy.defaultMethods,
        allowHeaders: [String] = CORSPolicy.defaultHeaders, maxAge: Int = 3600
    ) {
        self.allowOrigins = allowOrigins
        self.allowMethods = allowMethods
        self.allowHeaders = allowHeaders
        self.maxAge = maxAge
    }

    /// The items of comma-separated option values, trimmed, empty items dropped.
    public static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { String(String($0).trimmingASCIISpaces()) }.filter { !$0.isEmpty }
    }

    /// True when at least one origin is allowed.
    public var isEnabled: Bool { !allowOrigins.isEmpty }

    /// True when every origin is allowed (`*`).
    var allowsAnyOrigin: Bool { allowOrigins.contains("*") }

    /// Whether `origin` may call the API (scheme and host compare case-insensitively; a
    /// trailing `/` in the configuration is ignored).
    func allows(origin: String) -> Bool {
        if allowsAnyOrigin { return true }
        let wanted = origin.lowercased()
        return allowOrigins.contains { Self.normalized($0) == wanted }
    }

    /// Why the policy cannot be used, or `nil` when it can.
    public var problem: String? {
        if maxAge < 0 { return "the CORS max age must not be negative" }
        for origin in allowOrigins where origin != "*" {
            let normalized = Self.normalized(origin)
            guard normalized.hasPrefix("http://") || normalized.hasPrefix("https://") || normalized == "null" else {
                return "CORS origin \(origin) must be *, null or an http(s)://host[:port] origin"
            }
        }
        if allowMethods.contains(where: { $0.isEmpty }) || allowHeaders.contains(where: { $0.isEmpty }) {
            return "CORS methods and headers must not be empty"
        }
        return nil
    }

    private static func normalized(_ origin: String) -> String {
        var text = origin.lowercased()
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
