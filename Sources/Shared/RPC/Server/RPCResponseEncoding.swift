import NIOCore

/// Response framing for the server.
enum RPCResponseEncoding {
    /// Encodes a response, replacing it with `.unavailable` when it would not fit in one frame.
    static func frame(_ response: NodeResponse, id: UInt64, allocator: ByteBufferAllocator, maxFrameSize: Int) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 256)
        RPCMessageCodec.encodeResponse(response, id: id, into: &buffer)
        let size = buffer.readableBytes - RPCMessageCodec.lengthPrefixSize
        guard size > maxFrameSize else { return buffer }
        buffer.clear()
        let error = StorageError.unavailable("response of \(size) bytes exceeds the RPC frame limit of \(maxFrameSize)")
        RPCMessageCodec.encodeResponse(.failure(error), id: id, into: &buffer)
        return buffer
    }
}
