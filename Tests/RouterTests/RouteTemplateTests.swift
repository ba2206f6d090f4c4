import Prometheus
@testable import Router
import Shared
import XCTest

/// The `route` and `method` labels of the HTTP metrics, and how requests are counted.
final class RouteTemplateTests: XCTestCase {
    /// Every template, filled with sample names, matches a route whose template is that one.
    func testEveryTemplateRoundTripsThroughTheRouteMatcher() {
        for template in RouteTemplate.allCases where template != .unmatched {
            let path = template.rawValue
                .replacingOccurrences(of: "{queue_name}", with: "jobs")
                .replacingOccurrences(of: "{topic_name}", with: "news")
                .replacingOccurrences(of: "{message_id}", with: "0123456789abcdef0123456789abcdef")
                .replacingOccurrences(of: "{claim_id}", with: "fedcba9876543210fedcba9876543210")
                .replacingOccurrences(of: "{subscription_id}", with: "5b2d2e7a")
                .replacingOccurrences(of: "{pool_name}", with: "node1")
                .replacingOccurrences(of: "{flavor_name}", with: "gold")
            XCTAssertEqual(RouteTemplate(Route(path: path, adminMode: true)), template, path)
        }
    }

    func testTemplatesNeverCarryNamesFromThePath() {
        XCTAssertEqual(
            RouteTemplate(Route(path: "/v2/queues/orders-42/messages/abc", adminMode: false)).rawValue,
            "/v2/queues/{queue_name}/messages/{message_id}")
        XCTAssertEqual(
            RouteTemplate(Route(path: "/v2/topics/news/subscriptions/s1/confirm", adminMode: false)).rawValue,
            "/v2/topics/{topic_name}/subscriptions/{subscription_id}/confirm")
    }

    func testUnknownPathsAndAdminPathsOutsideAdminModeAreUnmatched() {
        for path in ["/metrics", "/v2/nope", "/v2/queues/jobs/messages/id/extra", "/v2/queues/", "/v1/queues"] {
            XCTAssertEqual(RouteTemplate(Route(path: path, adminMode: true)), .unmatched, path)
        }
        XCTAssertEqual(RouteTemplate(Route(path: "/v2/pools", adminMode: false)), .unmatched)
        XCTAssertEqual(RouteTemplate(Route(path: "/v2/pools", adminMode: true)), .pools)
        XCTAssertEqual(RouteTemplate.unmatched.rawValue, "unmatched")
    }

    func testUnknownMethodsShareOneLabel() {
        XCTAssertEqual(MetricMethod("GET"), .get)
        XCTAssertEqual(MetricMethod("DELETE"), .delete)
        XCTAssertEqual(MetricMethod("BREW"), .other)
        XCTAssertEqual(MetricMethod("get"), .other, "methods are case-sensitive")
    }

    func testRequestsAreCountedPerMethodRouteAndStatus() {
        let registry = PrometheusCollectorRegistry()
        let metrics = RouterMetrics(factory: PrometheusMetricsFactory(registry: registry))
        for status in [201, 201, 400] {
            metrics.requestStarted()
            metrics.requestFinished(method: .post, route: .messages, status: status, elapsed: .milliseconds(3))
        }
        metrics.requestStarted()
        metrics.cacheHits.increment()
        metrics.cacheMisses.increment(by: 2)
        metrics.rpcFailureObserver(pool: "node1")(.timeout)

        let lines = Set(registry.emitToString().split(separator: "\n").map(String.init))
        let route = #"route="/v2/queues/{queue_name}/messages""#
        XCTAssertTrue(lines.contains(#"herald_http_requests_total{method="POST",\#(route),status="201"} 2"#), "\(lines)")
        XCTAssertTrue(lines.contains(#"herald_http_requests_total{method="POST",\#(route),status="400"} 1"#))
        XCTAssertTrue(lines.contains(#"herald_http_request_duration_seconds_count{method="POST",\#(route)} 3"#))
        XCTAssertTrue(lines.contains("herald_http_requests_in_flight 1.0") || lines.contains("herald_http_requests_in_flight 1"))
        XCTAssertTrue(lines.contains(#"herald_catalog_cache_lookups_total{result="hit"} 1"#))
        XCTAssertTrue(lines.contains(#"herald_catalog_cache_lookups_total{result="miss"} 2"#))
        XCTAssertTrue(lines.contains(#"herald_rpc_errors_total{pool="node1",kind="timeout"} 1"#))
        XCTAssertTrue(lines.contains(#"herald_rpc_errors_total{pool="node1",kind="unavailable"} 0"#))
    }
}
