/// Every failure a storage node (or the RPC path to it) reports. The router maps each case to
/// one HTTP status; the RPC carries them as typed values, never as text to parse.
public enum StorageError: Error, Sendable, Equatable {
    /// The queue does not exist (404 where the spec says so).
    case queueNotFound
    /// The message does not exist.
    case messageNotFound
    /// The claim is unknown or has expired (404 on claim GET/PATCH).
    case claimNotFound
    /// Single delete: the message is held by a live claim and no (or another live) claim id was given (403).
    case messageClaimed
    /// Single delete: a claim id was given but the message is not claimed, or its claim expired (400).
    case messageNotClaimed
    /// Single delete: the given claim id is malformed or names no claim (400).
    case claimDoesNotExist
    /// Bulk delete with claim ids: a message is not held by any of the given claims (403).
    case claimMismatch
    /// The post is larger than the queue's `_max_messages_post_size` (400).
    case postTooLarge(limit: Int)
    /// The subscription is unknown or has expired (404).
    case subscriptionNotFound
    /// The subscriber is already subscribed to this queue, confirmed (409).
    case subscriptionConflict
    /// The node could not be reached, timed out, or its store failed (503).
    case unavailable(String)
    /// The node's disk (or its store size limit) is full: the write was not stored, nothing
    /// stored before is affected, and writes succeed again once space returns (507).
    case storageFull(String)
    /// The peer broke the protocol: malformed frame, unknown opcode, bad version.
    case protocolViolation(String)
    /// The queue is frozen on this node while it moves to another pool: the request did nothing
    /// and can be sent again shortly (the router retries it, then answers 503).
    case queueMoving
    /// The queue has left this node for another pool: the request did nothing; look the queue
    /// up in the catalog again and send it there.
    case queueMoved
}

extension StorageError {
    /// Whether the node itself failed (unavailable, full, a protocol violation) rather than
    /// answering the request as asked ("not found", "claimed", "too large"…): the failures
    /// worth a warning in the logs.
    public var isServerFault: Bool {
        switch self {
        case .unavailable, .storageFull, .protocolViolation: return true
        default: return false
        }
    }

    /// Whether the queue is moving or has moved to another pool: the request was refused
    /// untouched and may be sent again once the catalog says where the queue lives.
    public var isRelocation: Bool {
        self == .queueMoving || self == .queueMoved
    }
}
