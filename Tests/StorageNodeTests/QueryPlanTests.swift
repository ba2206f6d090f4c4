import Foundation
import GRDB
import Shared
import XCTest

@testable import StorageNode

/// The hot statements use the indexes meant for them (SQLite has no statistics to go by, so a
/// wrong choice scans a whole queue and stays unnoticed until the backlog is large).
final class QueryPlanTests: StoreTestCase {
    private func plan(_ sql: String) throws -> String {
        let database = try DatabaseQueue(path: storePath)
        defer { try? database.close() }
        return try database.read { db in
            // EXPLAIN wants every parameter bound; NULLs do (the plan does not depend on them).
            let parameters = sql.filter { $0 == "?" }.count
            let arguments = StatementArguments(Array(repeating: DatabaseValue.null, count: parameters))
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                .map { row -> String in row["detail"] }
                .joined(separator: "\n")
        }
    }

    func testMessagesLookedUpByIDUseTheIDIndex() throws {
        for count in [1, 2, 10, 20] {
            let detail = try plan(MessageRecord.aliveByIDsSQL(count: count))
            XCTAssertTrue(detail.contains("sqlite_autoindex_messages_1 (id=?)"), "\(count) ids: \(detail)")
            XCTAssertFalse(detail.contains("messages_by_queue"), "\(count) ids: \(detail)")
        }
    }

    func testClaimsTakeTheQueueHeadInSequenceOrderFromTheQueueIndex() throws {
        let detail = try plan("""
            SELECT seq FROM messages WHERE project = ? AND queue = ? AND expires > ?
              AND (claim_id IS NULL OR claim_expires <= ?) AND (? OR visible_at <= ?) ORDER BY seq LIMIT ?
            """)
        XCTAssertTrue(detail.contains("messages_by_queue (project=? AND queue=?)"), detail)
        XCTAssertFalse(detail.contains("TEMP B-TREE"), detail)
    }
}
