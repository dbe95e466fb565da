import Hummingbird
import Logging
import PostgresLibPQ

/// Turns every error of the routes into a JSON answer (``APIError``), so the access log and metrics
/// see its status and no client ever gets an empty 500:
/// - ``APIError``: as it is;
/// - other `HTTPResponseError`s (Hummingbird's 404 for an unknown path, 413, 400...): same status, JSON body;
/// - no free connection in the pool within its wait: 503 with `Retry-After`;
/// - a database that cannot be reached: 503; anything else: 500, with the error logged (not sent).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = RekapRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.body()
        } catch let error as any HTTPResponseError {
            return Self.translate(error, request).body()
        } catch let error as PGError where error.kind == .poolTimeout {
            // Every pooled connection is in use: the server is busy, not broken.
            logger.warning("no database connection free", metadata: ["route": "\(RouteName.of(context))"])
            return APIError.busy().body()
        } catch let error as PGError where error.kind == .connection {
            logger.error("database unreachable", metadata: ["route": "\(RouteName.of(context))", "error": "\(error.message)"])
            return APIError.unavailable("the database cannot be reached; try again later").body()
        } catch {
            logger.error("request failed", metadata: ["route": "\(RouteName.of(context))", "error": "\(error)"])
            return APIError.internalError("the request failed; the server log says why").body()
        }
    }

    private static func translate(_ error: any HTTPResponseError, _ request: Request) -> APIError {
        switch error.status {
        // The router found no route: said apart from a route's own 404 (a missing submission).
        case .notFound: APIError(.notFound, code: "no_route", "there is no \(request.method.rawValue) \(request.uri.path) in this API")
        case .methodNotAllowed: APIError(.methodNotAllowed, code: "method_not_allowed", "this method is not allowed here")
        case .contentTooLarge: APIError(.contentTooLarge, code: "too_large", "the request body is too large")
        default: APIError(error.status, code: "http_\(error.status.code)", error.status.reasonPhrase)
        }
    }
}
