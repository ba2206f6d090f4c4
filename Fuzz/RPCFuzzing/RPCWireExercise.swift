import NIOCore
import Shared

/// What one input did on the decoding paths of ``RPCWireExercise``.
public struct RPCWireSummary: Sendable, Equatable {
    /// The requests a storage node decoded, in order, before the stream ended or broke.
    public var requests: [NodeRequest.Opcode] = []
    /// The responses a router decoded, in order, before the stream ended or broke.
    public var responses: [NodeResponse.Opcode] = []
    /// Why the node stopped reading frames, if it did not reach the end cleanly.
    public var requestError: RPCDecodingError?
    /// Why the router stopped reading frames, if it did not reach the end cleanly.
    public var responseError: RPCDecodingError?
    /// The handshake messages that decoded at the start of the input.
    public var handshakeMessages: [String] = []

    public init() {}
}

/// Feeds one input to every place the internal RPC reads bytes from a peer, as the peer's
/// bytes would arrive from a socket:
///
/// - as a storage node: the frame decoder in a channel pipeline, then ``RPCMessageCodec``
///   request decoding of each frame, and the protocol-violation answer to a malformed one;
/// - as a router: the same frame decoder, then response decoding of each frame;
/// - as either end of the handshake: the client's answer, the node's hello and its verdict.
///
/// Malformed input must end in a typed error; a crash, trap, hang or unbounded allocation is
/// what the fuzzer hunts. Beyond that, the exercise checks properties a correct codec keeps and
/// throws an ``RPCFuzzViolation`` when one breaks: the frames do not depend on how the bytes
/// were split into reads, and every decoded value encodes back to exactly its own bytes.
public enum RPCWireExercise {
    /// Read sizes for the second pass over the stream, cycled: splits length prefixes,
    /// headers and fields at many different points.
    static let smallReads = [1, 3, 2, 7, 5, 64, 13]
    /// Offset of the flags byte in a frame body; flags other than the trace flag of requests
    /// are ignored when read and encoded as 0.
    static let flagsOffset = 5

    /// Runs `bytes` through every decoding path; throws only when a codec property breaks.
    public static func run(_ bytes: [UInt8]) throws(RPCFuzzViolation) -> RPCWireSummary {
        var summary = RPCWireSummary()
        // Node and router split their input with the same decoder and frame limit.
        let stream = try frames(of: bytes)
        summary.requestError = stream.error
        for (index, frame) in stream.frames.enumerated() {
            guard let opcode = try serve(frame, index: index, error: &summary.requestError) else { break }
            summary.requests.append(opcode)
        }
        summary.responseError = stream.error
        for (index, frame) in stream.frames.enumerated() {
            guard let opcode = try receive(frame, index: index, error: &summary.responseError) else { break }
            summary.responses.append(opcode)
        }
        summary.handshakeMessages = try RPCHandshakeExercise.run(bytes)
        return summary
    }

    /// Splits the stream twice, in one read and in many small ones; both must agree.
    private static func frames(of bytes: [UInt8]) throws(RPCFuzzViolation) -> RPCFrameStream {
        let limit = RPCFrameDecoder.defaultMaxFrameSize
        let whole = try RPCFrameStream.decode(bytes, readSizes: [max(bytes.count, 1)], maxFrameSize: limit)
        let pieces = try RPCFrameStream.decode(bytes, readSizes: smallReads, maxFrameSize: limit)
        guard whole == pieces else { throw .chunkingChangedFrames }
        return whole
    }

    /// Decodes a request frame as the node's connection handler does; `nil` when it is
    /// malformed, which closes the connection.
    private static func serve(
        _ frame: ByteBuffer, index: Int, error: inout RPCDecodingError?
    ) throws(RPCFuzzViolation) -> NodeRequest.Opcode? {
        switch Result(catching: { () throws(RPCDecodingError) in try RPCMessageCodec.decodeRequest(frame: frame) }) {
        case let .success((id, request, trace)):
            var encoded = ByteBuffer()
            RPCMessageCodec.encodeRequest(request, id: id, trace: trace, into: &encoded)
            guard encoded == wireFrame(of: frame, keeping: RPCFrameHeader.traceFlag) else { throw .roundTripMismatch(side: "node", frame: index) }
            return request.opcode
        case let .failure(decodingError):
            error = decodingError
            // The node answers a malformed request whose header it can read, then closes.
            if let header = try? RPCMessageCodec.decodeHeader(frame: frame), header.kind == .request {
                var answer = ByteBuffer()
                RPCMessageCodec.encodeResponse(.failure(.protocolViolation("\(decodingError)")), id: header.requestID, into: &answer)
            }
            return nil
        }
    }

    /// Decodes a response frame as the router's client handler does; `nil` when it is
    /// malformed, which fails every pending call and closes the connection.
    private static func receive(
        _ frame: ByteBuffer, index: Int, error: inout RPCDecodingError?
    ) throws(RPCFuzzViolation) -> NodeResponse.Opcode? {
        switch Result(catching: { () throws(RPCDecodingError) in try RPCMessageCodec.decodeResponse(frame: frame) }) {
        case let .success((id, response)):
            var encoded = ByteBuffer()
            RPCMessageCodec.encodeResponse(response, id: id, into: &encoded)
            guard encoded == wireFrame(of: frame) else { throw .roundTripMismatch(side: "router", frame: index) }
            return response.opcode
        case let .failure(decodingError):
            error = decodingError
            return nil
        }
    }

    /// The canonical wire form of a frame body: its length prefix, then the body with the
    /// flags it ignores cleared (all but `kept`).
    private static func wireFrame(of frame: ByteBuffer, keeping kept: UInt8 = 0) -> ByteBuffer {
        var wire = ByteBuffer()
        wire.writeInteger(UInt32(frame.readableBytes))
        var body = frame
        wire.writeBuffer(&body)
        let flagsIndex = RPCMessageCodec.lengthPrefixSize + flagsOffset
        wire.setInteger((wire.getInteger(at: flagsIndex, as: UInt8.self) ?? 0) & kept, at: flagsIndex)
        return wire
    }
}
