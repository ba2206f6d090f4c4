import CoreMetrics
import Shared

/// The router's metrics, created once through a swift-metrics factory (the bootstrapped
/// `MetricsSystem.factory` by default; tests pass their own):
///
/// - `herald_http_requests_total{method,route,status}` and
///   `herald_http_request_duration_seconds{method,route}`: every answered request, `route` being
///   its ``RouteTemplate``;
/// - `herald_http_requests_in_flight`: requests being answered;
/// - `herald_catalog_cache_lookups_total{result="hit"|"miss"}`: the queue → pool placement cache;
/// - `herald_rpc_errors_total{pool,kind}`: failed calls to storage nodes (see ``RPCCallFailure``);
/// - `herald_queue_moves_total{outcome="moved"|"failed"}` and `herald_queue_move_frozen_seconds`:
///   queue moves between pools made through this router that copied data (requests refused
///   before, and moves to the pool a queue is on, are not counted) and how long each kept its
///   queue frozen;
/// - `herald_queue_move_retries_total`: requests sent again because their queue was moving.
///
/// The per-request series are resolved once per method/route/status and kept, so answering a
/// request costs one short dictionary lookup under a lock (never held across an await) and
/// the metric updates themselves.
public final class RouterMetrics: Sendable {
    /// Metric names.
    enum Name {
        static let httpRequests = "herald_http_requests_total"
        static let httpDuration = "herald_http_request_duration_seconds"
        static let httpInFlight = "herald_http_requests_in_flight"
        static let cacheLookups = "herald_catalog_cache_lookups_total"
        static let rpcErrors = "herald_rpc_errors_total"
        static let queueMoves = "herald_queue_moves_total"
        static let queueMoveFrozen = "herald_queue_move_frozen_seconds"
        static let queueMoveRetries = "herald_queue_move_retries_total"
    }

    private struct SeriesKey: Hashable {
        var method: MetricMethod
        var route: RouteTemplate
        var status: Int
    }

    private struct Series {
        let requests: Counter
        let duration: CoreMetrics.Timer
    }

    private let factory: any MetricsFactory
    /// Whether the HTTP series are kept at all: without a `/metrics` listener nothing reads
    /// them, and a request then pays no lookup.
    private let recordsRequests: Bool
    private let series = Locked<[SeriesKey: Series]>([:])
    private let inFlight: Meter
    /// Placement cache lookups answered from the cache.
    let cacheHits: Counter
    /// Placement cache lookups that went to the catalog.
    let cacheMisses: Counter
    /// Queue moves that completed.
    let queuesMoved: Counter
    /// Queue moves that failed (and were undone).
    let queueMovesFailed: Counter
    /// How long each completed move kept its queue frozen.
    let queueMoveFrozen: CoreMetrics.Timer
    /// Requests sent again because their queue was moving or had moved.
    let queueMoveRetries: Counter

    /// - Parameters:
    ///   - factory: makes every metric; `MetricsSystem.factory` (no-op until bootstrapped) by default.
    ///   - recordsRequests: `false` skips the per-request series (the router serves no `/metrics`).
    public init(factory: any MetricsFactory = MetricsSystem.factory, recordsRequests: Bool = true) {
        self.factory = factory
        self.recordsRequests = recordsRequests
        inFlight = Meter(label: Name.httpInFlight, dimensions: [], factory: factory)
        cacheHits = Counter(label: Name.cacheLookups, dimensions: [("result", "hit")], factory: factory)
        cacheMisses = Counter(label: Name.cacheLookups, dimensions: [("result", "miss")], factory: factory)
        queuesMoved = Counter(label: Name.queueMoves, dimensions: [("outcome", "moved")], factory: factory)
        queueMovesFailed = Counter(label: Name.queueMoves, dimensions: [("outcome", "failed")], factory: factory)
        queueMoveFrozen = CoreMetrics.Timer(label: Name.queueMoveFrozen, dimensions: [], factory: factory)
        queueMoveRetries = Counter(label: Name.queueMoveRetries, dimensions: [], factory: factory)
    }

    /// A move of a queue ended: frozen for `frozen` when it completed, `nil` when it failed.
    func queueMoveEnded(frozen: Duration?) {
        guard let frozen else { return queueMovesFailed.increment() }
        queuesMoved.increment()
        queueMoveFrozen.recordNanoseconds(frozen.wholeNanoseconds)
    }

    /// A request is being answered.
    func requestStarted() {
        guard recordsRequests else { return }
        inFlight.increment()
    }

    /// A request was answered with `status` after `elapsed` (the labels and the duration are
    /// only worked out when the series are kept).
    func requestFinished(
        method: @autoclosure () -> MetricMethod, route: @autoclosure () -> RouteTemplate, status: Int,
        elapsed: @autoclosure () -> Duration
    ) {
        guard recordsRequests else { return }
        inFlight.decrement()
        let series = series(SeriesKey(method: method(), route: route(), status: status))
        series.requests.increment()
        series.duration.recordNanoseconds(elapsed().wholeNanoseconds)
    }

    /// Counts the failed calls to the nodes of `pool`, one counter per ``RPCCallFailure`` kind
    /// (all created now, so every kind is exported from the start, at 0).
    public func rpcFailureObserver(pool: String) -> RPCCallFailureObserver {
        let factory = self.factory
        let counters = RPCCallFailure.allCases.map { kind in
            (kind, Counter(label: Name.rpcErrors, dimensions: [("pool", pool), ("kind", kind.rawValue)], factory: factory))
        }
        let byKind = Dictionary(uniqueKeysWithValues: counters)
        return { kind in byKind[kind]?.increment() }
    }

    private func series(_ key: SeriesKey) -> Series {
        if let known = series.withLock({ $0[key] }) { return known }
        // Created outside the lock: the factory takes the registry's own lock and returns the
        // same series for the same labels, so a race only creates the same handles twice.
        let made = Series(
            requests: Counter(
                label: Name.httpRequests,
                dimensions: [("method", key.method.rawValue), ("route", key.route.rawValue), ("status", String(key.status))],
                factory: factory),
            duration: CoreMetrics.Timer(
                label: Name.httpDuration,
                dimensions: [("method", key.method.rawValue), ("route", key.route.rawValue)], factory: factory))
        return series.withLock { known in
            if let existing = known[key] { return existing }
            known[key] = made
            return made
        }
    }
}
