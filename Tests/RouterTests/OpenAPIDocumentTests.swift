import Foundation
import HTTPTypes
@testable import Router
import XCTest
import Yams

/// Keeps `docs/openapi.yaml` honest: it documents exactly the (method, path) pairs the router
/// serves, each operation has a success answer and the headers every request needs, and every
/// `$ref` resolves. The router's side comes from its route table (``Route``) and from asking a
/// running test router (405 answers list the served methods in `Allow`).
final class OpenAPIDocumentTests: XCTestCase {
    /// The methods an OpenAPI path item may document (OPTIONS is served on every path and not documented).
    static let documentableMethods = ["get", "put", "post", "patch", "delete", "head"]

    // MARK: The route table

    func testDocumentedOperationsAreExactlyTheRoutedOnes() throws {
        let document = try OpenAPIDocument.load()
        let documented = document.operations
        var served: Set<String> = []
        for path in Self.candidatePaths(vocabulary: document.literalSegments) {
            guard let route = Route(path: path, adminMode: true) else { continue }
            for method in route.methods {
                served.insert("\(method.rawValue) \(Self.template(of: route))")
            }
        }
        let documentedPairs = Set(documented.map { "\($0.method.uppercased()) \($0.path)" })
        XCTAssertEqual(
            documentedPairs.subtracting(served).sorted(), [], "documented, but the router does not serve them")
        XCTAssertEqual(
            served.subtracting(documentedPairs).sorted(), [], "served by the router, but not documented")
    }

    func testEveryDocumentedPathParsesToTheRouteItNames() throws {
        let document = try OpenAPIDocument.load()
        for path in document.paths {
            let concrete = Self.instantiate(path)
            guard let route = Route(path: concrete, adminMode: true) else {
                XCTFail("\(path) (as \(concrete)) is not routed")
                continue
            }
            XCTAssertEqual(Self.template(of: route), path, "\(concrete) routes to \(route)")
        }
    }

    /// Asks a running router: every documented operation is routed (neither 405 nor the unknown
    /// path 404), and a method the document leaves out of a path is answered 405 with an `Allow`
    /// listing exactly the documented methods.
    func testRunningRouterServesExactlyTheDocumentedMethods() async throws {
        let document = try OpenAPIDocument.load()
        let methodsByPath = Dictionary(grouping: document.operations, by: \.path)
            .mapValues { Set($0.map { $0.method.uppercased() }) }
        try await RouterHarness.run(configuration: RouterConfiguration(adminMode: true)) { tester in
            for (path, documentedMethods) in methodsByPath.sorted(by: { $0.key < $1.key }) {
                let uri = Self.instantiate(path)
                for name in documentedMethods.sorted() {
                    let method = HTTPRequest.Method(name)!
                    let reply = try await tester.send(method, uri, headers: RouterHarness.admin)
                    XCTAssertNotEqual(reply.status, .methodNotAllowed, "\(method) \(path)")
                    XCTAssertFalse(
                        reply.status == .notFound && reply.title == APIError.routeNotFound.title,
                        "\(method) \(path) is not routed")
                }
                let allowed = documentedMethods.union(["OPTIONS"])
                guard let missing = ["GET", "PUT", "POST", "PATCH", "DELETE", "HEAD"].first(where: { !documentedMethods.contains($0) })
                else { continue }
                let reply = try await tester.send(HTTPRequest.Method(missing)!, uri, headers: RouterHarness.admin)
                XCTAssertEqual(reply.status, .methodNotAllowed, "\(missing) \(path) is not documented")
                let allow = Set((reply.headers[.allow] ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
                XCTAssertEqual(allow, allowed, "Allow of \(path)")
            }
        }
    }

    // MARK: Document consistency

    func testEveryOperationHasASuccessResponse() throws {
        for operation in try OpenAPIDocument.load().operations {
            let successes = operation.responses.keys.filter { $0.count == 3 && ($0.first == "2" || $0.first == "3") }
            XCTAssertFalse(successes.isEmpty, "\(operation.method) \(operation.path) documents no 2xx/3xx answer")
            if operation.path != "/" {
                XCTAssertTrue(
                    operation.responses.keys.contains { $0.hasPrefix("2") },
                    "\(operation.method) \(operation.path) documents no 2xx answer")
            }
        }
    }

    func testEveryV2OperationDocumentsTheRequiredHeaders() throws {
        let document = try OpenAPIDocument.load()
        for operation in document.operations where operation.path.hasPrefix("/v2") {
            let names = Set(try operation.parameters(in: document).compactMap { parameter -> String? in
                guard parameter["in"] as? String == "header", parameter["required"] as? Bool == true else { return nil }
                return parameter["name"] as? String
            })
            XCTAssertTrue(names.contains("Client-ID"), "\(operation.method) \(operation.path) lacks Client-ID")
            XCTAssertTrue(names.contains("X-Project-ID"), "\(operation.method) \(operation.path) lacks X-Project-ID")
        }
    }

    func testEveryReferenceResolves() throws {
        let document = try OpenAPIDocument.load()
        let references = OpenAPIDocument.references(in: document.root)
        XCTAssertGreaterThan(references.count, 100)
        for reference in Set(references).sorted() {
            XCTAssertNotNil(document.resolve(reference), "\(reference) does not resolve")
        }
    }

    func testReferenceCheckerNoticesADanglingReference() throws {
        let document = try OpenAPIDocument(yaml: """
            openapi: 3.1.0
            paths: {}
            components:
              schemas:
                A: {$ref: "#/components/schemas/B"}
            """)
        XCTAssertEqual(OpenAPIDocument.references(in: document.root), ["#/components/schemas/B"])
        XCTAssertNil(document.resolve("#/components/schemas/B"))
    }

    // MARK: Helpers

    /// The documented path template of a route, e.g. `/v2/queues/{queue_name}/stats`. There is no
    /// `default`: a new route case does not compile until it is named here.
    static func template(of route: Route) -> String {
        switch route {
        case .root: return "/"
        case .home: return "/v2/"
        case .ping: return "/v2/ping"
        case .health: return "/v2/health"
        case .diagnostics: return "/v2/diagnostics"
        case .queues: return "/v2/queues"
        case .queue: return "/v2/queues/{queue_name}"
        case .queueStats: return "/v2/queues/{queue_name}/stats"
        case .queuePurge: return "/v2/queues/{queue_name}/purge"
        case .queueShare: return "/v2/queues/{queue_name}/share"
        case .messages: return "/v2/queues/{queue_name}/messages"
        case .message: return "/v2/queues/{queue_name}/messages/{message_id}"
        case .claims: return "/v2/queues/{queue_name}/claims"
        case .claim: return "/v2/queues/{queue_name}/claims/{claim_id}"
        case .topics: return "/v2/topics"
        case .topic: return "/v2/topics/{topic_name}"
        case .topicStats: return "/v2/topics/{topic_name}/stats"
        case .topicPurge: return "/v2/topics/{topic_name}/purge"
        case .topicMessages: return "/v2/topics/{topic_name}/messages"
        case .topicMessage: return "/v2/topics/{topic_name}/messages/{message_id}"
        case .subscriptions(let kind, _): return collection(kind) + "/subscriptions"
        case .subscription(let kind, _, _): return collection(kind) + "/subscriptions/{subscription_id}"
        case .subscriptionConfirm(let kind, _, _): return collection(kind) + "/subscriptions/{subscription_id}/confirm"
        case .pools: return "/v2/pools"
        case .pool: return "/v2/pools/{pool_name}"
        case .poolDrain: return "/v2/pools/{pool_name}/drain"
        case .flavors: return "/v2/flavors"
        case .flavor: return "/v2/flavors/{flavor_name}"
        case .queuePool: return "/v2/queues/{queue_name}/pool"
        // The operator page is HTML for browsers, outside the API (and its document); the
        // candidate paths stay under `/v2/`, so these two are never asked for.
        case .operatorPage: return "/operator"
        case .operatorView: return "/operator/view"
        }
    }

    private static func collection(_ kind: ResourceKind) -> String {
        kind == .queue ? "/v2/queues/{queue_name}" : "/v2/topics/{topic_name}"
    }

    /// `/`, `/v2/` and every path of one to five segments under `/v2/` whose odd segments are
    /// words of `vocabulary` and whose even segments are the placeholder name `x`.
    static func candidatePaths(vocabulary: Set<String>) -> [String] {
        let words = vocabulary.union(["queues", "topics", "pools", "flavors", "health", "diagnostics", "ping"]).sorted()
        var paths = ["/", "/v2/"]
        var prefixes: [[String]] = [[]]
        for position in 1...5 {
            let choices = position.isMultiple(of: 2) ? ["x"] : words
            prefixes = prefixes.flatMap { prefix in choices.map { prefix + [$0] } }
            paths += prefixes.map { "/v2/" + $0.joined(separator: "/") }
        }
        return paths
    }

    /// A documented path with every `{parameter}` replaced by `x`.
    static func instantiate(_ template: String) -> String {
        template.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("{") && $0.hasSuffix("}") ? "x" : String($0) }
            .joined(separator: "/")
    }
}

/// The parts of an OpenAPI document the tests read, loaded with Yams.
struct OpenAPIDocument {
    struct Operation {
        var path: String
        var method: String
        var object: [String: Any]
        var pathItem: [String: Any]

        var responses: [String: Any] { object["responses"] as? [String: Any] ?? [:] }

        /// The operation's and the path item's parameters, references resolved.
        func parameters(in document: OpenAPIDocument) throws -> [[String: Any]] {
            let raw = (pathItem["parameters"] as? [Any] ?? []) + (object["parameters"] as? [Any] ?? [])
            return try raw.map { item in
                guard let parameter = item as? [String: Any] else { throw DocumentError.malformed("parameter of \(path)") }
                if let reference = parameter["$ref"] as? String {
                    guard let resolved = document.resolve(reference) as? [String: Any] else {
                        throw DocumentError.malformed("unresolvable \(reference)")
                    }
                    return resolved
                }
                return parameter
            }
        }
    }

    enum DocumentError: Error { case malformed(String) }

    let root: [String: Any]

    /// `docs/openapi.yaml` of this repository.
    static func load() throws -> OpenAPIDocument {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/openapi.yaml")
        return try OpenAPIDocument(yaml: String(contentsOf: url, encoding: .utf8))
    }

    init(yaml: String) throws {
        guard let root = try Yams.load(yaml: yaml) as? [String: Any] else { throw DocumentError.malformed("not a mapping") }
        self.root = root
    }

    var pathItems: [String: [String: Any]] {
        (root["paths"] as? [String: Any] ?? [:]).compactMapValues { $0 as? [String: Any] }
    }

    var paths: [String] { pathItems.keys.sorted() }

    var operations: [Operation] {
        pathItems.flatMap { path, item in
            OpenAPIDocumentTests.documentableMethods.compactMap { method in
                (item[method] as? [String: Any]).map { Operation(path: path, method: method, object: $0, pathItem: item) }
            }
        }
    }

    /// The fixed words of the documented paths (`queues`, `stats`, ...).
    var literalSegments: Set<String> {
        Set(paths.flatMap { $0.split(separator: "/").map(String.init) }.filter { !$0.hasPrefix("{") })
    }

    /// The value a local reference (`#/a/b`) points at, `nil` when it does not resolve.
    func resolve(_ reference: String) -> Any? {
        guard reference.hasPrefix("#/") else { return nil }
        var current: Any = root
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let mapping = current as? [String: Any], let next = mapping[key] {
                current = next
            } else if let list = current as? [Any], let index = Int(key), list.indices.contains(index) {
                current = list[index]
            } else {
                return nil
            }
        }
        return current
    }

    /// Every `$ref` value anywhere below `node`.
    static func references(in node: Any) -> [String] {
        if let mapping = node as? [String: Any] {
            return mapping.flatMap { key, value -> [String] in
                if key == "$ref", let reference = value as? String { return [reference] }
                return references(in: value)
            }
        }
        if let list = node as? [Any] { return list.flatMap { references(in: $0) } }
        return []
    }
}
