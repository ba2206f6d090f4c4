import Shared

/// The two queue-like resources of the API: queues (`/v2/queues`) and topics (`/v2/topics`,
/// spec §2.5). A topic is stored as a queue in a namespace of its own (`TopicNamespace`), so
/// handlers shared by both only differ in the path prefix and the storage reference.
enum ResourceKind: Sendable, Equatable {
    case queue
    case topic

    /// The first path segment after `/v2/`.
    var collection: String {
        switch self {
        case .queue: return "queues"
        case .topic: return "topics"
        }
    }

    /// The storage reference of the resource `name` of `project`.
    func ref(project: String, name: String) -> QueueRef {
        switch self {
        case .queue: return QueueRef(project: project, name: name)
        case .topic: return TopicNamespace.queueRef(project: project, topic: name)
        }
    }

    /// The path of one resource, `/v2/queues/{name}` or `/v2/topics/{name}`.
    func path(_ name: String) -> String {
        "/v2/\(collection)/\(name)"
    }

    /// The reserved keys shown with their defaults on reads and treated as reserved by PATCH:
    /// all seven for queues, only the three message defaults for topics (spec §2.5).
    var defaultedKeys: [String] {
        switch self {
        case .queue: return ReservedMetadata.autoDefaultedKeys
        case .topic:
            return [
                ReservedMetadata.maxMessagesPostSize, ReservedMetadata.defaultMessageTTL,
                ReservedMetadata.defaultMessageDelay,
            ]
        }
    }

    /// The storage project whose catalog entries list the resources of `project`.
    func storageProject(_ project: String) -> String {
        switch self {
        case .queue: return project
        case .topic: return TopicNamespace.storageProject(for: project)
        }
    }

    /// The word used in error descriptions.
    var noun: String {
        switch self {
        case .queue: return "Queue"
        case .topic: return "Topic"
        }
    }
}
