import HTTPTypes
import XCTest

@testable import Router

/// Every (route, method) the router serves has a policy action with Zaqar's name.
final class PolicyActionTests: XCTestCase {
    /// One path per `Route` case (admin mode on, so every case is reachable).
    private static let samplePaths = [
        "/", "/v2/", "/v2/ping", "/v2/health", "/v2/diagnostics", "/v2/queues", "/v2/queues/q", "/v2/queues/q/stats",
        "/v2/queues/q/purge", "/v2/queues/q/share", "/v2/queues/q/messages", "/v2/queues/q/messages/m",
        "/v2/queues/q/claims", "/v2/queues/q/claims/c", "/v2/topics", "/v2/topics/t", "/v2/topics/t/stats",
        "/v2/topics/t/purge", "/v2/topics/t/messages", "/v2/topics/t/messages/m", "/v2/queues/q/subscriptions",
        "/v2/queues/q/subscriptions/s", "/v2/queues/q/subscriptions/s/confirm", "/v2/topics/t/subscriptions",
        "/v2/topics/t/subscriptions/s", "/v2/topics/t/subscriptions/s/confirm", "/v2/pools", "/v2/pools/p",
        "/v2/flavors", "/v2/flavors/f", "/v2/queues/q/pool", "/v2/pools/p/drain", "/operator", "/operator/view",
    ]

    /// The case of a route. The switch is exhaustive: a new `Route` case does not compile here
    /// until it is named, and then `testSamplesCoverEveryRouteCase` asks for a sample path.
    private static func caseName(_ route: Route) -> String {
        switch route {
        case .root: return "root"
        case .home: return "home"
        case .ping: return "ping"
        case .health: return "health"
        case .diagnostics: return "diagnostics"
        case .queues: return "queues"
        case .queue: return "queue"
        case .queueStats: return "queueStats"
        case .queuePurge: return "queuePurge"
        case .queueShare: return "queueShare"
        case .messages: return "messages"
        case .message: return "message"
        case .claims: return "claims"
        case .claim: return "claim"
        case .topics: return "topics"
        case .topic: return "topic"
        case .topicStats: return "topicStats"
        case .topicPurge: return "topicPurge"
        case .topicMessages: return "topicMessages"
        case .topicMessage: return "topicMessage"
        case .subscriptions: return "subscriptions"
        case .subscription: return "subscription"
        case .subscriptionConfirm: return "subscriptionConfirm"
        case .pools: return "pools"
        case .pool: return "pool"
        case .flavors: return "flavors"
        case .flavor: return "flavor"
        case .queuePool: return "queuePool"
        case .poolDrain: return "poolDrain"
        case .operatorPage: return "operatorPage"
        case .operatorView: return "operatorView"
        }
    }

    private static let routeCaseCount = 31

    private var routes: [Route] { Self.samplePaths.compactMap { Route(path: $0, adminMode: true) } }

    func testSamplesCoverEveryRouteCase() {
        XCTAssertEqual(routes.count, Self.samplePaths.count, "every sample path routes")
        XCTAssertEqual(Set(routes.map(Self.caseName)).count, Self.routeCaseCount)
    }

    func testEveryServedMethodIsMapped() {
        var used: Set<PolicyAction> = []
        for route in routes where route != .root && route != .operatorPage {
            for method in route.methods {
                guard let action = PolicyAction(route, method: method) else {
                    XCTFail("\(method) \(route) has no policy action")
                    continue
                }
                used.insert(action)
            }
            XCTAssertNil(PolicyAction(route, method: .options), "OPTIONS is not authorized: \(route)")
            for method in [HTTPRequest.Method.get, .put, .patch, .delete, .post] where !route.methods.contains(method) {
                XCTAssertNil(PolicyAction(route, method: method), "\(method) is not served on \(route)")
            }
        }
        XCTAssertEqual(used, Set(PolicyAction.allCases), "every action names a served method")
        for method in [HTTPRequest.Method.get, .head, .options] {
            XCTAssertNil(PolicyAction(.root, method: method), "version discovery needs no credentials")
            XCTAssertNil(PolicyAction(.operatorPage, method: method), "the operator page shell holds no data")
        }
    }

    func testNamesFollowTheSpec() {
        let expected: [(String, HTTPRequest.Method, String)] = [
            ("/v2/", .get, "home:get"),
            ("/v2/ping", .get, "ping:get"),
            ("/v2/ping", .head, "ping:get"),
            ("/v2/health", .get, "health:get"),
            ("/v2/diagnostics", .get, "diagnostics:get"),
            ("/v2/queues", .get, "queues:get_all"),
            ("/v2/queues/q", .put, "queues:create"),
            ("/v2/queues/q", .get, "queues:get"),
            ("/v2/queues/q", .patch, "queues:update"),
            ("/v2/queues/q", .delete, "queues:delete"),
            ("/v2/queues/q/stats", .get, "queues:stats"),
            ("/v2/queues/q/share", .post, "queues:share"),
            ("/v2/queues/q/purge", .post, "queues:purge"),
            ("/v2/queues/q/pool", .get, "queues:get_pool"),
            ("/v2/queues/q/pool", .put, "queues:move"),
            ("/v2/pools/p/drain", .post, "pools:drain"),
            ("/v2/queues/q/messages", .get, "messages:get_all"),
            ("/v2/queues/q/messages", .post, "messages:create"),
            ("/v2/queues/q/messages", .delete, "messages:delete_all"),
            ("/v2/queues/q/messages/m", .get, "messages:get"),
            ("/v2/queues/q/messages/m", .delete, "messages:delete"),
            ("/v2/topics/t/messages", .post, "messages:create"),
            ("/v2/topics/t/messages/m", .delete, "messages:delete"),
            ("/v2/queues/q/claims", .post, "claims:create"),
            ("/v2/queues/q/claims/c", .get, "claims:get"),
            ("/v2/queues/q/claims/c", .patch, "claims:update"),
            ("/v2/queues/q/claims/c", .delete, "claims:delete"),
            ("/v2/queues/q/subscriptions", .get, "subscription:get_all"),
            ("/v2/queues/q/subscriptions", .post, "subscription:create"),
            ("/v2/queues/q/subscriptions/s", .get, "subscription:get"),
            ("/v2/queues/q/subscriptions/s", .patch, "subscription:update"),
            ("/v2/queues/q/subscriptions/s", .delete, "subscription:delete"),
            ("/v2/queues/q/subscriptions/s/confirm", .put, "subscription:confirm"),
            ("/v2/topics/t/subscriptions/s/confirm", .put, "subscription:confirm"),
            ("/v2/topics", .get, "topics:get_all"),
            ("/v2/topics/t", .put, "topics:create"),
            ("/v2/topics/t", .get, "topics:get"),
            ("/v2/topics/t", .patch, "topics:update"),
            ("/v2/topics/t", .delete, "topics:delete"),
            ("/v2/topics/t/stats", .get, "topics:stats"),
            ("/v2/topics/t/purge", .post, "topics:purge"),
            ("/v2/pools", .get, "pools:get_all"),
            ("/v2/pools/p", .put, "pools:create"),
            ("/v2/pools/p", .get, "pools:get"),
            ("/v2/pools/p", .patch, "pools:update"),
            ("/v2/pools/p", .delete, "pools:delete"),
            ("/v2/flavors", .get, "flavors:get_all"),
            ("/v2/flavors/f", .put, "flavors:create"),
            ("/v2/flavors/f", .get, "flavors:get"),
            ("/v2/flavors/f", .patch, "flavors:update"),
            ("/v2/flavors/f", .delete, "flavors:delete"),
            ("/operator/view", .get, "operator:get"),
        ]
        for (path, method, name) in expected {
            guard let route = Route(path: path, adminMode: true) else {
                XCTFail("\(path) does not route")
                continue
            }
            XCTAssertEqual(PolicyAction(route, method: method)?.name, name, "\(method) \(path)")
        }
    }
}
