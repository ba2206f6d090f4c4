import Shared
import XCTest

/// Cluster-secret authentication between `RemoteQueueStore` and `RPCServer` over real sockets.
final class RPCAuthenticationTests: XCTestCase {
    private let queue = QueueRef(project: "p", name: "auth")
    private let secret = RPCClusterSecret("the cluster secret")
    private var nodeSecurity: RPCServerSecurity { RPCServerSecurity(clusterSecret: secret) }
    private var clientSecurity: RPCClientSecurity { RPCClientSecurity(clusterSecret: secret) }

    func testClientWithTheSecretIsServed() async throws {
        let node = try await startNode(security: nodeSecurity)
        let client = makeClient(node, security: clientSecurity)
        try await client.connect()
        let created = try await client.createQueue(queue, metadata: .empty)
        XCTAssertTrue(created)
        let ids = try await client.postMessages(queue, clientID: "c", messages: [NewMessage(body: Array("1".utf8))], requestSize: 1)
        let stored = try await node.store.getMessages(queue, ids: ids)
        XCTAssertEqual(stored.count, 1, "the request reached the store")
    }

    func testClientWithoutTheSecretIsRefusedAndGoodClientsKeepWorking() async throws {
        let node = try await startNode(security: nodeSecurity)
        let good = makeClient(node, security: clientSecurity)
        try await good.ping()

        let anonymous = makeClient(node, connections: 1)
        await assertConnectFails(anonymous, with: .authenticationFailed(peer: "127.0.0.1:\(node.port)", reason: .nodeRequiresSecret))
        let error = await storageError { _ = try await anonymous.createQueue(self.queue, metadata: .empty) }
        guard case let .unavailable(reason)? = error else { return XCTFail("expected .unavailable, got \(String(describing: error))") }
        XCTAssertTrue(reason.contains("requires a cluster secret"), reason)

        let queueExists = try await node.store.queueMetadata(queue) != nil
        XCTAssertFalse(queueExists, "nothing the refused client sent was executed")
        try await good.ping()
        let created = try await good.createQueue(queue, metadata: .empty)
        XCTAssertTrue(created)
    }

    func testClientWithAWrongSecretIsRefused() async throws {
        let node = try await startNode(security: nodeSecurity)
        let wrong = makeClient(node, connections: 1, security: RPCClientSecurity(clusterSecret: RPCClusterSecret("another secret")))
        await assertConnectFails(wrong, with: .authenticationFailed(peer: "127.0.0.1:\(node.port)", reason: .refusedByNode))
        let error = await storageError { _ = try await wrong.createQueue(self.queue, metadata: .empty) }
        XCTAssertTrue(error?.isUnavailable ?? false, "\(String(describing: error))")
        let queueExists = try await node.store.queueMetadata(queue) != nil
        XCTAssertFalse(queueExists)

        let good = makeClient(node, security: clientSecurity)
        try await good.ping()
    }

    func testClientWithASecretRefusesANodeWithout() async throws {
        let node = try await startNode()
        let client = makeClient(node, connections: 1, security: clientSecurity)
        await assertConnectFails(client, with: .authenticationFailed(peer: "127.0.0.1:\(node.port)", reason: .nodeHasNoSecret))
        let error = await storageError { _ = try await client.createQueue(self.queue, metadata: .empty) }
        XCTAssertTrue(error?.isUnavailable ?? false, "\(String(describing: error))")
        let queueExists = try await node.store.queueMetadata(queue) != nil
        XCTAssertFalse(queueExists, "the client never sent its request")
    }

    func testClientsWithoutSecretTalkToNodesWithout() async throws {
        let node = try await startNode()
        let client = makeClient(node)
        try await client.connect()
        let created = try await client.createQueue(queue, metadata: .empty)
        XCTAssertTrue(created)
    }

    func testClientNeverSendsARequestToANodeThatCannotProveTheSecret() async throws {
        let fake = try await RPCFakeNode.start(mode: .hmacSHA256, behavior: .accept(proof: RPCHandshake.zeros(32)))
        addTeardownBlock { await fake.stop() }
        let client = RemoteQueueStore(host: "127.0.0.1", port: fake.port, connections: 1, deadline: .seconds(5), security: clientSecurity)
        addTeardownBlock { await client.shutdown() }

        await assertConnectFails(client, with: .authenticationFailed(peer: "127.0.0.1:\(fake.port)", reason: .invalidNodeProof))
        let error = await storageError { _ = try await client.createQueue(self.queue, metadata: .empty) }
        XCTAssertTrue(error?.isUnavailable ?? false, "\(String(describing: error))")
        XCTAssertEqual(fake.afterAnswer.value, [], "no request went to the impostor")
    }

    private func assertConnectFails(_ client: RemoteQueueStore, with expected: RPCClientError, line: UInt = #line) async {
        do {
            try await client.connect()
            XCTFail("connect should fail with \(expected)", line: line)
        } catch {
            XCTAssertEqual(error, expected, line: line)
        }
    }
}
