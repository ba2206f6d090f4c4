import Shared

/// One entry of the catalog's queue → pool map, as the cross-project listing returns it.
public struct RegisteredQueue: Sendable, Equatable {
    /// The queue (topics appear under their storage project, see `TopicNamespace`).
    public var queue: QueueRef
    /// Where the queue lives.
    public var placement: QueuePlacement

    public init(queue: QueueRef, placement: QueuePlacement) {
        self.queue = queue
        self.placement = placement
    }
}
