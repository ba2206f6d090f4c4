import NIOCore

/// Splits a byte stream into RPC frame bodies: reads the 4-byte big-endian length and emits the
/// following bytes once complete. A length above `maxFrameSize` (or below the header size) is
/// rejected as soon as the prefix arrives, before any of the frame is buffered.
public struct RPCFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    /// 16 MiB.
    public static let defaultMaxFrameSize = 16 * 1024 * 1024

    /// The largest frame body accepted.
    public let maxFrameSize: Int

    public init(maxFrameSize: Int = RPCFrameDecoder.defaultMaxFrameSize) {
        self.maxFrameSize = maxFrameSize
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try nextFrame(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }

    /// Removes one complete frame body from the front of `buffer`, or returns `nil` when more
    /// bytes are needed. Usable without a channel (tests, tools).
    public func nextFrame(from buffer: inout ByteBuffer) throws(RPCDecodingError) -> ByteBuffer? {
        guard let declared = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return nil }
        let length = Int(declared)
        guard length <= maxFrameSize else { throw .frameTooLarge(length: length, limit: maxFrameSize) }
        guard length >= RPCFrameHeader.encodedSize else { throw .frameTooShort(length: length) }
        guard buffer.readableBytes >= RPCMessageCodec.lengthPrefixSize + length else { return nil }
        buffer.moveReaderIndex(forwardBy: RPCMessageCodec.lengthPrefixSize)
        return buffer.readSlice(length: length)
    }
}
