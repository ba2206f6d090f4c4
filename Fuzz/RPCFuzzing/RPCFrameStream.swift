import NIOCore
import NIOEmbedded
import Shared

/// What the real frame decoder made of a peer's byte stream: the frame bodies it emitted, in
/// order, and the decoding error that ended the connection, if any.
struct RPCFrameStream: Equatable {
    var frames: [ByteBuffer] = []
    var error: RPCDecodingError?

    /// Runs `bytes` through a `ByteToMessageHandler(RPCFrameDecoder)` in an `EmbeddedChannel`,
    /// as the pipeline of a node or router receives them, arriving in reads of `readSizes`
    /// bytes (cycled), then closes the channel as a peer hanging up would.
    static func decode(
        _ bytes: [UInt8], readSizes: [Int], maxFrameSize: Int
    ) throws(RPCFuzzViolation) -> RPCFrameStream {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(RPCFrameDecoder(maxFrameSize: maxFrameSize)))
        // Always closed, even after an error: an open channel keeps its pipeline alive.
        defer { _ = try? channel.finish(acceptAlreadyClosed: true) }
        var stream = RPCFrameStream()
        do {
            var offset = 0
            var read = 0
            while offset < bytes.count {
                let count = min(max(readSizes[read % readSizes.count], 1), bytes.count - offset)
                var buffer = channel.allocator.buffer(capacity: count)
                buffer.writeBytes(bytes[offset..<(offset + count)])
                offset += count
                read += 1
                try channel.writeInbound(buffer)
                try stream.drain(channel)
            }
            _ = try channel.finish(acceptAlreadyClosed: true)
            try stream.drain(channel)
        } catch let error as RPCDecodingError {
            // Frames decoded in the same read as the broken one went down the pipeline first.
            try? stream.drain(channel)
            stream.error = error
        } catch {
            throw .untypedFrameError("\(error)")
        }
        return stream
    }

    private mutating func drain(_ channel: EmbeddedChannel) throws {
        while let frame = try channel.readInbound(as: ByteBuffer.self) {
            frames.append(frame)
        }
    }
}
