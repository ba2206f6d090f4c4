import ArgumentParser
import Foundation
import Logging
import Shared
import StorageNode

/// `herald-node --host 127.0.0.1 --port 7001 --data ./.herald-data/node1/herald.sqlite`
struct HeraldNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald-node",
        abstract: "A Herald storage node: owns one SQLite store and serves it over the internal RPC."
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The RPC port (0 picks a free one).")
    var port = 7001

    @Option(help: "Path of the node's SQLite database file (created when missing).")
    var data: String

    @Option(name: .customLong("gc-interval"), help: "Seconds between garbage-collection passes.")
    var gcInterval: Int = 5

    @Option(
        name: .customLong("clock-skew-file"),
        help: "Testing only: a file holding milliseconds to add to the node clock."
    )
    var clockSkewFile: String?

    @Option(
        name: .customLong("message-encryption-key"),
        help: """
            Key text for queues with _enable_encrypt_messages (SHA-256 of it is the AES-256 key). \
            Defaults to $HERALD_MESSAGE_ENCRYPTION_KEY, else "AES256".
            """
    )
    var messageEncryptionKey: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be within 0...65535") }
        guard gcInterval > 0 else { throw ValidationError("--gc-interval must be positive") }
        guard !data.isEmpty else { throw ValidationError("--data must name a file") }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let logger = Logger(label: "herald.node")
        let signals = ShutdownSignals()
        let clock: any WallClock = clockSkewFile.map { SkewedWallClock(skewFile: $0) } ?? SystemWallClock()
        let keyText = messageEncryptionKey
            ?? ProcessInfo.processInfo.environment["HERALD_MESSAGE_ENCRYPTION_KEY"]
            ?? MessageCipher.defaultKeyText
        let store = try SQLiteQueueStore(path: data, clock: clock, cipher: MessageCipher(keyText: keyText))
        let server = RPCServer(store: store, host: host, port: port)
        let boundPort: Int
        do {
            boundPort = try await server.start()
        } catch {
            try? store.close()
            throw error
        }
        let interval = Duration.seconds(gcInterval)
        let collector = Task { await store.runGarbageCollection(every: interval) }

        StandardOutput.writeLine("herald-node listening on \(host):\(boundPort)")

        let signal = await signals.next()
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        await server.shutdown()
        collector.cancel()
        await collector.value
        do {
            try store.close()
        } catch {
            logger.error("closing the store failed", metadata: ["error": "\(error)"])
        }
        logger.info("stopped")
    }
}
