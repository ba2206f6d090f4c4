import Shared

/// Sample values covering every request and response shape, with optionals both set and unset
/// and non-ASCII text.
enum RPCFixtures {
    static let queue = QueueRef(project: "projét-1", name: "fizbit")

    static let fullSettings = QueueSettings(
        defaultMessageTTL: 3600, maxMessagesPostSize: 262_144, defaultMessageDelay: 30, deadLetterQueue: "dlq",
        deadLetterQueueMessagesTTL: 120, maxClaimCount: 3, enableEncryptMessages: true
    )

    static let metadata = QueueMetadata(json: Array(#"{"_default_message_ttl":3600,"note":"ünïcode"}"#.utf8), settings: fullSettings)

    static let storedMessage = StoredMessage(
        id: "5f1a9c0e2b3d4e5f6a7b8c9d", sequence: 42, body: Array(#"{"event":"backup"}"#.utf8), ttl: 300, age: 12,
        createdMillis: 1_700_000_000_123, claimID: "c1a1m", claimCount: 2, checksum: "MD5:0123456789abcdef0123456789abcdef"
    )

    static let bareMessage = StoredMessage(
        id: "m2", sequence: Int64.max, body: Array("null".utf8), ttl: 60, age: 0, createdMillis: -1,
        claimID: nil, claimCount: 0, checksum: nil
    )

    static let listQuery = MessageListQuery(marker: 41, limit: 10, clientID: "client-🙂", echo: true, includeClaimed: false, includeDelayed: true)

    /// One request per opcode, plus variants with optionals unset.
    static let requests: [NodeRequest] = [
        .ping,
        .createQueue(queue, metadata: metadata),
        .createQueue(queue, metadata: .empty),
        .queueMetadata(queue),
        .setQueueMetadata(queue, metadata: metadata),
        .deleteQueue(queue),
        .stats(queue),
        .purge(queue, messages: true, subscriptions: false),
        .postMessages(
            queue, clientID: "c",
            messages: [NewMessage(body: Array("[1,2]".utf8), ttl: 300, delay: 10, checksum: "MD5:ab"), NewMessage(body: [])],
            requestSize: 1234
        ),
        .postMessages(queue, clientID: "", messages: [], requestSize: 0),
        .listMessages(queue, query: listQuery),
        .listMessages(queue, query: MessageListQuery(marker: nil, limit: 0, clientID: "", echo: false, includeClaimed: true, includeDelayed: false)),
        .getMessages(queue, ids: ["a", "b", "c"]),
        .getMessages(queue, ids: []),
        .deleteMessage(queue, id: "m1", claimID: "c1"),
        .deleteMessage(queue, id: "m1", claimID: nil),
        .deleteMessages(queue, ids: ["m1", "m2"], claimIDs: ["c1"]),
        .deleteMessages(queue, ids: ["m1"], claimIDs: nil),
        .popMessages(queue, limit: 5),
        .createClaim(queue, ttl: 300, grace: 60, limit: 10),
        .getClaim(queue, id: "c1"),
        .updateClaim(queue, id: "c1", ttl: 600, grace: -1),
        .deleteClaim(queue, id: "c1"),
        .nodeStats,
        .createSubscription(queue, subscription: newSubscription),
        .createSubscription(queue, subscription: NewSubscription(subscriber: "", ttl: 0, options: [])),
        .listSubscriptions(queue, marker: "0123456789abcdef0123456789abcdef", limit: 10),
        .listSubscriptions(queue, marker: nil, limit: 0),
        .getSubscription(queue, id: "s1"),
        .updateSubscription(queue, id: "s1", update: SubscriptionUpdate(subscriber: "mailto:ü@example.com", ttl: 60, options: Array("{}".utf8))),
        .updateSubscription(queue, id: "s1", update: SubscriptionUpdate()),
        .confirmSubscription(queue, id: "s1", confirmed: true),
        .confirmSubscription(queue, id: "s1", confirmed: false),
        .deleteSubscription(queue, id: "s1"),
        .awaitMessages(queue, timeoutMillis: 20_000),
        .changeFence(queue, change: .retire),
        .exportQueue(queue, after: 0, maxBytes: 1 << 20, withState: false),
        .importQueue(queue, batch: transfer, first: false, last: true),
        .exportMessageStates(queue, after: 0, upTo: 99, maxRows: 1000),
    ]

    /// A transfer batch with every kind of column value.
    static let transfer = QueueTransferBatch(
        tables: [
            TransferTable(
                name: "messages", columns: ["id", "ttl", "body", "claim_id"],
                rows: [
                    [.text("m1"), .integer(-1), .blob([0, 255]), .null],
                    [.text("ünï"), .integer(Int64.max), .blob([]), .text("c1")],
                ]),
            TransferTable(name: "outbox", columns: [], rows: []),
        ],
        marker: 42, hasMore: true)

    static let newSubscription = NewSubscription(
        subscriber: "http://hooks.example.com:8080/ünï?x=1", ttl: 3600,
        options: Array(#"{"post_data":{"m":"$zaqar_message$"},"_max_retry":3}"#.utf8)
    )

    static let subscription = Subscription(
        id: "0123456789abcdef0123456789abcdef", source: "fizbit", subscriber: "mailto:ops@example.com", ttl: 3600,
        age: 42, options: Array(#"{"from":"herald@example.com"}"#.utf8), confirmed: true
    )

    static let bareSubscription = Subscription(
        id: "s2", source: "", subscriber: "http://a", ttl: 0, age: 0, options: [], confirmed: false
    )

    /// Every ``StorageError`` case.
    static let errors: [StorageError] = [
        .queueNotFound, .messageNotFound, .claimNotFound, .messageClaimed, .messageNotClaimed, .claimDoesNotExist,
        .claimMismatch, .postTooLarge(limit: 262_144), .unavailable("disk on fire 🔥"), .protocolViolation(""), .storageFull("no space left"),
        .subscriptionNotFound, .subscriptionConflict, .queueMoving, .queueMoved,
    ]

    /// One response per opcode, plus variants with optionals unset and every error.
    static let responses: [NodeResponse] = [
        .done,
        .created(true),
        .created(false),
        .metadata(metadata),
        .metadata(nil),
        .stats(
            QueueStats(
                free: 3, claimed: 1, oldest: .init(id: "old", age: 100, createdMillis: 1_000),
                newest: .init(id: "new", age: 1, createdMillis: 2_000)
            )
        ),
        .stats(.empty),
        .messageIDs(["a", "b"]),
        .page(MessagePage(messages: [storedMessage, bareMessage], includeDelayed: true)),
        .page(MessagePage(messages: [], includeDelayed: false)),
        .messages([storedMessage]),
        .claim(ClaimResult(claimID: "c1", messages: [storedMessage, bareMessage])),
        .claim(nil),
        .claimInfo(ClaimInfo(id: "c1", ttl: 300, age: 5, messages: [storedMessage])),
        .claimInfo(nil),
        .nodeStats(NodeStats(queues: 7, messages: .init(free: 12, claimed: 3))),
        .nodeStats(.empty),
        .subscriptionCreation(SubscriptionCreation(id: "s1", created: true)),
        .subscriptionCreation(SubscriptionCreation(id: "s1", created: false)),
        .subscriptions([subscription, bareSubscription]),
        .subscriptions([]),
        .subscription(subscription),
        .subscription(nil),
        .transfer(transfer),
        .transfer(QueueTransferBatch(tables: [], marker: -1, hasMore: false)),
    ] + errors.map(NodeResponse.failure)
}
