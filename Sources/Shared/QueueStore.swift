/// The operations a storage node offers for the queues it owns. The storage node implements it
/// over SQLite; the RPC client implements it over the wire, so the router calls one API either way.
///
/// All times are the implementation's own clock; ages are whole seconds.
public protocol QueueStore: Sendable {
    /// Checks the store is reachable and working.
    func ping() async throws
    /// Node-wide counts: queues and unexpired free/claimed messages over every project, in one read.
    func nodeStats() async throws -> NodeStats

    // MARK: Queues

    /// Creates the queue with `metadata` when it does not exist; an existing queue keeps its
    /// metadata. Returns `true` when the queue was created.
    func createQueue(_ queue: QueueRef, metadata: QueueMetadata) async throws -> Bool
    /// The stored metadata, or `nil` when the queue does not exist.
    func queueMetadata(_ queue: QueueRef) async throws -> QueueMetadata?
    /// Replaces the metadata of an existing queue; throws `.queueNotFound` otherwise.
    func setQueueMetadata(_ queue: QueueRef, metadata: QueueMetadata) async throws
    /// Deletes the queue with its messages and claims; a missing queue is not an error.
    func deleteQueue(_ queue: QueueRef) async throws
    /// Counts of free and claimed messages plus the oldest and newest (zeros for a missing queue).
    func stats(_ queue: QueueRef) async throws -> QueueStats
    /// Deletes every message (claimed, delayed or not) and/or every subscription.
    func purge(_ queue: QueueRef, messages: Bool, subscriptions: Bool) async throws

    // MARK: Messages

    /// Appends messages atomically (all or nothing), creating the queue if needed, and returns
    /// their ids in input order once they are durable. `requestSize` is the HTTP body length,
    /// checked against the queue's `_max_messages_post_size` (`.postTooLarge`).
    func postMessages(_ queue: QueueRef, clientID: String, messages: [NewMessage], requestSize: Int) async throws -> [String]
    /// One page of the listing, oldest first (empty for a missing queue).
    func listMessages(_ queue: QueueRef, query: MessageListQuery) async throws -> MessagePage
    /// The messages with these ids that exist and are alive, in the order of `ids`; unknown ids are skipped.
    func getMessages(_ queue: QueueRef, ids: [String]) async throws -> [StoredMessage]
    /// Deletes one message following spec §3.7 (Redis semantics).
    func deleteMessage(_ queue: QueueRef, id: String, claimID: String?) async throws
    /// Deletes the listed messages. With `claimIDs`, every existing listed message must be held by
    /// one of those live claims (`.claimMismatch` otherwise, nothing deleted).
    func deleteMessages(_ queue: QueueRef, ids: [String], claimIDs: [String]?) async throws
    /// Removes and returns up to `limit` of the oldest claimable messages.
    func popMessages(_ queue: QueueRef, limit: Int) async throws -> [StoredMessage]

    // MARK: Claims

    /// Waits until messages are posted to `queue` (`true`) or `timeout` passes (`false`): the
    /// wake-up of long-poll claims and listings. It says nothing about what is claimable now.
    func awaitMessages(_ queue: QueueRef, timeout: Duration) async -> Bool
    /// Claims up to `limit` claimable messages, oldest first (spec §3.6, §3.9). `nil` when nothing was claimed.
    func createClaim(_ queue: QueueRef, ttl: Int, grace: Int, limit: Int) async throws -> ClaimResult?
    /// A live claim, or `nil` when unknown or expired.
    func getClaim(_ queue: QueueRef, id: String) async throws -> ClaimInfo?
    /// Renews a live claim to expire `ttl` seconds from now; throws `.claimNotFound` otherwise.
    func updateClaim(_ queue: QueueRef, id: String, ttl: Int, grace: Int) async throws
    /// Releases a claim; unknown claims are not an error.
    func deleteClaim(_ queue: QueueRef, id: String) async throws

    // MARK: Subscriptions

    /// Creates a subscription, creating the queue lazily. A subscription of the same subscriber
    /// on the queue that is not confirmed yet is returned as is (`created == false`); a confirmed
    /// one throws `.subscriptionConflict`.
    func createSubscription(_ queue: QueueRef, _ subscription: NewSubscription) async throws -> SubscriptionCreation
    /// Live (unexpired) subscriptions ordered by id, strictly after `marker`, at most `limit`.
    func listSubscriptions(_ queue: QueueRef, marker: String?, limit: Int) async throws -> [Subscription]
    /// A live subscription, or `nil`.
    func getSubscription(_ queue: QueueRef, id: String) async throws -> Subscription?
    /// Applies the update; `.subscriptionNotFound` for unknown/expired ids, `.subscriptionConflict`
    /// when the new subscriber is already subscribed to the queue.
    func updateSubscription(_ queue: QueueRef, id: String, _ update: SubscriptionUpdate) async throws
    /// Sets the confirmation flag; `.subscriptionNotFound` for unknown/expired ids.
    func confirmSubscription(_ queue: QueueRef, id: String, confirmed: Bool) async throws
    /// Deletes a subscription and its pending notifications; unknown ids are not an error.
    func deleteSubscription(_ queue: QueueRef, id: String) async throws

    // MARK: Moving queues between pools

    /// Admits a request on `queue`, or throws `.queueMoving` / `.queueMoved` when the queue is
    /// behind a fence. Every admitted request is followed by one ``leave(_:)``.
    func enter(_ queue: QueueRef) throws(StorageError)
    /// Ends a request admitted by ``enter(_:)``.
    func leave(_ queue: QueueRef)
    /// Changes the fence around `queue` (see ``QueueFenceChange``); durable when it returns.
    /// `.freeze` returns once every request admitted before it has finished.
    func changeFence(_ queue: QueueRef, _ change: QueueFenceChange) async throws
    /// A batch of the queue's messages after `after` (`0` at first, then the previous batch's
    /// `marker`) of at most about `maxBytes`; `withState` adds the queue's other rows and the
    /// number of its messages up to `after` (see ``QueueTransferBatch``). Throws
    /// `.queueNotFound` for unknown queues.
    func exportQueue(_ queue: QueueRef, after: Int64, maxBytes: Int, withState: Bool) async throws -> QueueTransferBatch
    /// The id and claim columns (`message_states`) of at most `maxRows` of the queue's messages
    /// with listing positions in `after...upTo` (`after` excluded): what a move's second round
    /// sends before the batch with state, so the new node drops what was deleted meanwhile and
    /// takes the claims.
    func exportMessageStates(_ queue: QueueRef, after: Int64, upTo: Int64, maxRows: Int) async throws -> QueueTransferBatch
    /// Stores a batch exported by another node. The first batch replaces whatever this node holds
    /// of the queue and leaves it frozen; tables other than messages replace the queue's rows;
    /// `message_states` rows are collected, and the batch with state (with their expected count)
    /// then drops the copied messages they do not list and takes the claims of the others; the
    /// last batch lifts the fence, so the queue serves requests only once complete.
    func importQueue(_ queue: QueueRef, _ batch: QueueTransferBatch, first: Bool, last: Bool) async throws
}

extension QueueStore {
    /// Stores that keep no fences admit every request.
    public func enter(_ queue: QueueRef) throws(StorageError) {}
    public func leave(_ queue: QueueRef) {}
}
