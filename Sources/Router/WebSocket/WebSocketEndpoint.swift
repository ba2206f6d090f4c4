import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// Accepts WebSocket upgrades on `/` and `/v2/ws` of the router's own port and serves each
/// connection: frames are answered in order through ``WebSocketSession``; answers and pushed
/// notifications leave through one queue, written by one task.
struct WebSocketEndpoint: Sendable {
    /// The paths that accept an upgrade (`/` is where python-zaqarclient connects by default).
    static let paths: Set<String> = ["/", "/v2/ws"]
    /// Most frames waiting to be written to one socket; notifications beyond answer 503.
    static let maxQueuedFrames = 1_024

    let hub: WebSocketHub
    let responder: HeraldResponder
    /// The largest frame and message accepted.
    let maxMessageBytes: Int

    /// The WebSocket settings of the server channel.
    var serverConfiguration: WebSocketServerConfiguration {
        WebSocketServerConfiguration(maxFrameSize: maxMessageBytes, autoPing: .enabled(timePeriod: .seconds(30)))
    }

    /// Whether `head` may upgrade, and then how the connection is served.
    func shouldUpgrade(
        _ head: HTTPRequest, channel: any Channel, logger: Logger
    ) -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        let path = head.path.map { $0.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0] } ?? ""
        guard Self.paths.contains(String(path)) else { return .dontUpgrade }
        let context = BasicRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
        let bridge = WebSocketRESTBridge(responder: responder, context: context)
        return .upgrade([:]) { inbound, outbound, _ in
            await serve(inbound: inbound, outbound: outbound, bridge: bridge, logger: logger)
        }
    }

    private func serve(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, bridge: WebSocketRESTBridge, logger: Logger
    ) async {
        let (frames, sink) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingOldest(Self.maxQueuedFrames))
        let id = hub.register(sink)
        let hub = self.hub
        var session = WebSocketSession(bridge: bridge, subscriberURL: { hub.subscriberURL(for: id) })
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await text in frames {
                    do {
                        try await outbound.writeTextMessage(text)
                    } catch {
                        return
                    }
                }
            }
            do {
                for try await message in inbound.messages(maxSize: maxMessageBytes) {
                    sink.yield(await session.reply(to: message))
                }
            } catch {
                logger.debug("websocket closed", metadata: ["error": "\(error)"])
            }
            hub.unregister(id)
            await session.close()
            sink.finish()
        }
    }
}
