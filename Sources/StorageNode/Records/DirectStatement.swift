import GRDB
import GRDBSQLite

/// A cached statement of GRDB driven through SQLite's C API, for the store's hottest
/// statements: values are bound and read in place, without GRDB's argument arrays and row
/// objects (a quarter of a node's CPU went there, on the one commit thread).
///
/// A use starts from a reset statement with cleared bindings and must end with ``finish()``
/// (``execute()`` and ``forEachRow(_:)`` do it), so no statement keeps a cursor open.
/// Parameter and column indexes are SQLite's: parameters from 1, columns from 0.
struct DirectStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer?

    /// The cached statement for `sql`, reset and unbound.
    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ index: Int32, _ value: Int64) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ index: Int32, _ value: Int) throws {
        try bind(index, Int64(value))
    }

    func bind(_ index: Int32, _ value: Bool) throws {
        try bind(index, Int64(value ? 1 : 0))
    }

    func bind(_ index: Int32, _ value: String) throws {
        try check(sqlite3_bind_text(handle, index, value, -1, transient))
    }

    /// Binds `value`, or NULL when it is nil.
    func bind(_ index: Int32, _ value: String?) throws {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try bind(index, value)
    }

    func bind(_ index: Int32, blob: [UInt8]) throws {
        try blob.withUnsafeBytes { bytes in
            // SQLite reads a NULL pointer as NULL even with a zero length; an empty body stays a blob.
            let pointer = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            try check(sqlite3_bind_blob(handle, index, pointer, Int32(bytes.count), transient))
        }
    }

    /// Runs a statement that returns no rows, then resets it.
    func execute() throws {
        defer { finish() }
        while try step() {}
    }

    /// Calls `body` for every row, then resets the statement.
    func forEachRow(_ body: (DirectStatement) throws -> Void) throws {
        defer { finish() }
        while try step() { try body(self) }
    }

    /// Resets the statement (its bindings are cleared at the next use).
    func finish() {
        sqlite3_reset(handle)
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func bool(_ column: Int32) -> Bool {
        sqlite3_column_int64(handle, column) != 0
    }

    /// The column as an integer; nil when it is NULL.
    func optionalInt(_ column: Int32) -> Int? {
        isNull(column) ? nil : int(column)
    }

    /// The column as text; nil when it is NULL.
    func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column's bytes (empty for NULL or an empty blob).
    func blob(_ column: Int32) -> [UInt8] {
        guard let bytes = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    private func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw failure(code)
        }
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = connection.map { String(cString: sqlite3_errmsg($0)) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}

/// SQLite copies bound text and blobs before the call returns.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
