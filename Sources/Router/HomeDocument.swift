import Shared

/// The JSON home document of `GET /v2/` (spec §2.0).
enum HomeDocument {
    private struct Relation {
        var name: String
        var template: String
        var variables: [(String, String)]
        var allow: [String]
        var acceptsPost = false
        var plainHref = false
    }

    private static let queueVariable = ("queue_name", "param/queue_name")

    private static let publicRelations: [Relation] = [
        Relation(
            name: "rel/queues", template: "/v2/queues{?marker,limit,detailed}",
            variables: [("marker", "param/marker"), ("limit", "param/queue_limit"), ("detailed", "param/detailed")],
            allow: ["GET"]),
        Relation(
            name: "rel/queue", template: "/v2/queues/{queue_name}", variables: [queueVariable],
            allow: ["GET", "PUT", "DELETE", "PATCH"]),
        Relation(
            name: "rel/queue_stats", template: "/v2/queues/{queue_name}/stats", variables: [queueVariable],
            allow: ["GET"]),
        Relation(
            name: "rel/queue_share", template: "/v2/queues/{queue_name}/share", variables: [queueVariable],
            allow: ["POST"], acceptsPost: true),
        Relation(
            name: "rel/queue_purge", template: "/v2/queues/{queue_name}/purge", variables: [queueVariable],
            allow: ["POST"], acceptsPost: true),
        Relation(
            name: "rel/messages", template: "/v2/queues/{queue_name}/messages{?marker,limit,echo,include_claimed}",
            variables: [
                queueVariable, ("marker", "param/marker"), ("limit", "param/messages_limit"), ("echo", "param/echo"),
                ("include_claimed", "param/include_claimed"),
            ],
            allow: ["GET"]),
        Relation(
            name: "rel/post_messages", template: "/v2/queues/{queue_name}/messages", variables: [queueVariable],
            allow: ["POST"], acceptsPost: true),
        Relation(
            name: "rel/messages_delete", template: "/v2/queues/{queue_name}/messages{?ids,pop}",
            variables: [queueVariable, ("ids", "param/ids"), ("pop", "param/pop")], allow: ["DELETE"]),
        Relation(
            name: "rel/message_delete", template: "/v2/queues/{queue_name}/messages/{message_id}{?claim}",
            variables: [queueVariable, ("message_id", "param/message_id"), ("claim", "param/claim_id")],
            allow: ["DELETE"]),
        Relation(
            name: "rel/message_get", template: "/v2/queues/{queue_name}/messages/{message_id}",
            variables: [queueVariable, ("message_id", "param/message_id")], allow: ["GET"]),
        Relation(
            name: "rel/claim", template: "/v2/queues/{queue_name}/claims/{claim_id}",
            variables: [queueVariable, ("claim_id", "param/claim_id")], allow: ["GET"]),
        Relation(
            name: "rel/post_claim", template: "/v2/queues/{queue_name}/claims{?limit}",
            variables: [queueVariable, ("limit", "param/claim_limit")], allow: ["POST"], acceptsPost: true),
        Relation(
            name: "rel/patch_claim", template: "/v2/queues/{queue_name}/claims/{claim_id}",
            variables: [queueVariable, ("claim_id", "param/claim_id")], allow: ["PATCH"]),
        Relation(
            name: "rel/delete_claim", template: "/v2/queues/{queue_name}/claims/{claim_id}",
            variables: [queueVariable, ("claim_id", "param/claim_id")], allow: ["DELETE"]),
        Relation(
            name: "rel/subscriptions_get", template: "/v2/queues/{queue_name}/subscriptions{?marker,limit}",
            variables: [queueVariable, ("marker", "param/marker"), ("limit", "param/subscription_limit")],
            allow: ["GET"]),
        Relation(
            name: "rel/subscriptions_post", template: "/v2/queues/{queue_name}/subscriptions",
            variables: [queueVariable], allow: ["POST"], acceptsPost: true),
        Relation(
            name: "rel/subscription", template: "/v2/queues/{queue_name}/subscriptions/{subscriptions_id}",
            variables: [queueVariable, ("subscriptions_id", "param/subscriptions_id")], allow: ["GET", "DELETE"]),
        Relation(
            name: "rel/subscription_patch", template: "/v2/queues/{queue_name}/subscriptions/{subscriptions_id}",
            variables: [queueVariable, ("subscriptions_id", "param/subscriptions_id")], allow: ["PATCH"]),
        Relation(name: "rel/ping", template: "/v2/ping", variables: [], allow: ["GET"]),
    ]

    private static let pagingVariables = [("detailed", "param/detailed"), ("limit", "param/limit"), ("marker", "param/marker")]

    private static let adminRelations: [Relation] = [
        Relation(name: "rel/pools", template: "/v2/pools{?detailed,limit,marker}", variables: pagingVariables, allow: ["GET"]),
        Relation(
            name: "rel/pool", template: "/v2/pools/{pool_name}", variables: [("pool_name", "param/pool_name")],
            allow: ["GET", "PUT", "PATCH", "DELETE"]),
        Relation(
            name: "rel/flavors", template: "/v2/flavors{?detailed,limit,marker}", variables: pagingVariables, allow: ["GET"]),
        Relation(
            name: "rel/flavor", template: "/v2/flavors/{flavor_name}", variables: [("flavor_name", "param/flavor_name")],
            allow: ["GET", "PUT", "PATCH", "DELETE"]),
        Relation(name: "rel/health", template: "/v2/health", variables: [], allow: ["GET"], plainHref: true),
    ]

    private static let publicDocument = render(publicRelations)
    private static let adminDocument = render(publicRelations + adminRelations)

    /// The serialised document; admin relations only in admin mode.
    static func build(adminMode: Bool) -> [UInt8] {
        adminMode ? adminDocument : publicDocument
    }

    private static func render(_ relations: [Relation]) -> [UInt8] {
        var writer = JSONWriter(capacity: 8192)
        writer.beginObject()
        writer.key("resources")
        writer.beginObject()
        for relation in relations {
            writer.key(relation.name)
            writer.beginObject()
            writer.key(relation.plainHref ? "href" : "href-template")
            writer.string(relation.template)
            if !relation.plainHref {
                writer.key("href-vars")
                writer.beginObject()
                for (name, parameter) in relation.variables {
                    writer.key(name)
                    writer.string(parameter)
                }
                writer.endObject()
            }
            writer.key("hints")
            writer.beginObject()
            writer.key("allow")
            writer.beginArray()
            for method in relation.allow { writer.string(method) }
            writer.endArray()
            writer.key("formats")
            writer.beginObject()
            writer.key("application/json")
            writer.beginObject()
            writer.endObject()
            writer.endObject()
            if relation.acceptsPost {
                writer.key("accept-post")
                writer.beginArray()
                writer.string("application/json")
                writer.endArray()
            }
            writer.endObject()
            writer.endObject()
        }
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }
}
