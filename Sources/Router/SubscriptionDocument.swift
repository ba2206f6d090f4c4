import Shared

/// Validation of subscription request bodies (spec §2.4, §5.2): a subscriber URI of a supported
/// scheme, a ttl of at least 60 seconds whose expiry stays before the year 10000, an options
/// object whose `_retry_policy` is valid.
struct SubscriptionDocument: Sendable {
    /// Seconds since the epoch of 9999-12-31T23:59:59Z, the last expiry a ttl may reach.
    static let latestExpiry: Int64 = 253_402_300_799
    /// Hard minimum of a subscription ttl.
    static let minimumTTL: Int64 = 60
    /// The keys a PATCH may change.
    static let updatableKeys: Set<String> = ["subscriber", "ttl", "options"]

    let defaultTTL: Int
    /// Seconds since the epoch, for the year-9999 bound.
    let nowSeconds: Int64

    /// The subscription a POST body describes.
    func newSubscription(from document: JSONValue) throws(APIError) -> NewSubscription {
        guard case .object = document else { throw .invalidBody("Subscription must be a JSON object.") }
        guard let subscriber = document["subscriber"] else {
            throw .invalidBody("Missing parameter subscriber in body.")
        }
        return NewSubscription(
            subscriber: try Self.subscriber(subscriber),
            ttl: try document["ttl"].map { value throws(APIError) in try ttl(value) } ?? defaultTTL,
            options: try document["options"].map { value throws(APIError) in try Self.options(value) } ?? Array("{}".utf8))
    }

    /// The update a PATCH body describes; other keys are ignored, but one must be recognised.
    func update(from document: JSONValue) throws(APIError) -> SubscriptionUpdate {
        guard case .object(let members) = document else { throw .invalidBody("Subscriptions must be a dict.") }
        guard members.contains(where: { Self.updatableKeys.contains($0.key) }) else {
            throw .invalidAPIRequest("No valid subscription field to update: expected subscriber, ttl or options.")
        }
        var update = SubscriptionUpdate()
        if let value = document["subscriber"] { update.subscriber = try Self.subscriber(value) }
        if let value = document["ttl"] { update.ttl = try ttl(value) }
        if let value = document["options"] { update.options = try Self.options(value) }
        return update
    }

    /// A ttl: an integer ≥ 60 (0 included in the rejection) whose expiry is before the year 10000.
    func ttl(_ value: JSONValue) throws(APIError) -> Int {
        guard case .int(let seconds) = value else { throw .invalidAPIRequest("The TTL of a subscription must be an integer.") }
        guard seconds >= Self.minimumTTL else {
            throw .invalidAPIRequest("The TTL of a subscription must be at least \(Self.minimumTTL) seconds.")
        }
        guard seconds <= Self.latestExpiry - nowSeconds, let result = Int(exactly: seconds) else {
            throw .invalidAPIRequest("The TTL of a subscription may not make it expire after the year 9999.")
        }
        return result
    }

    /// The options object as compact JSON, with its `_retry_policy` validated.
    static func options(_ value: JSONValue) throws(APIError) -> [UInt8] {
        guard case .object = value else { throw .invalidAPIRequest("Options of a subscription must be an object.") }
        if let policy = value["_retry_policy"] { try RetryPolicyValidation.validate(policy) }
        return value.serialized()
    }

    /// A subscriber URI: `http(s)://host…` or `mailto:local@domain[?query]`.
    static func subscriber(_ value: JSONValue) throws(APIError) -> String {
        guard case .string(let uri) = value, !uri.isEmpty else {
            throw .invalidAPIRequest("The subscriber of a subscription must be a non-empty string.")
        }
        guard uri.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            throw .invalidAPIRequest("The subscriber may not contain spaces or control characters.")
        }
        let lowered = uri.lowercased()
        if lowered.hasPrefix("trust+http://") || lowered.hasPrefix("trust+https://") {
            throw .invalidAPIRequest("The subscriber type trust+http(s) is not supported (no Keystone trusts).")
        }
        for prefix in ["http://", "https://"] where lowered.hasPrefix(prefix) {
            let rest = uri.utf8.dropFirst(prefix.utf8.count)
            let authority = rest.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
            let host = authority.split(separator: UInt8(ascii: "@")).last.map { Array($0) } ?? []
            guard !host.isEmpty, host.first != UInt8(ascii: ":") else {
                throw .invalidAPIRequest("The subscriber \(uri) is not a valid URL: it has no host.")
            }
            return uri
        }
        if lowered.hasPrefix("mailto:") {
            let address = uri.utf8.dropFirst("mailto:".utf8.count).prefix { $0 != UInt8(ascii: "?") }
            let parts = address.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 1,
                !parts[1].contains(UInt8(ascii: "/"))
            else {
                throw .invalidAPIRequest("The subscriber \(uri) is not a valid mailto: address.")
            }
            return uri
        }
        throw .invalidAPIRequest("The subscriber type of subscription must be supported in the list [http, https, mailto].")
    }
}
