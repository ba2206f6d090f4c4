import NIOCore

/// The fixed header at the start of every RPC frame (after the 4-byte length prefix):
///
/// ```
/// magic "HR" (2) | version (1) | kind (1) | opcode (1) | flags (1) | request id (8, big endian)
/// ```
public struct RPCFrameHeader: Sendable, Equatable {
    /// `"HR"`.
    public static let magic: UInt16 = 0x4852
    /// The protocol version this build speaks.
    public static let currentVersion: UInt8 = 1
    /// Bytes taken by the header.
    public static let encodedSize = 14

    /// Whether the frame asks or answers.
    public enum Kind: UInt8, Sendable {
        case request = 0
        case response = 1
    }

    public var kind: Kind
    /// A ``NodeRequest/Opcode`` or ``NodeResponse/Opcode`` raw value.
    public var opcode: UInt8
    /// Bit set: ``traceFlag``; the others are reserved, written as 0 and ignored when read.
    public var flags: UInt8
    /// A request frame carries the API request id (an RPC string) before its payload.
    public static let traceFlag: UInt8 = 0x01
    /// Matches a response to its request on one connection.
    public var requestID: UInt64

    public init(kind: Kind, opcode: UInt8, flags: UInt8 = 0, requestID: UInt64) {
        self.kind = kind
        self.opcode = opcode
        self.flags = flags
        self.requestID = requestID
    }

    /// Writes the header.
    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(Self.magic)
        buffer.writeInteger(Self.currentVersion)
        buffer.writeInteger(kind.rawValue)
        buffer.writeInteger(opcode)
        buffer.writeInteger(flags)
        buffer.writeInteger(requestID)
    }

    /// Reads and validates a header from the start of a frame body.
    static func decode(from buffer: inout ByteBuffer) throws(RPCDecodingError) -> RPCFrameHeader {
        guard buffer.readableBytes >= encodedSize,
            let magic = buffer.readInteger(as: UInt16.self),
            let version = buffer.readInteger(as: UInt8.self),
            let kindByte = buffer.readInteger(as: UInt8.self),
            let opcode = buffer.readInteger(as: UInt8.self),
            let flags = buffer.readInteger(as: UInt8.self),
            let requestID = buffer.readInteger(as: UInt64.self)
        else {
            throw .frameTooShort(length: buffer.readableBytes)
        }
        guard magic == Self.magic else { throw .badMagic(magic) }
        guard version == Self.currentVersion else { throw .unsupportedVersion(version) }
        guard let kind = Kind(rawValue: kindByte) else { throw .unexpectedKind(kindByte) }
        return RPCFrameHeader(kind: kind, opcode: opcode, flags: flags, requestID: requestID)
    }
}
