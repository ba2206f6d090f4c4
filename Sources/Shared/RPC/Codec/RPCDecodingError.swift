/// Why bytes received over the internal RPC could not be turned into a request or response.
///
/// Every malformed input maps to one of these cases; decoding never traps and never allocates
/// more than the frame it was given.
public enum RPCDecodingError: Error, Sendable, Equatable {
    /// The length prefix announces a frame larger than the configured maximum.
    case frameTooLarge(length: Int, limit: Int)
    /// The frame is shorter than the fixed header.
    case frameTooShort(length: Int)
    /// The frame does not start with the `HR` magic.
    case badMagic(UInt16)
    /// The peer speaks a protocol version this build does not know.
    case unsupportedVersion(UInt8)
    /// The kind byte is neither request nor response, or not the kind expected here.
    case unexpectedKind(UInt8)
    /// The opcode names no known request or response.
    case unknownOpcode(UInt8)
    /// A field ends past the end of the frame.
    case truncated(field: String)
    /// An array or byte-string length is larger than what the rest of the frame could hold.
    case lengthExceedsPayload(field: String, declared: Int)
    /// A string field is not valid UTF-8.
    case invalidUTF8(field: String)
    /// A field holds a value outside its domain (a boolean other than 0/1, an unknown tag…).
    case invalidValue(field: String)
    /// Bytes remain after the payload was fully decoded.
    case trailingBytes(count: Int)
}

extension RPCDecodingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .frameTooLarge(length, limit): return "frame of \(length) bytes exceeds the \(limit) byte limit"
        case let .frameTooShort(length): return "frame of \(length) bytes is shorter than the header"
        case let .badMagic(magic): return "bad magic 0x\(String(magic, radix: 16))"
        case let .unsupportedVersion(version): return "unsupported protocol version \(version)"
        case let .unexpectedKind(kind): return "unexpected frame kind \(kind)"
        case let .unknownOpcode(opcode): return "unknown opcode \(opcode)"
        case let .truncated(field): return "truncated field \(field)"
        case let .lengthExceedsPayload(field, declared): return "field \(field) declares \(declared) items, more than the frame holds"
        case let .invalidUTF8(field): return "field \(field) is not valid UTF-8"
        case let .invalidValue(field): return "field \(field) holds an invalid value"
        case let .trailingBytes(count): return "\(count) unexpected bytes after the payload"
        }
    }
}
