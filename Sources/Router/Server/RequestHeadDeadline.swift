import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Closes a new connection whose first request head has not fully arrived within `timeout`.
///
/// Hummingbird starts its idle timeout on a connection that may upgrade to a WebSocket only
/// once the first request head has been read and the upgrade decided, so without this a client
/// could open connections and trickle (or never send) a head. It reads the raw bytes in front of
/// the HTTP parser, watches for the blank line that ends the head, and then leaves the pipeline:
/// from there on the idle timeout (plain HTTP) or the WebSocket's own handling applies.
final class RequestHeadDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?
    /// The last bytes seen, to find `\r\n\r\n` split across reads.
    private var tail: [UInt8] = []

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            self.deadline = nil
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let headEnded = Self.findsHeadEnd(tail: &tail, in: unwrapInboundIn(data).readableBytesView)
        context.fireChannelRead(data)
        if headEnded {
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    /// Whether `bytes`, after the up to three bytes of `tail` that came before, complete a
    /// `\r\n\r\n`; `tail` keeps the last three bytes for the next read.
    static func findsHeadEnd(tail: inout [UInt8], in bytes: some Collection<UInt8>) -> Bool {
        var window = tail
        for byte in bytes {
            window.append(byte)
            if window.count > 4 { window.removeFirst(window.count - 4) }
            if window == [13, 10, 13, 10] { return true }
        }
        tail = Array(window.suffix(3))
        return false
    }
}

/// A server child channel that puts a ``RequestHeadDeadline`` in front of `inner`'s pipeline.
struct RequestHeadDeadlineChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value

    let inner: Inner
    let timeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(RequestHeadDeadline(timeout: timeout), position: .first)
        }.flatMap {
            inner.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}
