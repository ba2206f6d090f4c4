import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A lean HTTP/1.1 client for one `http://` endpoint: keep-alive connections, one request at
/// a time on each, reused from an idle list.
///
/// It does what a load generator needs and nothing else (no TLS, redirects, proxies or
/// streaming), so that the measuring side spends little CPU per request on the machine it
/// shares with the server. A request that finds a reused connection closed by the server
/// before any byte of the answer is sent again once on a new connection.
final class HTTPConnectionPool: Sendable {
    /// Where every connection goes.
    let endpoint: HTTPEndpoint
    private let group: any EventLoopGroup
    private let connectTimeout: TimeAmount
    private let maxIdle: Int
    private let maxBodySize: Int
    private let idle = NIOLockedValueBox<[any Channel]>([])

    /// - Parameters:
    ///   - endpoint: Where every connection goes.
    ///   - maxIdle: Connections kept open between requests; more are opened when more requests
    ///     run at once, and closed after their request.
    ///   - maxBodySize: The largest answer body read; a larger one fails the request.
    init(
        endpoint: HTTPEndpoint, maxIdle: Int, maxBodySize: Int,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, connectTimeout: TimeAmount = .seconds(5)
    ) {
        self.endpoint = endpoint
        self.maxIdle = max(1, maxIdle)
        self.maxBodySize = maxBodySize
        self.group = group
        self.connectTimeout = connectTimeout
    }

    /// Sends one request and returns the whole answer.
    /// - Throws: ``HTTPExchangeError`` or the connection's error.
    func execute(_ head: HTTPRequestHead, body: ByteBuffer?, timeout: TimeAmount) async throws -> HTTPAnswer {
        if let channel = takeIdle() {
            do {
                return try await exchange(on: channel, head: head, body: body, timeout: timeout)
            } catch HTTPExchangeError.closed(sawAnswer: false) {
                // The server dropped the idle connection: try once more on a fresh one.
            }
        }
        return try await exchange(on: try await connect(), head: head, body: body, timeout: timeout)
    }

    /// Closes every idle connection.
    func shutdown() async {
        let channels = idle.withLockedValue { channels in
            defer { channels.removeAll() }
            return channels
        }
        for channel in channels { try? await channel.close() }
    }

    private func exchange(
        on channel: any Channel, head: HTTPRequestHead, body: ByteBuffer?, timeout: TimeAmount
    ) async throws -> HTTPAnswer {
        let promise = channel.eventLoop.makePromise(of: HTTPAnswer.self)
        let timer = channel.eventLoop.scheduleTask(in: timeout) {
            promise.fail(HTTPExchangeError.timedOut)
            channel.close(promise: nil)
        }
        // A channel the server closed meanwhile fails the write without reaching the exchange
        // handler: that fails the exchange as a connection closed before any answer.
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { _ in promise.fail(HTTPExchangeError.closed(sawAnswer: false)) }
        channel.writeAndFlush(HTTPExchange(head: head, body: body, promise: promise), promise: written)
        do {
            let answer = try await promise.futureResult.get()
            timer.cancel()
            let kept = answer.keepAlive && channel.isActive && idle.withLockedValue { channels in
                guard channels.count < maxIdle else { return false }
                channels.append(channel)
                return true
            }
            if !kept { channel.close(promise: nil) }
            return answer
        } catch {
            timer.cancel()
            channel.close(promise: nil)
            throw error
        }
    }

    private func takeIdle() -> (any Channel)? {
        idle.withLockedValue { channels in
            while let channel = channels.popLast() {
                if channel.isActive { return channel }
            }
            return nil
        }
    }

    private func connect() async throws -> any Channel {
        let maxBodySize = self.maxBodySize
        return try await ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(HTTPExchangeHandler(maxBodySize: maxBodySize))
                }
            }
            .connect(host: endpoint.host, port: endpoint.port)
            .get()
    }
}
