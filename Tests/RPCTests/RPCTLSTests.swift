import Foundation
import Shared
import XCTest

/// The RPC over TLS and mTLS with the test certificates in `Fixtures/` (see its README).
final class RPCTLSTests: XCTestCase {
    private let queue = QueueRef(project: "p", name: "tls")
    private let secret = RPCClusterSecret("tls cluster secret")

    private static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    private func nodeTLS(requireClientCertificate: Bool = false) throws -> RPCServerTLS {
        try RPCServerTLS(
            certificateFile: Self.fixture("node-cert.pem"), keyFile: Self.fixture("node-key.pem"),
            clientCAFile: requireClientCertificate ? Self.fixture("ca-cert.pem") : nil)
    }

    private func clientTLS(ca: String = "ca-cert.pem", withCertificate: Bool = false) throws -> RPCClientTLS {
        try RPCClientTLS(
            trustRootsFile: Self.fixture(ca),
            certificateFile: withCertificate ? Self.fixture("client-cert.pem") : nil,
            keyFile: withCertificate ? Self.fixture("client-key.pem") : nil)
    }

    func testTLSNodeServesATLSClientWithTheSecret() async throws {
        let node = try await startNode(security: RPCServerSecurity(clusterSecret: secret, tls: try nodeTLS()))
        let client = makeClient(node, security: RPCClientSecurity(clusterSecret: secret, tls: try clientTLS()))
        let created = try await client.createQueue(queue, metadata: .empty)
        XCTAssertTrue(created)
        let metadata = try await node.store.queueMetadata(queue)
        XCTAssertNotNil(metadata)
    }

    func testNodeIsVerifiedByTheAddressOrNameTheClientDialled() async throws {
        let node = try await startNode()
        let security = RPCServerSecurity(clusterSecret: secret, tls: try nodeTLS())
        let client = RPCClientSecurity(clusterSecret: secret, tls: try clientTLS())
        // The certificate names IP 127.0.0.1 and DNS localhost, not 127.0.0.2.
        for host in ["127.0.0.1", "127.0.0.2"] {
            let server = RPCServer(store: node.store, host: host, port: 0, security: security)
            let port = try await server.start()
            addTeardownBlock { await server.shutdown() }
            let store = RemoteQueueStore(host: host, port: port, connections: 1, security: client)
            addTeardownBlock { await store.shutdown() }
            if host == "127.0.0.1" {
                try await store.ping()
            } else {
                do {
                    try await store.connect()
                    XCTFail("a certificate for 127.0.0.1 must not verify for \(host)")
                } catch {
                    guard case .connectFailed = error else { return XCTFail("expected .connectFailed, got \(error)") }
                }
            }
        }
    }

    func testPlainClientCannotTalkToATLSNode() async throws {
        let node = try await startNode(security: RPCServerSecurity(clusterSecret: secret, tls: try nodeTLS()))
        let plain = makeClient(node, connections: 1, deadline: .seconds(2), security: RPCClientSecurity(clusterSecret: secret))
        let error = await storageError { _ = try await plain.createQueue(self.queue, metadata: .empty) }
        XCTAssertTrue(error?.isUnavailable ?? false, "\(String(describing: error))")
        let metadata = try await node.store.queueMetadata(queue)
        XCTAssertNil(metadata)
    }

    func testClientRejectsANodeCertificateFromAnotherCA() async throws {
        let node = try await startNode(security: RPCServerSecurity(clusterSecret: secret, tls: try nodeTLS()))
        let client = makeClient(
            node, connections: 1, security: RPCClientSecurity(clusterSecret: secret, tls: try clientTLS(ca: "other-ca-cert.pem")))
        do {
            try await client.connect()
            XCTFail("a node certificate the client does not trust must fail")
        } catch {
            guard case .connectFailed = error else { return XCTFail("expected .connectFailed, got \(error)") }
        }
    }

    func testMutualTLSRefusesAClientWithoutCertificate() async throws {
        let node = try await startNode(security: RPCServerSecurity(clusterSecret: secret, tls: try nodeTLS(requireClientCertificate: true)))
        let anonymous = makeClient(node, connections: 1, security: RPCClientSecurity(clusterSecret: secret, tls: try clientTLS()))
        let error = await storageError { _ = try await anonymous.createQueue(self.queue, metadata: .empty) }
        XCTAssertTrue(error?.isUnavailable ?? false, "\(String(describing: error))")
        let metadata = try await node.store.queueMetadata(queue)
        XCTAssertNil(metadata, "nothing ran for the client without certificate")

        let certified = makeClient(
            node, security: RPCClientSecurity(clusterSecret: secret, tls: try clientTLS(withCertificate: true)))
        let created = try await certified.createQueue(queue, metadata: .empty)
        XCTAssertTrue(created)
    }

    func testMutualTLSStillRequiresTheSecret() async throws {
        let node = try await startNode(security: RPCServerSecurity(clusterSecret: secret, tls: try nodeTLS(requireClientCertificate: true)))
        let noSecret = makeClient(node, connections: 1, security: RPCClientSecurity(tls: try clientTLS(withCertificate: true)))
        do {
            try await noSecret.connect()
            XCTFail("a certificate alone does not authenticate")
        } catch {
            XCTAssertEqual(error, .authenticationFailed(peer: "127.0.0.1:\(node.port)", reason: .nodeRequiresSecret))
        }
    }

    func testUnreadableTLSFilesAreTypedErrors() {
        XCTAssertThrowsError(try RPCServerTLS(certificateFile: "/nonexistent/cert.pem", keyFile: Self.fixture("node-key.pem"))) { error in
            guard case .unreadableCertificates(path: "/nonexistent/cert.pem", _)? = error as? RPCTLSConfigurationError else {
                return XCTFail("\(error)")
            }
        }
        XCTAssertThrowsError(try RPCServerTLS(certificateFile: Self.fixture("node-cert.pem"), keyFile: Self.fixture("ca-cert.pem"))) { error in
            guard case .unreadablePrivateKey? = error as? RPCTLSConfigurationError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try RPCServerTLS(certificateFile: Self.fixture("node-cert.pem"), keyFile: Self.fixture("client-key.pem"))) { error in
            guard case .invalidContext? = error as? RPCTLSConfigurationError else { return XCTFail("key of another certificate: \(error)") }
        }
        XCTAssertThrowsError(try RPCClientTLS(trustRootsFile: Self.fixture("ca-cert.pem"), certificateFile: Self.fixture("client-cert.pem")))
    }
}
