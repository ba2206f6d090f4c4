import Foundation
import NIOCore
import NIOPosix
import Shared
import StorageNode
import XCTest

/// A real storage node for tests: a `SQLiteQueueStore` in a temporary directory served by an
/// `RPCServer` on a free loopback port.
final class RPCTestNode: Sendable {
    let directory: URL
    let store: SQLiteQueueStore
    let server: RPCServer
    let port: Int

    private init(directory: URL, store: SQLiteQueueStore, server: RPCServer, port: Int) {
        self.directory = directory
        self.store = store
        self.server = server
        self.port = port
    }

    static func start(security: RPCServerSecurity = .none) async throws -> RPCTestNode {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-rpc-\(UUID().uuidString)")
        let store = try SQLiteQueueStore(path: directory.appendingPathComponent("herald.sqlite").path)
        let server = RPCServer(store: store, host: "127.0.0.1", port: 0, security: security)
        let port = try await server.start()
        return RPCTestNode(directory: directory, store: store, server: server, port: port)
    }

    /// A client of this node.
    func client(connections: Int = 2, deadline: Duration = .seconds(10), security: RPCClientSecurity = .none) -> RemoteQueueStore {
        RemoteQueueStore(host: "127.0.0.1", port: port, connections: connections, deadline: deadline, security: security)
    }

    func stop() async {
        await server.shutdown()
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }
}

extension XCTestCase {
    /// Starts a node that is stopped when the test ends.
    func startNode(security: RPCServerSecurity = .none) async throws -> RPCTestNode {
        let node = try await RPCTestNode.start(security: security)
        addTeardownBlock { await node.stop() }
        return node
    }

    /// A client that is shut down when the test ends.
    func makeClient(
        _ node: RPCTestNode, connections: Int = 2, deadline: Duration = .seconds(10), security: RPCClientSecurity = .none
    ) -> RemoteQueueStore {
        let client = node.client(connections: connections, deadline: deadline, security: security)
        addTeardownBlock { await client.shutdown() }
        return client
    }

    /// Runs `body` and returns the `StorageError` it throws, failing the test when it throws none.
    func storageError(
        file: StaticString = #filePath, line: UInt = #line, _ body: () async throws -> Void
    ) async -> StorageError? {
        do {
            try await body()
            XCTFail("expected a StorageError", file: file, line: line)
            return nil
        } catch let error as StorageError {
            return error
        } catch {
            XCTFail("expected a StorageError, got \(error)", file: file, line: line)
            return nil
        }
    }

    /// Whether `channel` becomes inactive within `seconds`.
    func waitUntilClosed(_ channel: any Channel, seconds: Double = 5) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
        while channel.isActive, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return !channel.isActive
    }
}

extension StorageError {
    /// True for `.unavailable`, whatever the reason.
    var isUnavailable: Bool {
        if case .unavailable = self { return true }
        return false
    }
}
