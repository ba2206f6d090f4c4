import CoreMetrics
import Prometheus

/// Makes the process's one Prometheus registry the backend of swift-metrics.
public enum MetricsBootstrap {
    /// A factory over `registry` whose timers use ``PrometheusExposition/durationBuckets``.
    public static func factory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = PrometheusExposition.durationBuckets
        return factory
    }

    /// Creates the registry and bootstraps `MetricsSystem` with it. Call once per process, before
    /// any metric is created (swift-metrics allows one bootstrap only).
    public static func bootstrapPrometheus() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(factory(registry: registry))
        return registry
    }
}
