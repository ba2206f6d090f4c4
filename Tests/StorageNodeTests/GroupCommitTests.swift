import Shared
import StorageNode
import XCTest

final class GroupCommitTests: StoreTestCase {
    func testConcurrentPostsAreAllStoredWithDistinctIds() async throws {
        let store = self.store!
        let queue = self.queue
        let results = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for index in 0..<40 {
                group.addTask {
                    let messages = [NewMessage(body: Array("\(index)".utf8)), NewMessage(body: Array("-\(index)".utf8))]
                    return (index, try await store.postMessages(queue, clientID: "c\(index)", messages: messages, requestSize: 10))
                }
            }
            var all: [Int: [String]] = [:]
            for try await (index, ids) in group { all[index] = ids }
            return all
        }
        let ids = results.values.flatMap { $0 }
        XCTAssertEqual(ids.count, 80)
        XCTAssertEqual(Set(ids).count, 80)

        var listed: [StoredMessage] = []
        var marker: Int64?
        while true {
            let page = try await list(marker: marker, limit: 20)
            guard let last = page.messages.last else { break }
            listed += page.messages
            marker = last.sequence
        }
        XCTAssertEqual(Set(listed.map(\.id)), Set(ids))
        for (index, postIDs) in results {
            let stored = try await store.getMessages(queue, ids: postIDs)
            XCTAssertEqual(bodies(stored), ["\(index)", "-\(index)"])
            XCTAssertLessThan(stored[0].sequence, stored[1].sequence, "a post keeps its input order")
        }
    }

    func testOversizedPostFailsAloneInAGroup() async throws {
        _ = try await store.createQueue(queue, metadata: metadata(QueueSettings(maxMessagesPostSize: 100)))
        let store = self.store!
        let queue = self.queue
        let outcomes = await withTaskGroup(of: (Int, Result<[String], StorageError>).self) { group in
            for index in 0..<20 {
                group.addTask {
                    do {
                        let ids = try await store.postMessages(
                            queue, clientID: "c", messages: [NewMessage(body: Array("\(index)".utf8))],
                            requestSize: index.isMultiple(of: 2) ? 50 : 150
                        )
                        return (index, .success(ids))
                    } catch {
                        return (index, .failure(error as? StorageError ?? .unavailable("\(error)")))
                    }
                }
            }
            var all: [Int: Result<[String], StorageError>] = [:]
            for await (index, outcome) in group { all[index] = outcome }
            return all
        }
        for (index, outcome) in outcomes {
            switch outcome {
            case .success(let ids):
                XCTAssertTrue(index.isMultiple(of: 2))
                XCTAssertEqual(ids.count, 1)
            case .failure(let error):
                XCTAssertFalse(index.isMultiple(of: 2))
                XCTAssertEqual(error, .postTooLarge(limit: 100))
            }
        }
        let stats = try await store.stats(queue)
        XCTAssertEqual(stats.total, 10)
    }
}
