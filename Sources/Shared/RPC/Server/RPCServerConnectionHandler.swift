import Logging
import NIOCore

/// Serves one RPC connection: decodes request frames, runs each request in its own task and
/// writes every response as soon as it is ready (out of order; the request id matches them),
/// flushing the responses that finish together in one go.
///
/// At most `maxInFlight` requests run at once per connection; beyond that the handler stops
/// reading from the socket until some finish. A malformed frame closes the connection.
final class RPCServerConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let store: any QueueStore
    private let registry: RPCServerRegistry
    private let maxFrameSize: Int
    private let maxInFlight: Int
    private var taskExecutor: EventLoopGroupTaskExecutor?
    private let logger: Logger
    private let observer: (any RPCServerObserver)?
    private var context: ChannelHandlerContext?
    private var inFlight = 0
    private var readDeferred = false
    private var flushScheduled = false

    init(
        store: any QueueStore, registry: RPCServerRegistry, maxFrameSize: Int, maxInFlight: Int, logger: Logger,
        observer: (any RPCServerObserver)? = nil
    ) {
        self.store = store
        self.registry = registry
        self.maxFrameSize = maxFrameSize
        self.maxInFlight = maxInFlight
        self.logger = logger
        self.observer = observer
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        taskExecutor = EventLoopGroupTaskExecutor(pinnedTo: context.eventLoop)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        let decoded: (id: UInt64, request: NodeRequest, trace: String?)
        switch Self.decode(frame) {
        case let .success(value):
            decoded = value
        case let .failure(error):
            reject(frame: frame, error: error, context: context)
            return
        }
        let id = decoded.id
        let request = decoded.request
        let trace = decoded.trace
        guard registry.requestStarted() else {
            let refusal = RPCResponseEncoding.frame(
                .failure(.unavailable("node is shutting down")), id: id, allocator: context.channel.allocator, maxFrameSize: maxFrameSize
            )
            context.writeAndFlush(wrapOutboundOut(refusal), promise: nil)
            return
        }
        inFlight += 1
        let store = self.store
        let allocator = context.channel.allocator
        let maxFrameSize = self.maxFrameSize
        let eventLoop = context.eventLoop
        let observer = self.observer
        let handler = NIOLoopBound(self, eventLoop: eventLoop)
        let logger = self.logger
        // The request's task runs on this connection's event loop (see
        // EventLoopGroupTaskExecutor): the store's answer wakes this loop, which writes it.
        Task(executorPreference: taskExecutor) {
            let started = ContinuousClock.now
            // The API request id rides along into the store's task (and its logs).
            let response = await RPCServerConnectionHandler.execute(request, on: store, trace: trace)
            RPCServerConnectionHandler.log(request: request, response: response, trace: trace, since: started, logger: logger)
            observer?.requestFinished(request.opcode, response: response)
            let buffer = RPCResponseEncoding.frame(response, id: id, allocator: allocator, maxFrameSize: maxFrameSize)
            eventLoop.execute {
                handler.value.requestFinished(response: buffer)
            }
        }
    }

    func read(context: ChannelHandlerContext) {
        if inFlight >= maxInFlight {
            readDeferred = true
        } else {
            context.read()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.warning("closing RPC connection", metadata: ["peer": "\(context.remoteAddress.map { "\($0)" } ?? "?")", "error": "\(error)"])
        context.close(promise: nil)
    }

    /// Writes a finished response and resumes reading if the connection was throttled.
    private func requestFinished(response: ByteBuffer) {
        inFlight -= 1
        registry.requestFinished()
        guard let context else { return }
        context.write(wrapOutboundOut(response), promise: nil)
        scheduleFlush(context: context)
        if readDeferred, inFlight < maxInFlight {
            readDeferred = false
            context.read()
        }
    }

    /// Flushes once the responses finished in this event-loop tick are all written: a group
    /// commit completes many requests at once, and they leave in one socket write.
    private func scheduleFlush(context: ChannelHandlerContext) {
        guard !flushScheduled else { return }
        flushScheduled = true
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.execute {
            handler.value.flushScheduled = false
            handler.value.context?.flush()
        }
    }

    /// Logs a malformed frame, answers it with `.protocolViolation` when its header names a
    /// request, and closes the connection.
    private func reject(frame: ByteBuffer, error: RPCDecodingError, context: ChannelHandlerContext) {
        observer?.malformedFrameReceived()
        logger.warning("malformed RPC frame, closing connection", metadata: [
            "peer": "\(context.remoteAddress.map { "\($0)" } ?? "?")", "error": "\(error)",
        ])
        guard let header = try? RPCMessageCodec.decodeHeader(frame: frame), header.kind == .request else {
            context.close(promise: nil)
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: 64)
        RPCMessageCodec.encodeResponse(.failure(.protocolViolation("\(error)")), id: header.requestID, into: &buffer)
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private static func execute(_ request: NodeRequest, on store: any QueueStore, trace: String?) async -> NodeResponse {
        await RequestTrace.$requestID.withValue(trace) {
            await request.execute(on: store)
        }
    }

    /// Logs a failed request as a warning (unless the failure is an ordinary answer such as
    /// "not found") and every request at debug level, each with the API request id it serves.
    private static func log(
        request: NodeRequest, response: NodeResponse, trace: String?, since started: ContinuousClock.Instant, logger: Logger
    ) {
        var fault: StorageError?
        if case let .failure(error) = response, error.isServerFault { fault = error }
        // Most requests log nothing: build no metadata for them.
        guard fault != nil || logger.logLevel <= .debug else { return }
        var metadata: Logger.Metadata = ["operation": "\(request.opcode)"]
        if let trace { metadata["request_id"] = "\(trace)" }
        if let fault {
            metadata["error"] = "\(fault)"
            logger.warning("rpc request failed", metadata: metadata)
        } else {
            let (seconds, attoseconds) = (ContinuousClock.now - started).components
            metadata["duration_us"] = "\(seconds * 1_000_000 + attoseconds / 1_000_000_000_000)"
            logger.debug("rpc request", metadata: metadata)
        }
    }

    private static func decode(_ frame: ByteBuffer) -> Result<(id: UInt64, request: NodeRequest, trace: String?), RPCDecodingError> {
        Result { () throws(RPCDecodingError) in try RPCMessageCodec.decodeRequest(frame: frame) }
    }
}
