import Shared

/// The body of `POST /v2/queues/{name}/share` (spec §6.1) turned into the scope to sign.
struct ShareDocument: Sendable {
    /// The resources of a queue a share may cover.
    static let shareableResources: Set<String> = ["messages", "subscriptions", "claims"]
    /// How long a share lasts when the body names no `expires`: one day.
    static let defaultLifetimeSeconds: Int64 = 86_400

    /// The time `expires` must lie after, milliseconds since 1970.
    let nowMillis: Int64

    /// The scope a share grants on `queue` of `project`.
    ///
    /// `body` must be an object with only `paths` (non-empty array
    /// of `messages`, `subscriptions`, `claims`; default `["messages"]`), `methods` (non-empty array
    /// of strings; default `["GET"]`) and `expires` (ISO-8601 date-time in the future, never a bare
    /// integer; default now + 1 day).
    func scope(from body: JSONValue, queue: String, project: String) throws(APIError) -> SignedURLScope {
        var resources = ["messages"]
        var methods = ["GET"]
        var expiresSeconds = nowMillis / 1000 + Self.defaultLifetimeSeconds
        guard case .object(let members) = body else { throw .invalidBody("The share body must be a JSON object.") }
        for member in members {
            switch member.key {
            case "paths": resources = try Self.paths(member.value)
            case "methods": methods = try Self.methods(member.value)
            case "expires": expiresSeconds = try expiry(member.value)
            default:
                throw .invalidBody("Unknown share field \"\(member.key)\": only paths, methods and expires are allowed.")
            }
        }
        let paths = resources.map { "/v2/queues/\(queue)/\($0)" }
        return SignedURLScope(paths: paths.sorted(), methods: methods.sorted(), project: project, expiresSeconds: expiresSeconds)
    }

    private static func paths(_ value: JSONValue) throws(APIError) -> [String] {
        let names = try strings(value, field: "paths")
        for name in names where !shareableResources.contains(name) {
            throw .invalidAPIRequest("Invalid share path \"\(name)\": paths may only be messages, subscriptions or claims.")
        }
        return names
    }

    private static func methods(_ value: JSONValue) throws(APIError) -> [String] {
        try strings(value, field: "methods")
    }

    private func expiry(_ value: JSONValue) throws(APIError) -> Int64 {
        guard case .string(let text) = value, let seconds = UTCTimestamp.parseISO8601(text) else {
            throw .invalidAPIRequest("\"expires\" must be an ISO-8601 date-time such as 2030-01-31T12:00:00Z.")
        }
        guard seconds * 1000 > nowMillis else { throw .invalidAPIRequest("\"expires\" must be in the future.") }
        return seconds
    }

    /// A non-empty array of strings.
    private static func strings(_ value: JSONValue, field: String) throws(APIError) -> [String] {
        guard case .array(let items) = value, !items.isEmpty else {
            throw .invalidBody("\"\(field)\" must be a non-empty array of strings.")
        }
        var texts: [String] = []
        for item in items {
            guard case .string(let text) = item else { throw .invalidBody("\"\(field)\" must be a non-empty array of strings.") }
            texts.append(text)
        }
        return texts
    }
}
