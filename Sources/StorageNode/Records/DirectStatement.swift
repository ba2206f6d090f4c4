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

    /// Binds `values` to the parameters `first`, `first + 1`, … in order.
    func bind(_ values: [any DirectBindable], from first: Int32 = 1) throws {
        var index = first
        for value in values {
            try value.bind(to: self, at: index)
            index += 1
        }
    }

    /// Binds `values` to the parameters 1, 2, … in order.
    func bind(_ values: any DirectBindable...) throws {
        try bind(values)
    }

    fileprivate func bindInt64(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    fileprivate func bindText(_ value: String, at index: Int32) throws {
        try check(sqlite3_bind_text(handle, index, value, -1, transient))
    }

    fileprivate func bindBlob(_ value: [UInt8], at index: Int32) throws {
        try value.withUnsafeBytes { bytes in
            // SQLite reads a NULL pointer as NULL even with a zero length; an empty body stays a blob.
            let pointer = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            try check(sqlite3_bind_blob(handle, index, pointer, Int32(bytes.count), transient))
        }
    }

    fileprivate func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
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

/// A value a ``DirectStatement`` binds: integers, booleans (0/1), text, blobs (`[UInt8]`), and
/// optionals of them (NULL for nil).
protocol DirectBindable {
    func bind(to statement: DirectStatement, at index: Int32) throws
}

extension Int64: DirectBindable {
    func bind(to statement: DirectStatement, at index: Int32) throws { try statement.bindInt64(self, at: index) }
}

extension Int: DirectBindable {
    func bind(to statement: DirectStatement, at index: Int32) throws { try statement.bindInt64(Int64(self), at: index) }
}

extension Bool: DirectBindable {
    func bind(to statement: DirectStatement, at index: Int32) throws { try statement.bindInt64(self ? 1 : 0, at: index) }
}

extension String: DirectBindable {
    func bind(to statement: DirectStatement, at index: Int32) throws { try statement.bindText(self, at: index) }
}

extension Array: DirectBindable where Element == UInt8 {
    func bind(to statement: DirectStatement, at index: Int32) throws { try statement.bindBlob(self, at: index) }
}

extension Optional: DirectBindable where Wrapped: DirectBindable {
    func bind(to statement: DirectStatement, at index: Int32) throws {
        guard let value = self else { return try statement.bindNull(at: index) }
        try value.bind(to: statement, at: index)
    }
}

/// SQLite copies bound text and blobs before the call returns.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
