import NIOCore

/// Turns requests and responses into wire frames and back; the one codec both the storage node
/// and its clients use.
///
/// A wire frame is a 4-byte big-endian length followed by that many bytes: the
/// ``RPCFrameHeader`` and then the payload. The `encode` functions write whole wire frames
/// (length prefix included); the `decode` functions take a frame body as ``RPCFrameDecoder``
/// produces it (length prefix already removed).
public enum RPCMessageCodec {
    /// Bytes taken by the length prefix.
    public static let lengthPrefixSize = 4

    /// Appends the wire frame of `request` to `buffer`; a `trace` (the API request id, at most
    /// ``RequestTrace/maxLength`` UTF-8 bytes, longer ones are left out) travels as a string before the payload,
    /// announced by ``RPCFrameHeader/traceFlag``.
    public static func encodeRequest(_ request: NodeRequest, id: UInt64, trace: String? = nil, into buffer: inout ByteBuffer) {
        let trace = trace.flatMap { $0.utf8.count <= RequestTrace.maxLength ? $0 : nil }
        let header = RPCFrameHeader(
            kind: .request, opcode: request.opcode.rawValue, flags: trace == nil ? 0 : RPCFrameHeader.traceFlag, requestID: id)
        writeFrame(into: &buffer, header: header) { buffer in
            if let trace { buffer.writeRPCString(trace) }
            request.encodePayload(into: &buffer)
        }
    }

    /// Appends the wire frame of `response` to `buffer`.
    public static func encodeResponse(_ response: NodeResponse, id: UInt64, into buffer: inout ByteBuffer) {
        writeFrame(into: &buffer, header: RPCFrameHeader(kind: .response, opcode: response.opcode.rawValue, requestID: id)) {
            response.encodePayload(into: &$0)
        }
    }

    /// Reads only the header of a frame body, e.g. to answer a request whose payload is malformed.
    public static func decodeHeader(frame: ByteBuffer) throws(RPCDecodingError) -> RPCFrameHeader {
        var frame = frame
        return try RPCFrameHeader.decode(from: &frame)
    }

    /// Decodes a request frame body, with the API request id it carries, if any.
    public static func decodeRequest(
        frame: ByteBuffer
    ) throws(RPCDecodingError) -> (id: UInt64, request: NodeRequest, trace: String?) {
        var frame = frame
        let header = try RPCFrameHeader.decode(from: &frame)
        guard header.kind == .request else { throw .unexpectedKind(header.kind.rawValue) }
        guard let opcode = NodeRequest.Opcode(rawValue: header.opcode) else { throw .unknownOpcode(header.opcode) }
        var reader = RPCPayloadReader(frame)
        var trace: String?
        if header.flags & RPCFrameHeader.traceFlag != 0 {
            trace = try reader.readString("trace")
            guard trace!.utf8.count <= RequestTrace.maxLength else { throw .invalidValue(field: "trace") }
        }
        return (header.requestID, try NodeRequest.decodePayload(opcode: opcode, from: &reader), trace)
    }

    /// Decodes a response frame body.
    public static func decodeResponse(frame: ByteBuffer) throws(RPCDecodingError) -> (id: UInt64, response: NodeResponse) {
        var frame = frame
        let header = try RPCFrameHeader.decode(from: &frame)
        guard header.kind == .response else { throw .unexpectedKind(header.kind.rawValue) }
        guard let opcode = NodeResponse.Opcode(rawValue: header.opcode) else { throw .unknownOpcode(header.opcode) }
        var reader = RPCPayloadReader(frame)
        return (header.requestID, try NodeResponse.decodePayload(opcode: opcode, from: &reader))
    }

    private static func writeFrame(into buffer: inout ByteBuffer, header: RPCFrameHeader, payload: (inout ByteBuffer) -> Void) {
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        header.encode(into: &buffer)
        payload(&buffer)
        let bodyLength = buffer.writerIndex - lengthIndex - lengthPrefixSize
        buffer.setInteger(UInt32(truncatingIfNeeded: bodyLength), at: lengthIndex)
    }
}
