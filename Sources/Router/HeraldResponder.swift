import HTTPTypes
import Hummingbird
import Logging
import Shared

/// The single Hummingbird responder of the API: runs the request processing order of spec §1.2,
/// routes on exact path segments and turns every failure into the JSON error document.
struct HeraldResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let api: HeraldAPI

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        var response: Response
        do {
            response = try await process(request)
        } catch {
            let failure = APIError(error)
            if failure.status == .serviceUnavailable {
                context.logger.warning("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            }
            response = Responses.error(failure)
        }
        response.headers[.requestID] = RequestIdentifier.make()
        return response
    }

    private func process(_ request: Request) async throws -> Response {
        let path = request.uri.path
        guard let route = Route(path: path, adminMode: api.configuration.adminMode) else { throw APIError.routeNotFound }
        try RequestChecks.checkContentType(request)
        try RequestChecks.checkAccept(request)
        if route == .root {
            return try dispatchMethod(request, route: route) { HeraldAPI.versions() }
        }
        let clientID = try RequestChecks.clientID(request, mode: api.configuration.clientIDMode)
        let project = try RequestChecks.projectID(request)
        if let (kind, name) = route.resource {
            try RequestChecks.checkIdentification(kind, project: project, name: name)
        }
        let apiRequest = APIRequest(
            request: request, path: path, query: QueryParameters(request.uri.query), project: project,
            clientID: clientID, kind: route.isTopic ? .topic : .queue)
        if request.method == .options {
            return Responses.empty(.ok, headers: [.allow: route.allowHeader])
        }
        guard route.methods.contains(request.method) else { throw APIError.methodNotAllowed(route.allowHeader) }
        return try await api.handle(route, apiRequest)
    }

    private func dispatchMethod(_ request: Request, route: Route, _ get: () -> Response) throws -> Response {
        if request.method == .options { return Responses.empty(.ok, headers: [.allow: route.allowHeader]) }
        guard route.methods.contains(request.method) else { throw APIError.methodNotAllowed(route.allowHeader) }
        return get()
    }
}
