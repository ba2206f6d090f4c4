import NIOCore

/// Reads the primitive fields of an RPC payload, validating each one.
///
/// Lengths and counts are checked against the bytes that remain before anything is allocated,
/// so a hostile frame can never make the reader allocate more than the frame itself.
struct RPCPayloadReader {
    private(set) var buffer: ByteBuffer

    init(_ buffer: ByteBuffer) {
        self.buffer = buffer
    }

    /// Bytes not read yet.
    var remaining: Int { buffer.readableBytes }

    /// Throws unless every byte was consumed.
    func expectEnd() throws(RPCDecodingError) {
        guard buffer.readableBytes == 0 else { throw .trailingBytes(count: buffer.readableBytes) }
    }

    mutating func readUInt8(_ field: String) throws(RPCDecodingError) -> UInt8 {
        guard let value = buffer.readInteger(as: UInt8.self) else { throw .truncated(field: field) }
        return value
    }

    mutating func readUInt32(_ field: String) throws(RPCDecodingError) -> UInt32 {
        guard let value = buffer.readInteger(as: UInt32.self) else { throw .truncated(field: field) }
        return value
    }

    mutating func readInt64(_ field: String) throws(RPCDecodingError) -> Int64 {
        guard let value = buffer.readInteger(as: Int64.self) else { throw .truncated(field: field) }
        return value
    }

    /// An `Int` travels as a signed 64-bit integer.
    mutating func readInt(_ field: String) throws(RPCDecodingError) -> Int {
        let value = try readInt64(field)
        guard let int = Int(exactly: value) else { throw .invalidValue(field: field) }
        return int
    }

    mutating func readBool(_ field: String) throws(RPCDecodingError) -> Bool {
        switch try readUInt8(field) {
        case 0: return false
        case 1: return true
        default: throw .invalidValue(field: field)
        }
    }

    /// A u32 length followed by that many bytes.
    mutating func readBytes(_ field: String) throws(RPCDecodingError) -> [UInt8] {
        let length = try readLength(field, minimumElementSize: 1)
        guard let bytes = buffer.readBytes(length: length) else { throw .truncated(field: field) }
        return bytes
    }

    /// A u32 length followed by that many bytes of valid UTF-8.
    mutating func readString(_ field: String) throws(RPCDecodingError) -> String {
        let length = try readLength(field, minimumElementSize: 1)
        guard let view = buffer.readSlice(length: length)?.readableBytesView else { throw .truncated(field: field) }
        guard Self.isValidUTF8(view) else { throw .invalidUTF8(field: field) }
        return String(decoding: view, as: UTF8.self)
    }

    /// A presence byte (0 = absent, 1 = present) followed by the value when present.
    mutating func readOptional<Value>(
        _ field: String, _ readValue: (inout RPCPayloadReader) throws(RPCDecodingError) -> Value
    ) throws(RPCDecodingError) -> Value? {
        guard try readBool(field) else { return nil }
        return try readValue(&self)
    }

    /// A u32 count followed by that many elements, each at least `minimumElementSize` bytes long.
    mutating func readArray<Element>(
        _ field: String, minimumElementSize: Int,
        _ readElement: (inout RPCPayloadReader) throws(RPCDecodingError) -> Element
    ) throws(RPCDecodingError) -> [Element] {
        let count = try readLength(field, minimumElementSize: minimumElementSize)
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            elements.append(try readElement(&self))
        }
        return elements
    }

    /// Reads a u32 length and checks `length * minimumElementSize` bytes can still follow.
    private mutating func readLength(_ field: String, minimumElementSize: Int) throws(RPCDecodingError) -> Int {
        let length = Int(try readUInt32(field))
        guard length <= buffer.readableBytes / max(minimumElementSize, 1) else {
            throw .lengthExceedsPayload(field: field, declared: length)
        }
        return length
    }

    /// Strict UTF-8 validation (rejects overlong forms, surrogates and truncated sequences).
    static func isValidUTF8(_ bytes: ByteBufferView) -> Bool {
        if bytes.allSatisfy({ $0 < 0x80 }) { return true }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}

extension ByteBuffer {
    /// Writes an `Int` as a signed 64-bit integer.
    mutating func writeRPCInt(_ value: Int) {
        writeInteger(Int64(value))
    }

    mutating func writeRPCBool(_ value: Bool) {
        writeInteger(value ? UInt8(1) : UInt8(0))
    }

    /// Writes a u32 length followed by the bytes.
    mutating func writeRPCBytes(_ bytes: [UInt8]) {
        writeInteger(UInt32(truncatingIfNeeded: bytes.count))
        writeBytes(bytes)
    }

    /// Writes a u32 length followed by the UTF-8 bytes.
    mutating func writeRPCString(_ string: String) {
        let lengthIndex = writerIndex
        writeInteger(UInt32(0))
        let written = writeString(string)
        setInteger(UInt32(truncatingIfNeeded: written), at: lengthIndex)
    }

    /// Writes a presence byte and, when present, the value.
    mutating func writeRPCOptional<Value>(_ value: Value?, _ writeValue: (inout ByteBuffer, Value) -> Void) {
        if let value {
            writeRPCBool(true)
            writeValue(&self, value)
        } else {
            writeRPCBool(false)
        }
    }

    /// Writes a u32 count followed by the elements.
    mutating func writeRPCArray<Element>(_ elements: [Element], _ writeElement: (inout ByteBuffer, Element) -> Void) {
        writeInteger(UInt32(truncatingIfNeeded: elements.count))
        for element in elements {
            writeElement(&self, element)
        }
    }
}
