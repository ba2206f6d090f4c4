/// Topics (spec §2.5) are stored as queues in a namespace of their own: the project id gets a
/// prefix that no HTTP header can carry (control characters are not allowed in header values),
/// so a topic and a queue may share a name and topics never show up in queue listings.
public enum TopicNamespace {
    /// The prefix of the storage project of every topic.
    public static let projectPrefix = "\u{1}topic\u{1}"

    /// Where the topic `name` of `project` is stored.
    public static func queueRef(project: String, topic name: String) -> QueueRef {
        QueueRef(project: projectPrefix + project, name: name)
    }

    /// The storage project holding the topics of `project` (for catalog listings).
    public static func storageProject(for project: String) -> String {
        projectPrefix + project
    }

    /// True when `queue` is a topic.
    public static func isTopic(_ queue: QueueRef) -> Bool {
        queue.project.hasPrefix(projectPrefix)
    }
}
