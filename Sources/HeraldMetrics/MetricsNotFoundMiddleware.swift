import Hummingbird
import NIOCore

/// Answers every request the `/metrics` listener does not serve (another path, or a method
/// other than GET) with a JSON error document instead of an empty body.
struct MetricsNotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let body = #"{"title": "Not Found", "description": "This listener serves GET \#(PrometheusExposition.path) only."}"#
            return Response(
                status: .notFound, headers: [.contentType: "application/json; charset=UTF-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
    }
}
