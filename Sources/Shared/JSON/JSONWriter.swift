/// Streaming writer for response bodies; handles commas itself.
///
/// Call `key(_:)` before each value inside an object; values inside arrays need no key.
/// The writer does not validate nesting — callers balance `begin…`/`end…` themselves.
///
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.key("messages")
/// writer.beginArray()
/// writer.raw(storedBody)
/// writer.endArray()
/// writer.endObject()
/// ```
public struct JSONWriter: Sendable {
    /// The JSON text written so far.
    public private(set) var bytes: [UInt8]
    /// True when the next value or key must be preceded by a comma.
    private var needsComma = false

    /// Creates an empty writer reserving `capacity` bytes.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Opens an object (`{`) as the next value.
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes the innermost object (`}`).
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array (`[`) as the next value.
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes the innermost array (`]`).
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name inside an object; the next call must write its value.
    public mutating func key(_ k: String) {
        separate()
        JSONByteEncoding.appendString(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a string value, escaped.
    public mutating func string(_ s: String) {
        separate()
        JSONByteEncoding.appendString(s, to: &bytes)
        needsComma = true
    }

    /// Writes an integer value.
    public mutating func int(_ i: Int) {
        int64(Int64(i))
    }

    /// Writes a 64-bit integer value.
    public mutating func int64(_ i: Int64) {
        separate()
        JSONByteEncoding.appendInteger(i, to: &bytes)
        needsComma = true
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ b: Bool) {
        separate()
        bytes.appendLiteral(b ? "true" : "false")
        needsComma = true
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        bytes.appendLiteral("null")
        needsComma = true
    }

    /// Splices already-serialised JSON (e.g. a stored message body) as the next value, unchanged.
    public mutating func raw(_ json: [UInt8]) {
        separate()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    /// Writes `v` in compact form as the next value.
    public mutating func value(_ v: JSONValue) {
        separate()
        v.appendCompact(to: &bytes)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
