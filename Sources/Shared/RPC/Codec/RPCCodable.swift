import NIOCore

/// A value with a compact binary form on the internal RPC.
protocol RPCCodable {
    /// The fewest bytes an encoded value can take; bounds array counts before allocation.
    static var minimumEncodedSize: Int { get }
    func encode(into buffer: inout ByteBuffer)
    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> Self
}

extension ByteBuffer {
    mutating func writeRPC<Value: RPCCodable>(_ value: Value) {
        value.encode(into: &self)
    }

    mutating func writeRPCArray<Value: RPCCodable>(_ values: [Value]) {
        writeRPCArray(values) { $0.writeRPC($1) }
    }

    mutating func writeRPCOptional<Value: RPCCodable>(_ value: Value?) {
        writeRPCOptional(value) { $0.writeRPC($1) }
    }

    mutating func writeRPCStrings(_ strings: [String]) {
        writeRPCArray(strings) { $0.writeRPCString($1) }
    }

    mutating func writeRPCOptionalInt(_ value: Int?) {
        writeRPCOptional(value) { $0.writeRPCInt($1) }
    }

    mutating func writeRPCOptionalString(_ value: String?) {
        writeRPCOptional(value) { $0.writeRPCString($1) }
    }
}

extension RPCPayloadReader {
    mutating func read<Value: RPCCodable>(_: Value.Type = Value.self) throws(RPCDecodingError) -> Value {
        try Value.decode(from: &self)
    }

    mutating func readArray<Value: RPCCodable>(_ field: String, of _: Value.Type = Value.self) throws(RPCDecodingError) -> [Value] {
        try readArray(field, minimumElementSize: Value.minimumEncodedSize) { (reader: inout RPCPayloadReader) throws(RPCDecodingError) in
            try Value.decode(from: &reader)
        }
    }

    mutating func readOptional<Value: RPCCodable>(_ field: String, of _: Value.Type = Value.self) throws(RPCDecodingError) -> Value? {
        try readOptional(field) { (reader: inout RPCPayloadReader) throws(RPCDecodingError) in
            try Value.decode(from: &reader)
        }
    }

    mutating func readStrings(_ field: String) throws(RPCDecodingError) -> [String] {
        try readArray(field, minimumElementSize: 4) { (reader: inout RPCPayloadReader) throws(RPCDecodingError) in
            try reader.readString(field)
        }
    }

    mutating func readOptionalInt(_ field: String) throws(RPCDecodingError) -> Int? {
        try readOptional(field) { (reader: inout RPCPayloadReader) throws(RPCDecodingError) in
            try reader.readInt(field)
        }
    }

    mutating func readOptionalString(_ field: String) throws(RPCDecodingError) -> String? {
        try readOptional(field) { (reader: inout RPCPayloadReader) throws(RPCDecodingError) in
            try reader.readString(field)
        }
    }
}
