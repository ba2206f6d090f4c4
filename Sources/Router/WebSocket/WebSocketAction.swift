import HTTPTypes
import Shared

/// The JSON type a body field of an action frame must have (Zaqar's request schemas).
enum WebSocketFieldType: String, Sendable {
    case string, integer, boolean, array, object

    /// Whether `value` has this type.
    func admits(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.integer, .int), (.boolean, .bool), (.array, .array), (.object, .object): return true
        default: return false
        }
    }
}

/// The REST request an action frame stands for.
struct WebSocketRESTCall: Sendable, Equatable {
    var method: HTTPRequest.Method
    /// The `/v2/...` path, segments percent-encoded.
    var path: String
    /// Query parameters, values not yet encoded.
    var query: [(name: String, value: String)] = []
    /// The JSON body, if the REST request has one.
    var body: JSONValue?

    /// The request target: path and encoded query.
    var target: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\($0.name)=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
    }

    static func == (lhs: WebSocketRESTCall, rhs: WebSocketRESTCall) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.body == rhs.body
    }
}

/// The actions of Zaqar's WebSocket API (`zaqar/api/v2/endpoints.py`) Herald serves, each the
/// equivalent of one REST request (``restCall(_:)``) whose answer ``WebSocketReplyShape`` turns
/// into the body the reference answers. `authenticate` is handled by the session itself.
enum WebSocketAction: String, CaseIterable, Sendable {
    case authenticate
    case queueList = "queue_list"
    case queueCreate = "queue_create"
    case queueDelete = "queue_delete"
    case queueGet = "queue_get"
    case queueGetStats = "queue_get_stats"
    case queuePurge = "queue_purge"
    case messageList = "message_list"
    case messageGet = "message_get"
    case messageGetMany = "message_get_many"
    case messagePost = "message_post"
    case messageDelete = "message_delete"
    case messageDeleteMany = "message_delete_many"
    case claimCreate = "claim_create"
    case claimGet = "claim_get"
    case claimUpdate = "claim_update"
    case claimDelete = "claim_delete"
    case subscriptionCreate = "subscription_create"
    case subscriptionList = "subscription_list"
    case subscriptionGet = "subscription_get"
    case subscriptionDelete = "subscription_delete"

    /// The type of every body field the reference schema knows, wherever it appears.
    static let fieldTypes: [String: WebSocketFieldType] = [
        "queue_name": .string, "marker": .string, "limit": .integer, "detailed": .boolean, "echo": .boolean,
        "include_claimed": .boolean, "message_id": .string, "message_ids": .array, "messages": .array,
        "claim_id": .string, "pop": .integer, "ttl": .integer, "grace": .integer, "subscription_id": .string,
        "subscriber": .string, "options": .object, "metadata": .object, "resource_types": .array,
    ]

    /// The body fields the frame must carry.
    var requiredFields: [String] {
        switch self {
        case .authenticate, .queueList: return []
        case .queueCreate, .queueDelete, .queueGet, .queueGetStats, .queuePurge, .messageList, .messageDeleteMany,
            .claimCreate, .subscriptionCreate, .subscriptionList:
            return ["queue_name"]
        case .messageGet, .messageDelete: return ["queue_name", "message_id"]
        case .messageGetMany: return ["queue_name", "message_ids"]
        case .messagePost: return ["queue_name", "messages"]
        case .claimGet, .claimUpdate, .claimDelete: return ["queue_name", "claim_id"]
        case .subscriptionGet, .subscriptionDelete: return ["queue_name", "subscription_id"]
        }
    }

    /// Why `body` does not fit the action's schema, or `nil` when it does.
    func schemaProblem(_ body: JSONValue) -> String? {
        guard case .object(let members) = body else { return "The body must be an object." }
        for field in requiredFields where body[field] == nil {
            return "Missing \"\(field)\" in the body."
        }
        for member in members {
            if let type = Self.fieldTypes[member.key], !type.admits(member.value) {
                return "The \"\(member.key)\" field must be of type \(type.rawValue)."
            }
        }
        if case .array(let ids)? = body["message_ids"], !ids.allSatisfy({ WebSocketFieldType.string.admits($0) }) {
            return "The \"message_ids\" field must be an array of strings."
        }
        return nil
    }

    /// The REST request of a frame whose `body` passed ``schemaProblem(_:)``; `subscriber` is the
    /// socket's own address for `subscription_create` without one. `nil` for `authenticate`.
    func restCall(_ body: JSONValue, subscriber: String? = nil) -> WebSocketRESTCall? {
        let queue = "/v2/queues/" + PercentEncoding.encode(body["queue_name"]?.stringValue ?? "")
        func segment(_ key: String) -> String { PercentEncoding.encode(body[key]?.stringValue ?? "") }
        func query(_ names: [String]) -> [(name: String, value: String)] {
            names.compactMap { name in body[name]?.queryValue.map { (name, $0) } }
        }
        func object(_ names: [String]) -> JSONValue {
            .object(names.compactMap { name in body[name].map { (key: name, value: $0) } })
        }
        switch self {
        case .authenticate:
            return nil
        case .queueList:
            return WebSocketRESTCall(method: .get, path: "/v2/queues", query: query(["marker", "limit", "detailed"]))
        case .queueCreate:
            return WebSocketRESTCall(method: .put, path: queue, body: body["metadata"] ?? .object([]))
        case .queueDelete:
            return WebSocketRESTCall(method: .delete, path: queue)
        case .queueGet:
            return WebSocketRESTCall(method: .get, path: queue)
        case .queueGetStats:
            return WebSocketRESTCall(method: .get, path: queue + "/stats")
        case .queuePurge:
            return WebSocketRESTCall(method: .post, path: queue + "/purge", body: object(["resource_types"]))
        case .messageList:
            return WebSocketRESTCall(
                method: .get, path: queue + "/messages", query: query(["marker", "limit", "echo", "include_claimed"]))
        case .messageGet:
            return WebSocketRESTCall(method: .get, path: queue + "/messages/" + segment("message_id"))
        case .messageGetMany:
            return WebSocketRESTCall(method: .get, path: queue + "/messages", query: query(["message_ids"]).map { ("ids", $0.value) })
        case .messagePost:
            return WebSocketRESTCall(method: .post, path: queue + "/messages", body: object(["messages"]))
        case .messageDelete:
            return WebSocketRESTCall(
                method: .delete, path: queue + "/messages/" + segment("message_id"), query: query(["claim_id"]))
        case .messageDeleteMany:
            let ids = query(["message_ids"]).map { (name: "ids", value: $0.value) }
            return WebSocketRESTCall(method: .delete, path: queue + "/messages", query: ids + query(["pop"]))
        case .claimCreate:
            return WebSocketRESTCall(method: .post, path: queue + "/claims", query: query(["limit"]), body: object(["ttl", "grace"]))
        case .claimGet:
            return WebSocketRESTCall(method: .get, path: queue + "/claims/" + segment("claim_id"))
        case .claimUpdate:
            return WebSocketRESTCall(method: .patch, path: queue + "/claims/" + segment("claim_id"), body: object(["ttl", "grace"]))
        case .claimDelete:
            return WebSocketRESTCall(method: .delete, path: queue + "/claims/" + segment("claim_id"))
        case .subscriptionCreate:
            var document = object(["subscriber", "ttl", "options"])
            if body["subscriber"] == nil, let subscriber, case .object(var members) = document {
                members.insert((key: "subscriber", value: .string(subscriber)), at: 0)
                document = .object(members)
            }
            return WebSocketRESTCall(method: .post, path: queue + "/subscriptions", body: document)
        case .subscriptionList:
            return WebSocketRESTCall(method: .get, path: queue + "/subscriptions", query: query(["marker", "limit"]))
        case .subscriptionGet:
            return WebSocketRESTCall(method: .get, path: queue + "/subscriptions/" + segment("subscription_id"))
        case .subscriptionDelete:
            return WebSocketRESTCall(method: .delete, path: queue + "/subscriptions/" + segment("subscription_id"))
        }
    }
}

extension JSONValue {
    /// The string, if this is one.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value as a query parameter: strings as they are, integers and booleans in decimal and
    /// `true`/`false`, arrays of strings comma-joined; `nil` for anything else.
    var queryValue: String? {
        switch self {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .array(let items):
            let strings = items.compactMap(\.stringValue)
            return strings.count == items.count ? strings.joined(separator: ",") : nil
        default: return nil
        }
    }
}
