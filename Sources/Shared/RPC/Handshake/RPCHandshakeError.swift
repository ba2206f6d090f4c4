/// Why handshake bytes received from a peer are not a valid handshake message.
public enum RPCHandshakeError: Error, Sendable, Equatable {
    /// The message does not start with the expected magic (not a Herald peer).
    case badMagic(UInt32)
    /// The peer speaks a handshake version this build does not know.
    case unsupportedVersion(UInt8)
    /// The authentication mode byte names no known mode.
    case unknownMode(UInt8)
    /// The verdict byte is neither accepted nor refused.
    case badVerdict(UInt8)
    /// The peer sent more bytes than the handshake step allows before the other side answered.
    case unexpectedBytes(count: Int)
}

extension RPCHandshakeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .badMagic(magic): return "bad handshake magic 0x\(String(magic, radix: 16))"
        case let .unsupportedVersion(version): return "unsupported handshake version \(version)"
        case let .unknownMode(mode): return "unknown authentication mode \(mode)"
        case let .badVerdict(byte): return "invalid verdict byte \(byte)"
        case let .unexpectedBytes(count): return "\(count) bytes beyond the handshake message"
        }
    }
}
