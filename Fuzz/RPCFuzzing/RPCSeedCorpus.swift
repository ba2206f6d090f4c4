import NIOCore
import Shared

/// The seed corpus: one real wire frame per request and response shape (optionals set and
/// unset), encoded by the project's own encoder, plus the handshake messages.
public enum RPCSeedCorpus {
    /// One named seed file.
    public struct Seed: Sendable {
        /// The file name, e.g. `request-07-purge`.
        public var name: String
        public var bytes: [UInt8]
    }

    /// Every seed, in a stable order.
    public static var seeds: [Seed] {
        var seeds: [Seed] = []
        for (index, request) in requests.enumerated() {
            var buffer = ByteBuffer()
            RPCMessageCodec.encodeRequest(request, id: UInt64(index + 1), into: &buffer)
            seeds.append(Seed(name: name("request", index, "\(request.opcode)"), bytes: Array(buffer.readableBytesView)))
        }
        for (index, response) in responses.enumerated() {
            var buffer = ByteBuffer()
            RPCMessageCodec.encodeResponse(response, id: UInt64(index + 1), into: &buffer)
            seeds.append(Seed(name: name("response", index, "\(response.opcode)"), bytes: Array(buffer.readableBytesView)))
        }
        for (label, write) in handshakes {
            var buffer = ByteBuffer()
            write(&buffer)
            seeds.append(Seed(name: "handshake-\(label)", bytes: Array(buffer.readableBytesView)))
        }
        return seeds
    }

    private static func name(_ kind: String, _ index: Int, _ opcode: String) -> String {
        let number = index < 10 ? "0\(index)" : "\(index)"
        return "\(kind)-\(number)-\(opcode)"
    }

    static let queue = QueueRef(project: "p", name: "q")
    static let settings = QueueSettings(
        defaultMessageTTL: 60, maxMessagesPostSize: 1024, defaultMessageDelay: 1, deadLetterQueue: "dlq",
        deadLetterQueueMessagesTTL: 30, maxClaimCount: 2, enableEncryptMessages: false
    )
    static let metadata = QueueMetadata(json: Array(#"{"k":"ü"}"#.utf8), settings: settings)
    static let stored = StoredMessage(
        id: "m1", sequence: 7, body: Array("[1]".utf8), ttl: 60, age: 1, createdMillis: 1_700_000_000_000,
        claimID: "c1", claimCount: 1, checksum: "MD5:00"
    )
    static let bare = StoredMessage(id: "m2", sequence: 8, body: [], ttl: 0, age: 0, createdMillis: 0, claimID: nil, claimCount: 0, checksum: nil)
    static let subscription = Subscription(
        id: "s1", source: "q", subscriber: "http://h", ttl: 60, age: 1, options: Array("{}".utf8), confirmed: true
    )
    static let endpoint = QueueStats.Endpoint(id: "m1", age: 1, createdMillis: 1)

    static let requests: [NodeRequest] = [
        .ping,
        .createQueue(queue, metadata: metadata),
        .queueMetadata(queue),
        .setQueueMetadata(queue, metadata: .empty),
        .deleteQueue(queue),
        .stats(queue),
        .purge(queue, messages: true, subscriptions: false),
        .postMessages(queue, clientID: "c", messages: [NewMessage(body: Array("1".utf8), ttl: 60, delay: 0, checksum: "MD5:00"), NewMessage(body: [])], requestSize: 9),
        .listMessages(queue, query: MessageListQuery(marker: 3, limit: 10, clientID: "c", echo: true, includeClaimed: false, includeDelayed: true)),
        .listMessages(queue, query: MessageListQuery(marker: nil, limit: 1, clientID: "", echo: false, includeClaimed: true, includeDelayed: false)),
        .getMessages(queue, ids: ["m1", "m2"]),
        .deleteMessage(queue, id: "m1", claimID: "c1"),
        .deleteMessage(queue, id: "m1", claimID: nil),
        .deleteMessages(queue, ids: ["m1"], claimIDs: ["c1"]),
        .deleteMessages(queue, ids: [], claimIDs: nil),
        .popMessages(queue, limit: 2),
        .createClaim(queue, ttl: 60, grace: 30, limit: 5),
        .getClaim(queue, id: "c1"),
        .updateClaim(queue, id: "c1", ttl: 90, grace: 10),
        .deleteClaim(queue, id: "c1"),
        .nodeStats,
        .createSubscription(queue, subscription: NewSubscription(subscriber: "http://h", ttl: 60, options: Array("{}".utf8))),
        .listSubscriptions(queue, marker: "s1", limit: 10),
        .listSubscriptions(queue, marker: nil, limit: 0),
        .getSubscription(queue, id: "s1"),
        .updateSubscription(queue, id: "s1", update: SubscriptionUpdate(subscriber: "mailto:a@b", ttl: 5, options: [])),
        .updateSubscription(queue, id: "s1", update: SubscriptionUpdate()),
        .confirmSubscription(queue, id: "s1", confirmed: true),
        .deleteSubscription(queue, id: "s1"),
        .awaitMessages(queue, timeoutMillis: 20_000),
        .changeFence(queue, change: .freeze),
        .exportQueue(queue, after: 7, maxBytes: 4 << 20, withState: true),
        .importQueue(queue, batch: transfer, first: true, last: false),
        .exportMessageStates(queue, after: 1, upTo: 9, maxRows: 100),
    ]

    static let transfer = QueueTransferBatch(
        tables: [
            TransferTable(
                name: "messages", columns: ["id", "project", "queue", "body", "checksum"],
                rows: [[.text("m1"), .text("p"), .text("q"), .blob(Array("[1]".utf8)), .null]]),
            TransferTable(name: "claims", columns: ["id", "ttl"], rows: [[.text("c1"), .integer(60)]]),
        ],
        marker: 8, hasMore: true)

    static let responses: [NodeResponse] = [
        .done,
        .created(true),
        .metadata(metadata),
        .metadata(nil),
        .stats(QueueStats(free: 2, claimed: 1, oldest: endpoint, newest: endpoint)),
        .stats(.empty),
        .messageIDs(["m1", "m2"]),
        .page(MessagePage(messages: [stored, bare], includeDelayed: true)),
        .messages([stored]),
        .claim(ClaimResult(claimID: "c1", messages: [bare])),
        .claim(nil),
        .claimInfo(ClaimInfo(id: "c1", ttl: 60, age: 2, messages: [stored])),
        .claimInfo(nil),
        .failure(.queueNotFound),
        .failure(.postTooLarge(limit: 1024)),
        .failure(.unavailable("down")),
        .failure(.protocolViolation("bad")),
        .failure(.storageFull("full")),
        .nodeStats(NodeStats(queues: 3, messages: NodeStats.MessageCounts(free: 4, claimed: 1))),
        .subscriptionCreation(SubscriptionCreation(id: "s1", created: true)),
        .subscriptions([subscription]),
        .subscription(subscription),
        .subscription(nil),
        .transfer(transfer),
        .transfer(QueueTransferBatch(tables: [], marker: 0, hasMore: false)),
        .failure(.queueMoving),
        .failure(.queueMoved),
    ]

    static let handshakes: [(String, @Sendable (inout ByteBuffer) -> Void)] = [
        ("server-hello", { RPCServerHello(mode: .hmacSHA256, nonce: Array(0..<32)).encode(into: &$0) }),
        ("server-hello-then-accepted", {
            RPCServerHello(mode: .none, nonce: RPCHandshake.zeros(32)).encode(into: &$0)
            RPCServerVerdict.accepted(proof: Array(32..<64)).encode(into: &$0)
        }),
        ("server-hello-then-refused", {
            RPCServerHello(mode: .hmacSHA256, nonce: Array(0..<32)).encode(into: &$0)
            RPCServerVerdict.refused.encode(into: &$0)
        }),
        ("client-answer", { RPCClientAnswer(mode: .hmacSHA256, nonce: Array(0..<32), proof: Array(32..<64)).encode(into: &$0) }),
    ]
}
