import NIOCore

/// How a connection authenticates, announced by the node in its hello and by the client in its
/// answer.
public enum RPCAuthenticationMode: UInt8, Sendable {
    /// No cluster secret: accepted only when neither end has one.
    case none = 0
    /// Challenge-response with HMAC-SHA256 over both nonces, keyed by the cluster secret.
    case hmacSHA256 = 1
}

/// The node's first message on every connection (40 bytes):
///
/// ```
/// magic "HRHS" (4) | version (1) | mode (1) | reserved, 0 (2) | server nonce (32)
/// ```
public struct RPCServerHello: Sendable, Equatable {
    /// `"HRHS"`.
    public static let magic: UInt32 = 0x4852_4853
    /// Bytes on the wire.
    public static let encodedSize = 40

    /// The handshake version the node speaks (only ``RPCHandshake/version`` decodes).
    public var version: UInt8
    /// Whether the node requires the cluster-secret proof.
    public var mode: RPCAuthenticationMode
    /// ``RPCHandshake/nonceSize`` random bytes chosen by the node.
    public var nonce: [UInt8]

    /// A hello; `nonce` is cut or zero-padded to 32 bytes when encoded.
    public init(version: UInt8 = RPCHandshake.version, mode: RPCAuthenticationMode, nonce: [UInt8]) {
        self.version = version
        self.mode = mode
        self.nonce = nonce
    }

    /// Appends the 40 bytes of this hello.
    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(Self.magic)
        buffer.writeInteger(version)
        buffer.writeInteger(mode.rawValue)
        buffer.writeInteger(UInt16(0))
        RPCHandshake.writeFixed(nonce, into: &buffer)
    }

    /// Reads a hello from exactly ``encodedSize`` bytes at the front of `buffer`; `nil` (nothing
    /// consumed) while fewer have arrived, unless those already break the magic, version or mode.
    public static func decode(from buffer: inout ByteBuffer) throws(RPCHandshakeError) -> RPCServerHello? {
        try RPCHandshake.checkPrefix(of: buffer, magic: magic)
        guard buffer.readableBytes >= encodedSize, var bytes = buffer.readSlice(length: encodedSize) else { return nil }
        try RPCHandshake.readPreamble(from: &bytes, magic: magic)
        let mode = try RPCHandshake.readMode(from: &bytes)
        _ = bytes.readInteger(as: UInt16.self)
        return RPCServerHello(mode: mode, nonce: RPCHandshake.readFixed(from: &bytes))
    }
}

/// The client's answer to the hello (72 bytes):
///
/// ```
/// magic "HRHC" (4) | version (1) | mode (1) | reserved, 0 (2) | client nonce (32) | proof (32)
/// ```
///
/// In mode `.none` nonce and proof are zero.
public struct RPCClientAnswer: Sendable, Equatable {
    /// `"HRHC"`.
    public static let magic: UInt32 = 0x4852_4843
    /// Bytes on the wire.
    public static let encodedSize = 72

    /// The handshake version the client speaks (only ``RPCHandshake/version`` decodes).
    public var version: UInt8
    /// `.hmacSHA256` when the client proves the cluster secret, `.none` when it has none.
    public var mode: RPCAuthenticationMode
    /// ``RPCHandshake/nonceSize`` random bytes chosen by the client.
    public var nonce: [UInt8]
    /// ``RPCClusterSecret/clientProof(serverNonce:clientNonce:)``.
    public var proof: [UInt8]

    /// An answer; `nonce` and `proof` are cut or zero-padded to 32 bytes when encoded.
    public init(version: UInt8 = RPCHandshake.version, mode: RPCAuthenticationMode, nonce: [UInt8], proof: [UInt8]) {
        self.version = version
        self.mode = mode
        self.nonce = nonce
        self.proof = proof
    }

    /// The answer of a client without a cluster secret.
    public static let unauthenticated = RPCClientAnswer(
        mode: .none, nonce: RPCHandshake.zeros(RPCHandshake.nonceSize), proof: RPCHandshake.zeros(RPCHandshake.proofSize))

    /// Appends the 72 bytes of this answer.
    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(Self.magic)
        buffer.writeInteger(version)
        buffer.writeInteger(mode.rawValue)
        buffer.writeInteger(UInt16(0))
        RPCHandshake.writeFixed(nonce, into: &buffer)
        RPCHandshake.writeFixed(proof, into: &buffer)
    }

    /// Reads an answer from exactly ``encodedSize`` bytes at the front of `buffer`; `nil`
    /// (nothing consumed) while fewer have arrived, unless those already break the magic, version
    /// or mode.
    public static func decode(from buffer: inout ByteBuffer) throws(RPCHandshakeError) -> RPCClientAnswer? {
        try RPCHandshake.checkPrefix(of: buffer, magic: magic)
        guard buffer.readableBytes >= encodedSize, var bytes = buffer.readSlice(length: encodedSize) else { return nil }
        try RPCHandshake.readPreamble(from: &bytes, magic: magic)
        let mode = try RPCHandshake.readMode(from: &bytes)
        _ = bytes.readInteger(as: UInt16.self)
        let nonce = RPCHandshake.readFixed(from: &bytes)
        return RPCClientAnswer(mode: mode, nonce: nonce, proof: RPCHandshake.readFixed(from: &bytes))
    }
}

/// The node's verdict on the answer: `0x01` and its own 32-byte proof (33 bytes), or the single
/// byte `0x00` before it closes the connection.
public enum RPCServerVerdict: Sendable, Equatable {
    /// Authenticated; `proof` is ``RPCClusterSecret/serverProof(clientNonce:serverNonce:)`` (zero in mode `.none`).
    case accepted(proof: [UInt8])
    /// Refused; the node closes the connection.
    case refused

    static let acceptedByte: UInt8 = 0x01
    static let refusedByte: UInt8 = 0x00
    /// Bytes of an accepting verdict.
    public static let acceptedSize = 1 + RPCHandshake.proofSize

    /// Appends the verdict's bytes.
    public func encode(into buffer: inout ByteBuffer) {
        switch self {
        case let .accepted(proof):
            buffer.writeInteger(Self.acceptedByte)
            RPCHandshake.writeFixed(proof, into: &buffer)
        case .refused:
            buffer.writeInteger(Self.refusedByte)
        }
    }

    /// Reads a verdict from the front of `buffer`; `nil` (nothing consumed) while incomplete.
    public static func decode(from buffer: inout ByteBuffer) throws(RPCHandshakeError) -> RPCServerVerdict? {
        guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return nil }
        switch first {
        case refusedByte:
            buffer.moveReaderIndex(forwardBy: 1)
            return .refused
        case acceptedByte:
            guard buffer.readableBytes >= acceptedSize, var bytes = buffer.readSlice(length: acceptedSize) else { return nil }
            bytes.moveReaderIndex(forwardBy: 1)
            return .accepted(proof: RPCHandshake.readFixed(from: &bytes))
        default:
            throw .badVerdict(first)
        }
    }
}

/// Constants and field helpers of the connection handshake that runs before any RPC frame.
///
/// The node sends an ``RPCServerHello``, the client an ``RPCClientAnswer``, the node an
/// ``RPCServerVerdict``. Every message has a fixed size, so no length read from the peer is ever
/// trusted.
public enum RPCHandshake {
    /// The handshake version this build speaks.
    public static let version: UInt8 = 1
    /// Bytes of each nonce.
    public static let nonceSize = 32
    /// Bytes of each HMAC-SHA256 proof.
    public static let proofSize = 32
    /// How long a node waits for a new connection to authenticate by default.
    public static let defaultTimeout: Duration = .seconds(5)

    /// `count` zero bytes.
    public static func zeros(_ count: Int) -> [UInt8] {
        [UInt8](repeating: 0, count: count)
    }

    /// `nonceSize` bytes from the system's cryptographically secure generator.
    static func randomNonce() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<nonceSize).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// Writes exactly 32 bytes: `bytes` cut or zero-padded to that size.
    static func writeFixed(_ bytes: [UInt8], into buffer: inout ByteBuffer) {
        buffer.writeBytes(bytes.prefix(32))
        if bytes.count < 32 { buffer.writeRepeatingByte(0, count: 32 - bytes.count) }
    }

    /// Reads 32 bytes; the caller has checked they are there.
    static func readFixed(from buffer: inout ByteBuffer) -> [UInt8] {
        buffer.readBytes(length: 32) ?? zeros(32)
    }

    /// Rejects a partial message as soon as its first bytes cannot start a valid one, so a peer
    /// that is no Herald peer is refused without waiting for a whole message or the timeout.
    static func checkPrefix(of buffer: ByteBuffer, magic: UInt32) throws(RPCHandshakeError) {
        let available = min(buffer.readableBytes, 6)
        guard available > 0, let prefix = buffer.getBytes(at: buffer.readerIndex, length: available) else { return }
        let expectedMagic = withUnsafeBytes(of: magic.bigEndian) { Array($0) }
        let seen = Array(prefix.prefix(4))
        if seen != Array(expectedMagic.prefix(seen.count)) {
            let padded = seen + [UInt8](repeating: 0, count: 4 - seen.count)
            throw .badMagic(padded.reduce(0) { $0 << 8 | UInt32($1) })
        }
        if available >= 5, prefix[4] != version { throw .unsupportedVersion(prefix[4]) }
        if available >= 6, RPCAuthenticationMode(rawValue: prefix[5]) == nil { throw .unknownMode(prefix[5]) }
    }

    static func readPreamble(from buffer: inout ByteBuffer, magic expected: UInt32) throws(RPCHandshakeError) {
        let magic = buffer.readInteger(as: UInt32.self) ?? 0
        guard magic == expected else { throw .badMagic(magic) }
        let version = buffer.readInteger(as: UInt8.self) ?? 0
        guard version == Self.version else { throw .unsupportedVersion(version) }
    }

    static func readMode(from buffer: inout ByteBuffer) throws(RPCHandshakeError) -> RPCAuthenticationMode {
        let byte = buffer.readInteger(as: UInt8.self) ?? 0xFF
        guard let mode = RPCAuthenticationMode(rawValue: byte) else { throw .unknownMode(byte) }
        return mode
    }
}
