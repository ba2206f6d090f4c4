import Foundation
import GRDB
import Shared
import XCTest

@testable import StorageNode

/// The group committer on a real SQLite file: writes share transactions, yet each succeeds or
/// fails on its own and is durable once it returns.
final class GroupCommitterTests: XCTestCase {
    private var directory: URL!
    private var pool: DatabasePool!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-group-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        pool = try DatabasePool(path: directory.appendingPathComponent("t.sqlite").path)
        try pool.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER NOT NULL)") }
    }

    override func tearDownWithError() throws {
        try? pool?.close()
        pool = nil
        try? FileManager.default.removeItem(at: directory)
    }

    private struct Refused: Error, Equatable {
        var value: Int
    }

    /// SQLite may end the whole transaction when a statement fails with SQLITE_FULL; here a
    /// write ends it itself (`ROLLBACK`), the same state for the committer. That write fails
    /// alone; the others of its group, rolled back with it, run again and commit.
    func testAWriteThatRollsTheWholeTransactionBackFailsAloneAndTheOthersCommit() async throws {
        let committer = GroupCommitter(pool: pool, clock: SystemWallClock())
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for value in 0..<60 {
                group.addTask {
                    do {
                        _ = try await committer.submit { db, _ in
                            try db.execute(sql: "INSERT INTO t (x) VALUES (?)", arguments: [value])
                            if value % 20 == 7 {
                                try db.execute(sql: "ROLLBACK")
                                throw Refused(value: value)
                            }
                            return value
                        }
                        return (value, true)
                    } catch {
                        return (value, false)
                    }
                }
            }
            var all: [Int: Bool] = [:]
            for await (value, committed) in group { all[value] = committed }
            return all
        }
        let expected = (0..<60).filter { $0 % 20 != 7 }
        XCTAssertEqual(outcomes.filter(\.value).keys.sorted(), expected, "only the writes that ended the transaction failed")
        let stored = try await pool.read { db in try Int.fetchAll(db, sql: "SELECT x FROM t ORDER BY x") }
        XCTAssertEqual(stored, expected, "every write reported committed is stored, once")
    }

    func testAFailingWriteIsRolledBackAloneWhileTheRestOfItsGroupCommits() async throws {
        let committer = GroupCommitter(pool: pool, clock: SystemWallClock())
        let outcomes = await withTaskGroup(of: (Int, Result<Int, Refused>).self) { group in
            for value in 0..<60 {
                group.addTask {
                    do {
                        let stored = try await committer.submit { db, _ in
                            try db.execute(sql: "INSERT INTO t (x) VALUES (?)", arguments: [value])
                            if !value.isMultiple(of: 3) { return value }
                            throw Refused(value: value)
                        }
                        return (value, .success(stored))
                    } catch {
                        return (value, .failure(error as? Refused ?? Refused(value: -1)))
                    }
                }
            }
            var all: [Int: Result<Int, Refused>] = [:]
            for await (value, outcome) in group { all[value] = outcome }
            return all
        }
        for (value, outcome) in outcomes {
            if value.isMultiple(of: 3) {
                XCTAssertEqual(outcome, .failure(Refused(value: value)), "value \(value)")
            } else {
                XCTAssertEqual(outcome, .success(value), "value \(value)")
            }
        }
        let stored = try await pool.read { db in try Int.fetchAll(db, sql: "SELECT x FROM t ORDER BY x") }
        XCTAssertEqual(stored, (0..<60).filter { !$0.isMultiple(of: 3) })
    }

    func testAReturnedWriteIsVisibleToANewConnection() async throws {
        let committer = GroupCommitter(pool: pool, clock: SystemWallClock())
        for value in 0..<5 {
            try await committer.submit { db, _ in try db.execute(sql: "INSERT INTO t (x) VALUES (?)", arguments: [value]) }
        }
        let other = try DatabaseQueue(path: directory.appendingPathComponent("t.sqlite").path)
        let count = try await other.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") }
        XCTAssertEqual(count, 5)
        try other.close()
    }

    func testEveryWriteOfTheStoreSeesTheGroupsClock() async throws {
        let clock = FixedClock(millis: 1_234_567)
        let committer = GroupCommitter(pool: pool, clock: clock)
        let seen = try await committer.submit { _, now in now }
        XCTAssertEqual(seen, 1_234_567)
    }
}

/// A clock that always reads the same time.
private struct FixedClock: WallClock {
    var millis: Int64
    func nowMillis() -> Int64 { millis }
}
