import NIOCore

extension TransferValue: RPCCodable {
    static let minimumEncodedSize = 1

    private enum Tag: UInt8 {
        case null = 0, integer, text, blob
    }

    func encode(into buffer: inout ByteBuffer) {
        switch self {
        case .null:
            buffer.writeInteger(Tag.null.rawValue)
        case let .integer(value):
            buffer.writeInteger(Tag.integer.rawValue)
            buffer.writeInteger(value)
        case let .text(text):
            buffer.writeInteger(Tag.text.rawValue)
            buffer.writeRPCString(text)
        case let .blob(bytes):
            buffer.writeInteger(Tag.blob.rawValue)
            buffer.writeRPCBytes(bytes)
        }
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> TransferValue {
        guard let tag = Tag(rawValue: try reader.readUInt8("value.tag")) else { throw .invalidValue(field: "value.tag") }
        switch tag {
        case .null: return .null
        case .integer: return .integer(try reader.readInt64("value.integer"))
        case .text: return .text(try reader.readString("value.text"))
        case .blob: return .blob(try reader.readBytes("value.blob"))
        }
    }
}

extension TransferTable: RPCCodable {
    static let minimumEncodedSize = 12

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCString(name)
        buffer.writeRPCStrings(columns)
        buffer.writeRPCArray(rows) { $0.writeRPCArray($1) }
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> TransferTable {
        let name = try reader.readString("table.name")
        let columns = try reader.readStrings("table.columns")
        let rows = try reader.readArray("table.rows", minimumElementSize: 4) {
            (reader: inout RPCPayloadReader) throws(RPCDecodingError) -> [TransferValue] in
            let row: [TransferValue] = try reader.readArray("table.row")
            guard row.count == columns.count else { throw .invalidValue(field: "table.row") }
            return row
        }
        return TransferTable(name: name, columns: columns, rows: rows)
    }
}

extension QueueTransferBatch: RPCCodable {
    static let minimumEncodedSize = 13

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCArray(tables)
        buffer.writeInteger(marker)
        buffer.writeRPCBool(hasMore)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> QueueTransferBatch {
        QueueTransferBatch(
            tables: try reader.readArray("batch.tables"), marker: try reader.readInt64("batch.marker"),
            hasMore: try reader.readBool("batch.hasMore"))
    }
}

extension QueueFenceChange: RPCCodable {
    static let minimumEncodedSize = 1

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(rawValue)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> QueueFenceChange {
        guard let change = QueueFenceChange(rawValue: try reader.readUInt8("fence.change")) else {
            throw .invalidValue(field: "fence.change")
        }
        return change
    }
}
