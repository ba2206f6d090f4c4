import Shared

/// Turns the REST answer of an action into the body Zaqar's WebSocket endpoints answer
/// (`zaqar/api/v2/endpoints.py`): the status stays the REST one, the body takes the reference's
/// shape (`{"queues": [...]}`, `{"message_ids": [...]}`, `"Queue q created."`, ...).
enum WebSocketReplyShape {
    /// The frame body for `action` answered `status` with `json` (`nil`: no or unparsable body)
    /// and `location` (the REST `Location` header) to the request `body`.
    static func body(
        for action: WebSocketAction, status: Int, json: JSONValue?, location: String?, request body: JSONValue
    ) -> JSONValue {
        if status >= 400 { return error(status: status, json: json) }
        let queue = body["queue_name"]?.stringValue ?? ""
        switch action {
        case .authenticate:
            return .object([(key: "message", value: .string("Authentified."))])
        case .queueList:
            return member("queues", of: json, default: .array([]))
        case .queueCreate:
            return .string("Queue \(queue) created.")
        case .queueDelete:
            return .string("Queue \(queue) removed.")
        case .queueGet, .queueGetStats, .subscriptionGet:
            return json ?? .object([])
        case .queuePurge, .messageDelete:
            return .object([])
        case .messageList, .messageGetMany:
            return .object([(key: "messages", value: .array(messages(of: json, claimID: nil)))])
        case .messageGet:
            return .object([(key: "messages", value: json.map { message($0, claimID: nil) } ?? .null)])
        case .messagePost:
            let ids = (json?["resources"]?.arrayValue ?? []).compactMap { $0.stringValue.map(lastSegment) }
            return .object([(key: "message_ids", value: .array(ids.map { .string($0) }))])
        case .messageDeleteMany:
            return status == 200 ? member("messages", of: json, default: .array([])) : .object([])
        case .claimCreate:
            guard status == 201 else { return .object([]) }
            let claimID = location.map { lastSegment(Substring($0)) }
            return .object([
                (key: "claim_id", value: claimID.map { .string($0) } ?? .null),
                (key: "messages", value: .array(messages(of: json, claimID: claimID))),
            ])
        case .claimGet:
            guard case .object(let members)? = json else { return .object([]) }
            let claimID = body["claim_id"]?.stringValue
            return .object(members.compactMap { member in
                switch member.key {
                case "href": return nil
                case "messages": return (key: "messages", value: .array(messages(of: json, claimID: claimID)))
                default: return member
                }
            })
        case .claimUpdate:
            return .string("Claim \(body["claim_id"]?.stringValue ?? "") updated.")
        case .claimDelete:
            return .string("Claim \(body["claim_id"]?.stringValue ?? "") deleted.")
        case .subscriptionCreate:
            return .object([
                (key: "subscription_id", value: json?["subscription_id"] ?? .null),
                (key: "message", value: .string("Subscription \(queue) created.")),
            ])
        case .subscriptionList:
            return member("subscriptions", of: json, default: .array([]))
        case .subscriptionDelete:
            return .string("Subscription \(body["subscription_id"]?.stringValue ?? "") removed.")
        }
    }

    /// `{"error": title, "exception": description}` from the REST error document.
    static func error(status: Int, json: JSONValue?) -> JSONValue {
        let title = json?["title"]?.stringValue ?? "HTTP \(status)"
        var members: [(key: String, value: JSONValue)] = [(key: "error", value: .string(title))]
        if let description = json?["description"] { members.append((key: "exception", value: description)) }
        return .object(members)
    }

    /// A message in the reference's shape: `{"id", "claim_id", "ttl", "age", "body"}`; the claim
    /// id comes from `claimID`, else from the REST `href` (`...?claim_id=...`).
    static func message(_ rest: JSONValue, claimID: String?) -> JSONValue {
        let fromHref = rest["href"]?.stringValue.flatMap { href -> String? in
            guard let range = href.range(of: "?claim_id=") else { return nil }
            return PercentEncoding.decode(href[range.upperBound...])
        }
        return .object([
            (key: "id", value: rest["id"] ?? .null),
            (key: "claim_id", value: (claimID ?? fromHref).map { .string($0) } ?? .null),
            (key: "ttl", value: rest["ttl"] ?? .null),
            (key: "age", value: rest["age"] ?? .null),
            (key: "body", value: rest["body"] ?? .null),
        ])
    }

    private static func messages(of json: JSONValue?, claimID: String?) -> [JSONValue] {
        (json?["messages"]?.arrayValue ?? []).map { message($0, claimID: claimID) }
    }

    /// `{name: json[name]}`, `default` standing in for a missing member.
    private static func member(_ name: String, of json: JSONValue?, default fallback: JSONValue) -> JSONValue {
        .object([(key: name, value: json?[name] ?? fallback)])
    }

    /// The last `/`-separated segment of a path, without its query.
    private static func lastSegment(_ path: Substring) -> String {
        let withoutQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? path
        return String(withoutQuery.split(separator: "/").last ?? "")
    }

    private static func lastSegment(_ path: String) -> String { lastSegment(Substring(path)) }
}

extension JSONValue {
    /// The elements, if this is an array.
    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}
