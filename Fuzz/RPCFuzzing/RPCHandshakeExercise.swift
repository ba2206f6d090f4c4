import NIOCore
import Shared

/// Reads an input as the first bytes of a connection, on both ends of the handshake: the node
/// reads the client's answer; the client reads the node's hello and then its verdict.
enum RPCHandshakeExercise {
    /// Offsets of the reserved bytes of hello and answer: ignored when read, written as 0.
    static let reservedBytes = 6..<8

    /// The names of the messages that decoded; throws when a decoded message does not encode
    /// back to its bytes or an incomplete one consumed input.
    static func run(_ bytes: [UInt8]) throws(RPCFuzzViolation) -> [String] {
        var decoded: [String] = []
        var nodeSide = ByteBuffer(bytes: bytes)
        if try read("client answer", from: &nodeSide, reserved: reservedBytes, decode: RPCClientAnswer.decode(from:), encode: { $0.encode(into: &$1) }) != nil {
            decoded.append("client answer")
        }
        var clientSide = ByteBuffer(bytes: bytes)
        if try read("server hello", from: &clientSide, reserved: reservedBytes, decode: RPCServerHello.decode(from:), encode: { $0.encode(into: &$1) }) != nil {
            decoded.append("server hello")
            if try read("verdict", from: &clientSide, reserved: 0..<0, decode: RPCServerVerdict.decode(from:), encode: { $0.encode(into: &$1) }) != nil {
                decoded.append("verdict")
            }
        }
        return decoded
    }

    /// Decodes one message from the front of `buffer`; `nil` when it is incomplete or invalid.
    private static func read<Message>(
        _ name: String, from buffer: inout ByteBuffer, reserved: Range<Int>,
        decode: (inout ByteBuffer) throws(RPCHandshakeError) -> Message?,
        encode: (Message, inout ByteBuffer) -> Void
    ) throws(RPCFuzzViolation) -> Message? {
        let before = buffer
        let message: Message?
        do {
            message = try decode(&buffer)
        } catch {
            return nil
        }
        guard let message else {
            guard buffer.readerIndex == before.readerIndex else { throw .handshakeConsumedIncomplete(message: name) }
            return nil
        }
        let consumed = buffer.readerIndex - before.readerIndex
        guard var original = before.getSlice(at: before.readerIndex, length: consumed) else {
            throw .handshakeRoundTripMismatch(message: name)
        }
        for offset in reserved where offset < consumed {
            original.setInteger(UInt8(0), at: original.readerIndex + offset)
        }
        var encoded = ByteBuffer()
        encode(message, &encoded)
        guard encoded == original else { throw .handshakeRoundTripMismatch(message: name) }
        return message
    }
}
