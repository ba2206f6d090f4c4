import CoreMetrics
import Logging
import Shared

/// The node's gauges, read from the store when they are scraped (``refresh()``):
///
/// - `herald_node_queues` and `herald_node_messages`: queues and unexpired messages on the node;
/// - `herald_store_size_bytes`: the database file and its write-ahead log;
/// - `herald_queue_messages{project,queue}`: unexpired messages of the ``maxQueues`` queues
///   holding most of them. Series of queues that drop out of that set are removed, so the
///   number of series stays bounded however many queues the node stores.
public actor NodeGauges {
    /// Metric names.
    enum Name {
        static let queues = "herald_node_queues"
        static let messages = "herald_node_messages"
        static let sizeBytes = "herald_store_size_bytes"
        static let queueMessages = "herald_queue_messages"
    }

    /// The default bound on per-queue series.
    public static let defaultMaxQueues = 50

    /// The most queues exported with a `herald_queue_messages` series.
    public let maxQueues: Int
    private let store: SQLiteQueueStore
    private let factory: any MetricsFactory
    private let queues: Gauge
    private let messages: Gauge
    private let sizeBytes: Gauge
    private var perQueue: [QueueRef: Gauge] = [:]
    private let logger = Logger(label: "herald.node.metrics")

    /// - Parameters:
    ///   - store: the store the gauges are read from; its ``NodeMetrics`` factory makes them.
    ///   - maxQueues: the most queues exported individually.
    public init(store: SQLiteQueueStore, maxQueues: Int = NodeGauges.defaultMaxQueues) {
        self.store = store
        self.maxQueues = max(0, maxQueues)
        let factory = store.metrics.factory
        self.factory = factory
        queues = Gauge(label: Name.queues, dimensions: [], factory: factory)
        messages = Gauge(label: Name.messages, dimensions: [], factory: factory)
        sizeBytes = Gauge(label: Name.sizeBytes, dimensions: [], factory: factory)
    }

    /// Reads the store and updates every gauge; a store failure leaves them as they were.
    public func refresh() async {
        let snapshot: StoreMetricsSnapshot
        do {
            snapshot = try await store.metricsSnapshot(maxQueues: maxQueues)
        } catch {
            logger.warning("reading the store for metrics failed", metadata: ["error": "\(error)"])
            return
        }
        queues.record(snapshot.queues)
        messages.record(snapshot.messages)
        sizeBytes.record(snapshot.sizeBytes)
        var current: [QueueRef: Gauge] = [:]
        for (queue, count) in snapshot.largestQueues {
            let gauge = perQueue.removeValue(forKey: queue)
                ?? Gauge(
                    label: Name.queueMessages, dimensions: [("project", queue.project), ("queue", queue.name)],
                    factory: factory)
            gauge.record(count)
            current[queue] = gauge
        }
        for gauge in perQueue.values { gauge.destroy() }
        perQueue = current
    }
}
