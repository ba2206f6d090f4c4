import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// One lazily opened, automatically re-opened connection of a ``RemoteQueueStore``.
///
/// The socket is opened on first use. When it drops, the next call reconnects at once; when a
/// connect fails, further attempts wait an exponentially growing backoff (50 ms doubling up to
/// 2 s) and calls made meanwhile fail fast with `.unavailable`.
final class RPCClientConnection: Sendable {
    private enum State {
        case idle(failures: Int)
        case connecting(EventLoopFuture<any Channel>, failures: Int)
        case connected(any Channel)
        case backingOff(until: NIODeadline, failures: Int, reason: String)
        case shutDown
    }

    private enum Acquired {
        case ready(any Channel)
        case pending(EventLoopFuture<any Channel>)
        case failed(StorageError)
        case connect(failures: Int)
    }

    static let initialBackoff = TimeAmount.milliseconds(50)
    static let maximumBackoff = TimeAmount.seconds(2)

    private let host: String
    private let port: Int
    private let peer: String
    private let group: any EventLoopGroup
    private let connectTimeout: TimeAmount
    private let maxFrameSize: Int
    private let state = NIOLockedValueBox(State.idle(failures: 0))

    init(host: String, port: Int, group: any EventLoopGroup, connectTimeout: TimeAmount, maxFrameSize: Int) {
        self.host = host
        self.port = port
        self.peer = "\(host):\(port)"
        self.group = group
        self.connectTimeout = connectTimeout
        self.maxFrameSize = maxFrameSize
    }

    /// Sends `request` and returns its response; failures are ``StorageError`` values.
    func send(_ request: NodeRequest, deadline: NIODeadline) -> EventLoopFuture<NodeResponse> {
        switch acquire() {
        case let .ready(channel):
            return Self.write(request, deadline: deadline, on: channel)
        case let .pending(future):
            return future.flatMap { Self.write(request, deadline: deadline, on: $0) }
        case let .failed(error):
            return group.any().makeFailedFuture(error)
        case let .connect(failures):
            return connect(failures: failures).flatMap { Self.write(request, deadline: deadline, on: $0) }
        }
    }

    /// Closes the connection; later calls fail with `.unavailable`.
    func shutdown() async {
        let channel = state.withLockedValue { state -> (any Channel)? in
            defer { state = .shutDown }
            if case let .connected(channel) = state { return channel }
            return nil
        }
        try? await channel?.close()
    }

    private static func write(_ request: NodeRequest, deadline: NIODeadline, on channel: any Channel) -> EventLoopFuture<NodeResponse> {
        let promise = channel.eventLoop.makePromise(of: NodeResponse.self)
        channel.writeAndFlush(RPCOutboundCall(request: request, deadline: deadline, promise: promise)).whenFailure { error in
            promise.fail(StorageError.unavailable("cannot send to node: \(error)"))
        }
        return promise.futureResult
    }

    /// Decides under the lock whether to use, await, open or refuse the connection.
    private func acquire() -> Acquired {
        state.withLockedValue { state in
            switch state {
            case let .connected(channel):
                if channel.isActive { return .ready(channel) }
                state = .idle(failures: 0)
                return .connect(failures: 0)
            case let .connecting(future, _):
                return .pending(future)
            case let .backingOff(until, failures, reason):
                guard NIODeadline.now() >= until else {
                    return .failed(.unavailable("node at \(peer) unreachable (\(reason)); retrying after backoff"))
                }
                return .connect(failures: failures)
            case let .idle(failures):
                return .connect(failures: failures)
            case .shutDown:
                return .failed(.unavailable("client for node at \(peer) is shut down"))
            }
        }
    }

    /// Opens the socket unless another caller got there first, and records the outcome.
    private func connect(failures: Int) -> EventLoopFuture<any Channel> {
        let peer = self.peer
        let promise = group.any().makePromise(of: (any Channel).self)
        let existing = state.withLockedValue { state -> Acquired? in
            switch state {
            case .idle, .backingOff:
                state = .connecting(promise.futureResult, failures: failures)
                return nil
            case let .connecting(future, _):
                return .pending(future)
            case let .connected(channel) where channel.isActive:
                return .ready(channel)
            case .connected:
                state = .connecting(promise.futureResult, failures: failures)
                return nil
            case .shutDown:
                return .failed(.unavailable("client for node at \(peer) is shut down"))
            }
        }
        switch existing {
        case nil:
            break
        case let .ready(channel):
            promise.succeed(channel)
            return promise.futureResult
        case let .pending(future):
            promise.fail(StorageError.unavailable("superseded connect"))
            return future
        case let .failed(error):
            promise.fail(error)
            return promise.futureResult
        case .connect:
            break
        }
        makeBootstrap().connect(host: host, port: port).whenComplete { result in
            switch result {
            case let .success(channel):
                self.connected(channel, promise: promise)
            case let .failure(error):
                self.connectFailed(error, failures: failures, promise: promise)
            }
        }
        return promise.futureResult
    }

    private func connected(_ channel: any Channel, promise: EventLoopPromise<any Channel>) {
        let keep = state.withLockedValue { state -> Bool in
            guard case .connecting = state else { return false }
            state = .connected(channel)
            return true
        }
        guard keep else {
            channel.close(promise: nil)
            promise.fail(StorageError.unavailable("client for node at \(peer) is shut down"))
            return
        }
        channel.closeFuture.whenComplete { _ in
            self.state.withLockedValue { state in
                if case let .connected(current) = state, current === channel {
                    state = .idle(failures: 0)
                }
            }
        }
        promise.succeed(channel)
    }

    private func connectFailed(_ error: any Error, failures: Int, promise: EventLoopPromise<any Channel>) {
        let reason = "\(error)"
        state.withLockedValue { state in
            guard case .connecting = state else { return }
            state = .backingOff(until: .now() + Self.backoff(afterFailures: failures), failures: failures + 1, reason: reason)
        }
        promise.fail(StorageError.unavailable("cannot connect to node at \(peer): \(reason)"))
    }

    /// 50 ms after the first failure, doubling with each further one, at most 2 s.
    static func backoff(afterFailures failures: Int) -> TimeAmount {
        let shift = min(failures, 6)
        return min(initialBackoff * (1 << shift), maximumBackoff)
    }

    private func makeBootstrap() -> ClientBootstrap {
        let peer = self.peer
        let maxFrameSize = self.maxFrameSize
        return ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RPCFrameDecoder(maxFrameSize: maxFrameSize)))
                    try channel.pipeline.syncOperations.addHandler(RPCClientHandler(peer: peer, maxFrameSize: maxFrameSize))
                }
            }
    }
}
