import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Router
import Shared
import StorageNode
import XCTest

/// A router over real SQLite stores and a real SQLite catalog in a temporary directory.
struct RouterHarness {
    static let clientID = "3381af92-2b9e-11e3-b191-71861300734c"
    static let otherClientID = "4481af92-2b9e-11e3-b191-71861300734d"
    /// The header that grants the admin role.
    static let admin: HTTPFields = [HTTPField.Name("X-Roles")!: "admin"]

    /// Runs `body` against an in-process router with `pools` storage pools (`pool0`...), each
    /// registered in the catalog with its own placeholder uri, plus `extraStores` by pool name,
    /// plus `deadPools` whose nodes refuse every connection.
    static func run(
        configuration: RouterConfiguration = RouterConfiguration(), pools: Int = 2,
        extraStores: [String: any QueueStore] = [:], deadPools: [String] = [],
        _ body: @Sendable (HTTPTester) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("router-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = try SQLiteCatalog(path: directory.appendingPathComponent("catalog.sqlite").path)
        let nodes = TestNodes(directory: directory, limits: configuration.limits)
        var stores = extraStores
        for index in 0..<pools {
            stores["pool\(index)"] = try nodes.makeStore()
        }
        for (index, name) in stores.keys.sorted().enumerated() {
            nodes.register(stores[name]!, pool: name)
            try await catalog.upsertPool(Pool(name: name, uri: "herald://127.0.0.1:\(40_000 + index)", weight: 100))
        }
        // Dead pools point at privileged loopback ports nobody listens on: real refused connections.
        for (index, name) in deadPools.enumerated() {
            try await catalog.upsertPool(Pool(name: name, uri: "herald://127.0.0.1:\(index + 1)", weight: 100))
        }
        let app = makeApplication(
            configuration: configuration, catalog: catalog, stores: PoolStores(factory: nodes.store(for:)))
        do {
            try await app.test(.router) { client in
                try await body(HTTPTester(client: client, catalog: catalog, nodes: nodes))
            }
        } catch {
            await nodes.shutdown()
            throw error
        }
        await nodes.shutdown()
    }
}

/// The storage nodes of a test router: SQLite stores by pool name (placeholder uris), and nodes
/// started on real RPC servers by uri. The router's store factory resolves a pool by uri
/// first, then by name, so changing a pool's uri switches it to another store.
final class TestNodes: Sendable {
    private let directory: URL
    private let limits: ServiceLimits
    private let byName = TestLocked<[String: any QueueStore]>([:])
    private let byURI = TestLocked<[String: any QueueStore]>([:])
    private let servers = TestLocked<[RPCServer]>([])

    init(directory: URL, limits: ServiceLimits) {
        self.directory = directory
        self.limits = limits
    }

    /// A new SQLite store in the test directory.
    func makeStore() throws -> SQLiteQueueStore {
        try SQLiteQueueStore(path: directory.appendingPathComponent("node-\(UUID().uuidString).sqlite").path, limits: limits)
    }

    func register(_ store: any QueueStore, pool: String) {
        byName.withLock { $0[pool] = store }
    }

    /// Starts a real RPC server over a new SQLite store; returns its `herald://` uri and the store.
    func startNode() async throws -> (uri: String, store: SQLiteQueueStore) {
        let store = try makeStore()
        let server = RPCServer(store: store, host: "127.0.0.1", port: 0)
        let port = try await server.start()
        let uri = "herald://127.0.0.1:\(port)"
        servers.withLock { $0.append(server) }
        byURI.withLock { $0[uri] = store }
        return (uri, store)
    }

    /// The store factory handed to the router.
    @Sendable func store(for pool: Pool) -> any QueueStore {
        if let store = byURI.withLock({ $0[pool.uri] }) { return store }
        if let store = byName.withLock({ $0[pool.name] }) { return store }
        return PoolStores.remoteStore(for: pool)
    }

    func shutdown() async {
        for server in servers.withLock({ $0 }) { await server.shutdown() }
    }
}

/// A response with its body parsed as JSON when there is one.
struct TestReply {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var bytes: [UInt8]

    var json: JSONValue? { bytes.isEmpty ? nil : try? JSONValue.parse(bytes) }
    var text: String { String(decoding: bytes, as: UTF8.self) }
    var title: String? {
        if case .string(let title)? = json?["title"] { return title }
        return nil
    }
}

/// Sends requests with the usual Zaqar headers.
struct HTTPTester: Sendable {
    let client: any TestClientProtocol
    let catalog: SQLiteCatalog
    let nodes: TestNodes

    /// Sends a request with the admin role.
    @discardableResult
    func admin(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil, project: String? = "proj") async throws -> TestReply {
        try await send(method, uri, body: body, project: project, headers: RouterHarness.admin)
    }

    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ uri: String, body: String? = nil, project: String? = "proj",
        clientID: String? = RouterHarness.clientID, headers extra: HTTPFields = [:]
    ) async throws -> TestReply {
        var headers = extra
        if let clientID, headers[HTTPField.Name("Client-ID")!] == nil { headers[HTTPField.Name("Client-ID")!] = clientID }
        if let project, headers[HTTPField.Name("X-Project-ID")!] == nil { headers[HTTPField.Name("X-Project-ID")!] = project }
        let buffer = body.map { ByteBuffer(string: $0) }
        return try await client.execute(uri: uri, method: method, headers: headers, body: buffer) { response in
            TestReply(status: response.status, headers: response.headers, bytes: Array(buffer: response.body))
        }
    }

    /// Posts messages with the given JSON bodies; returns the new ids.
    func post(_ queue: String, bodies: [String], ttl: Int? = nil, clientID: String = RouterHarness.clientID) async throws -> [String] {
        let items = bodies.map { body in ttl.map { "{\"body\": \(body), \"ttl\": \($0)}" } ?? "{\"body\": \(body)}" }
        let reply = try await send(
            .post, "/v2/queues/\(queue)/messages", body: "{\"messages\": [\(items.joined(separator: ","))]}",
            clientID: clientID)
        XCTAssertEqual(reply.status, .created, reply.text)
        guard case .array(let resources)? = reply.json?["resources"] else { return [] }
        return resources.compactMap { value in
            if case .string(let href) = value { return String(href.split(separator: "/").last ?? "") }
            return nil
        }
    }
}

extension JSONValue {
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var intValue: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var keys: [String] {
        if case .object(let members) = self { return members.map(\.key) }
        return []
    }
}

extension HTTPField.Name {
    static let requestIDHeader = HTTPField.Name("x-openstack-request-id")!
}

/// A value behind an `NSLock`, for test bookkeeping shared with the router's tasks.
final class TestLocked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
