import HTTPTypes
import Hummingbird
import Logging
import Shared

/// The single Hummingbird responder of the API: routes on exact path segments, runs the request
/// processing order of spec §1.2 (pre-signed URL verification first, see ``SignedRequestVerifier``)
/// and turns every failure into the JSON error document — except refused signatures, which
/// answer a bare 404 without body, as the reference does. Before routing, oversized request
/// targets and headers are refused (414/431) and CORS preflights answered; the project's rate
/// limit applies once the project is known, `EXTRA-SPEC` is checked after the name checks, and
/// answers to allowed origins carry the CORS headers.
struct HeraldResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let api: HeraldAPI

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        // The id names the request in this router's logs and, carried over the RPC, in the nodes'.
        let requestID = RequestIdentifier.make()
        let started = ContinuousClock.now
        let metrics = api.configuration.metrics
        metrics.requestStarted()
        var matched: Route?
        var response: Response
        do {
            response = try await RequestTrace.$requestID.withValue(requestID) { try await process(request, matched: &matched) }
        } catch let rejection as SignedRequestRejection {
            context.logger.debug("pre-signed request refused", metadata: [
                "reason": "\(rejection)", "path": "\(request.uri.path)", "request_id": "\(requestID)",
            ])
            response = Responses.empty(.notFound)
        } catch {
            let failure = APIError(error)
            if failure.status.code >= 500 {
                context.logger.warning("request failed", metadata: [
                    "error": "\(error)", "path": "\(request.uri.path)", "status": "\(failure.status.code)",
                    "request_id": "\(requestID)",
                ])
            }
            response = Responses.error(failure)
        }
        response.headers[.requestID] = requestID
        if context.logger.logLevel <= .debug {
            context.logger.debug("http request", metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
                "request_id": "\(requestID)",
            ])
        }
        api.configuration.cors.decorate(&response, for: request)
        metrics.requestFinished(
            method: MetricMethod(request.method.rawValue), route: RouteTemplate(matched), status: response.status.code,
            elapsed: ContinuousClock.now - started)
        return response
    }

    /// Answers `request`; `matched` receives its route as soon as the path is matched (metrics
    /// label even failed requests with it).
    private func process(_ request: Request, matched: inout Route?) async throws -> Response {
        try RequestSizeLimits.check(request, limits: api.configuration.abuseLimits)
        let path = request.uri.path
        matched = Route(path: path, adminMode: api.configuration.adminMode)
        if let preflight = api.configuration.cors.preflightResponse(to: request) { return preflight }
        guard let route = matched else { throw APIError.routeNotFound }
        if route == .operatorPage {
            return try dispatchMethod(request, route: route) { api.operatorPage() }
        }
        let grant = try SignedRequestVerifier(signer: api.urlSigner).verify(
            headers: request.headers, method: request.method.rawValue, path: path, nowMillis: api.clock.nowMillis())
        let principal = try api.authenticator.authenticate(request, route: route, grant: grant)
        try RequestChecks.checkContentType(request)
        try RequestChecks.checkAccept(request)
        if route == .root {
            return try dispatchMethod(request, route: route) { HeraldAPI.versions() }
        }
        let clientID = try RequestChecks.clientID(request, mode: api.configuration.clientIDMode)
        let project = try RequestChecks.projectID(request, boundTo: principal?.project)
        try api.rateLimiter?.admit(project: project)
        if let (kind, name) = route.resource {
            try RequestChecks.checkIdentification(kind, project: project, name: name)
        }
        try ExtraSpecHeader.check(request.headers)
        let apiRequest = APIRequest(
            request: request, path: path, query: QueryParameters(request.uri.query), project: project,
            clientID: clientID, kind: route.isTopic ? .topic : .queue, signedGrant: grant, principal: principal)
        if request.method == .options {
            return Responses.empty(.ok, headers: [.allow: route.allowHeader])
        }
        guard route.methods.contains(request.method) else { throw APIError.methodNotAllowed(route.allowHeader) }
        if let principal { try api.authorizer.authorize(route, method: request.method, principal: principal, project: project) }
        return try await api.handleFollowingMoves(route, apiRequest)
    }

    private func dispatchMethod(_ request: Request, route: Route, _ get: () -> Response) throws -> Response {
        if request.method == .options { return Responses.empty(.ok, headers: [.allow: route.allowHeader]) }
        guard route.methods.contains(request.method) else { throw APIError.methodNotAllowed(route.allowHeader) }
        return get()
    }
}
