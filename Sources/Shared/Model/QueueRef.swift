/// Names one queue: queues are scoped by project, so the same name in two projects is two queues.
public struct QueueRef: Hashable, Sendable, CustomStringConvertible {
    /// The tenant (`X-Project-ID`) that owns the queue.
    public var project: String
    /// The queue name (1...64 characters of `[A-Za-z0-9_.-]`).
    public var name: String

    public init(project: String, name: String) {
        self.project = project
        self.name = name
    }

    public var description: String { "\(project)/\(name)" }
}
