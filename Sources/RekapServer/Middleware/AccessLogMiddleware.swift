import Foundation
import Hummingbird
import Logging

/// One log line per request, once its answer is written: method, route (the matched pattern, e.g.
/// `/v1/submissions/{id}`, never the raw path with its query), status, duration and the token id.
/// Never tokens, `Authorization` headers or bodies.
///
/// Outermost, so it also logs what the inner middleware answered (401, 404, 413, errors).
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = RekapRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // ErrorMiddleware turns every error into a response; this is only a safety net.
            log(request, context, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
            throw error
        }
        let status = response.status.code
        response.body = response.body.afterWriting {
            log(request, context, status: status, since: start)
        }
        return response
    }

    private func log(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)",
                "route": "\(RouteName.of(context))",
                "status": "\(status)",
                "duration_ms": "\(DurationText.milliseconds(elapsed))",
                "token_id": "\(context.tokenID.map(String.init) ?? "-")",
            ])
    }
}

/// The route a request matched, for logs and metrics: its pattern, or `unmatched` (a 404 for an
/// unknown path; the raw path would let anyone grow the metrics without bound).
enum RouteName {
    static func of(_ context: RekapRequestContext) -> String {
        // Hummingbird leaves no path, or a placeholder such as "NotFound", when no route matched.
        guard let path = context.endpointPath, path.hasPrefix("/") else { return "unmatched" }
        return path
    }
}

/// Durations as decimal text for logs.
enum DurationText {
    /// Milliseconds with 3 decimals, e.g. `12.345`.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let whole = micros / 1000, fraction = abs(micros % 1000)
        return "\(whole)." + String(repeating: "0", count: 3 - String(fraction).count) + String(fraction)
    }
}
