import HTTPTypes
import Hummingbird

extension HTTPField.Name {
    static let origin = HTTPField.Name("Origin")!
    static let vary = HTTPField.Name("Vary")!
    static let accessControlRequestMethod = HTTPField.Name("Access-Control-Request-Method")!
    static let accessControlRequestHeaders = HTTPField.Name("Access-Control-Request-Headers")!
    static let accessControlAllowOrigin = HTTPField.Name("Access-Control-Allow-Origin")!
    static let accessControlAllowMethods = HTTPField.Name("Access-Control-Allow-Methods")!
    static let accessControlAllowHeaders = HTTPField.Name("Access-Control-Allow-Headers")!
    static let accessControlExposeHeaders = HTTPField.Name("Access-Control-Expose-Headers")!
    static let accessControlMaxAge = HTTPField.Name("Access-Control-Max-Age")!
}

extension CORSPolicy {
    /// True for a CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`.
    static func isPreflight(_ request: Request) -> Bool {
        request.method == .options && request.headers[.origin] != nil
            && request.headers[.accessControlRequestMethod] != nil
    }

    /// The answer to a preflight while CORS is on, before any header or credential check
    /// (browsers send neither on preflights): 200 with the `Access-Control-Allow-*` headers when
    /// the origin, the method and every requested header are allowed, else 200 without them,
    /// which makes the browser refuse the actual request. `nil` when CORS is off or `request`
    /// is no preflight.
    func preflightResponse(to request: Request) -> Response? {
        guard isEnabled, Self.isPreflight(request), let origin = request.headers[.origin] else { return nil }
        var headers: HTTPFields = [:]
        if allows(origin: origin), allowsPreflight(request) {
            addOriginHeaders(to: &headers, origin: origin)
            headers[.accessControlAllowMethods] = allowMethods.joined(separator: ", ")
            headers[.accessControlAllowHeaders] = allowHeaders.joined(separator: ", ")
            if maxAge > 0 { headers[.accessControlMaxAge] = String(maxAge) }
        }
        return Responses.empty(.ok, headers: headers)
    }

    /// Adds `Access-Control-Allow-Origin`, `Vary: Origin` and `Access-Control-Expose-Headers` to
    /// the answer of an actual request (errors included) from an allowed origin. Preflights are
    /// left as ``preflightResponse(to:)`` answered them.
    func decorate(_ response: inout Response, for request: Request) {
        guard isEnabled, !Self.isPreflight(request), let origin = request.headers[.origin], allows(origin: origin)
        else { return }
        guard response.headers[.accessControlAllowOrigin] == nil else { return }
        addOriginHeaders(to: &response.headers, origin: origin)
        response.headers[.accessControlExposeHeaders] = Self.exposedHeaders.joined(separator: ", ")
    }

    /// Whether the requested method and headers of a preflight are allowed.
    private func allowsPreflight(_ request: Request) -> Bool {
        guard let method = request.headers[.accessControlRequestMethod]?.trimmingASCIISpaces(),
            allowMethods.contains(where: { $0.uppercased() == method.uppercased() })
        else { return false }
        let allowed = Set(allowHeaders.map { $0.lowercased() })
        for value in request.headers[values: .accessControlRequestHeaders] {
            for name in value.split(separator: ",") {
                let header = String(name).trimmingASCIISpaces().lowercased()
                if !header.isEmpty, !allowed.contains(header) { return false }
            }
        }
        return true
    }

    private func addOriginHeaders(to headers: inout HTTPFields, origin: String) {
        if allowsAnyOrigin {
            headers[.accessControlAllowOrigin] = "*"
        } else {
            headers[.accessControlAllowOrigin] = origin
            if !headers[values: .vary].contains(where: { $0.lowercased().contains("origin") }) {
                headers.append(HTTPField(name: .vary, value: "Origin"))
            }
        }
    }
}
