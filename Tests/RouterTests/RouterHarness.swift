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

    /// Runs `body` against an in-process router with `pools` storage pools.
    static func run(
        configuration: RouterConfiguration = RouterConfiguration(), pools: Int = 2,
        extraStores: [String: any QueueStore] = [:],
        _ body: @Sendable (HTTPTester) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("router-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = try SQLiteCatalog(path: directory.appendingPathComponent("catalog.sqlite").path)
        var stores = extraStores
        for index in 0..<pools {
            let name = "pool\(index)"
            stores[name] = try SQLiteQueueStore(
                path: directory.appendingPathComponent("\(name).sqlite").path, limits: configuration.limits)
        }
        for name in stores.keys.sorted() {
            try await catalog.upsertPool(Pool(name: name, uri: "herald://127.0.0.1:1", weight: 100))
        }
        let app = makeApplication(configuration: configuration, catalog: catalog, stores: stores)
        try await app.test(.router) { client in
            try await body(HTTPTester(client: client, catalog: catalog))
        }
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
