/// Where the JSON encoders write their bytes: a `[UInt8]` (for `JSONWriter`) or a
/// `JSONByteBuffer` (for one-shot serialisation).
protocol JSONByteSink {
    /// Appends one byte.
    mutating func appendByte(_ byte: UInt8)
    /// Appends a run of bytes.
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension JSONByteSink {
    /// Appends the UTF-8 of a literal such as `"null"`.
    @inline(__always)
    mutating func appendLiteral(_ literal: StaticString) {
        appendBytes(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}

extension Array: JSONByteSink where Element == UInt8 {
    @inline(__always)
    mutating func appendByte(_ byte: UInt8) {
        append(byte)
    }

    @inline(__always)
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: bytes)
    }
}

/// A growable byte buffer without per-append uniqueness checks, for building a whole
/// document before handing it out as an array. Call `finish()` exactly once.
struct JSONByteBuffer: JSONByteSink {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func appendByte(_ byte: UInt8) {
        if count == capacity { grow(minimum: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if capacity - count < bytes.count { grow(minimum: count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Returns the bytes written and frees the buffer; the buffer must not be used afterwards.
    mutating func finish() -> [UInt8] {
        let bytes = Array(UnsafeBufferPointer(start: base, count: count))
        base.deallocate()
        count = 0
        capacity = 0
        return bytes
    }

    private mutating func grow(minimum: Int) {
        var newCapacity = capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
