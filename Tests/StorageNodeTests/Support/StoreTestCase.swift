import Foundation
import Shared
import StorageNode
import XCTest

/// Base class: a fresh store in its own temporary directory with a manual clock.
class StoreTestCase: XCTestCase {
    var directory: URL!
    var clock: ManualClock!
    var store: SQLiteQueueStore!
    let queue = QueueRef(project: "project-a", name: "jobs")

    var storePath: String { directory.appendingPathComponent("node/data/store.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("herald-storage-tests-\(UUID().uuidString)")
        clock = ManualClock()
        store = try SQLiteQueueStore(path: storePath, clock: clock)
    }

    override func tearDownWithError() throws {
        try? store?.close()
        store = nil
        try? FileManager.default.removeItem(at: directory)
    }

    /// Compact JSON bytes for a string body.
    func body(_ text: String) -> [UInt8] {
        Array("\"\(text)\"".utf8)
    }

    /// Posts one message per text, in one request.
    @discardableResult
    func post(
        _ texts: [String], to queue: QueueRef? = nil, clientID: String = "poster", ttl: Int? = nil, delay: Int? = nil
    ) async throws -> [String] {
        let messages = texts.map { NewMessage(body: body($0), ttl: ttl, delay: delay) }
        return try await store.postMessages(queue ?? self.queue, clientID: clientID, messages: messages, requestSize: 100)
    }

    /// A listing as another client sees it.
    func list(
        _ queue: QueueRef? = nil, marker: Int64? = nil, limit: Int = 20, clientID: String = "reader",
        echo: Bool = false, includeClaimed: Bool = false, includeDelayed: Bool = false
    ) async throws -> MessagePage {
        try await store.listMessages(queue ?? self.queue, query: MessageListQuery(
            marker: marker, limit: limit, clientID: clientID, echo: echo,
            includeClaimed: includeClaimed, includeDelayed: includeDelayed
        ))
    }

    /// Metadata with the given settings and a JSON object that records them.
    func metadata(_ settings: QueueSettings, json: String = #"{"owner":"tests"}"#) -> QueueMetadata {
        QueueMetadata(json: Array(json.utf8), settings: settings)
    }

    func bodies(_ messages: [StoredMessage]) -> [String] {
        messages.map { String(decoding: $0.body, as: UTF8.self) }
    }

    /// Asserts that `operation` throws exactly `expected`.
    func assertThrows(
        _ expected: StorageError, file: StaticString = #filePath, line: UInt = #line,
        _ operation: () async throws -> Void
    ) async {
        do {
            try await operation()
            XCTFail("expected \(expected), nothing thrown", file: file, line: line)
        } catch let error as StorageError {
            XCTAssertEqual(error, expected, file: file, line: line)
        } catch {
            XCTFail("expected \(expected), got \(error)", file: file, line: line)
        }
    }
}
