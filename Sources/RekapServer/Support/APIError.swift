import HTTPTypes
import Hummingbird
import RekapDomain

/// An error answer of the API: a status and a JSON body `{"error": CODE, "message": TEXT, …}`, where
/// CODE is a stable word for programs and TEXT says what went wrong in plain words.
public struct APIError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    /// A stable word for programs, e.g. `unauthorized`, `forbidden`, `not_found`.
    public let code: String
    public let message: String
    /// More members of the body (e.g. the bad lines of a PBB feed).
    public let details: [JSONMember]
    public let headers: HTTPFields

    public init(_ status: HTTPResponse.Status, code: String, _ message: String, details: [JSONMember] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        body()
    }

    /// The answer as a response.
    func body() -> Response {
        .json(
            .object([JSONMember(key: "error", value: .string(code)), JSONMember(key: "message", value: .string(message))] + details),
            status: status, headers: headers)
    }

    // MARK: The common ones

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, code: "bad_request", message) }
    static func forbidden(_ message: String) -> APIError { APIError(.forbidden, code: "forbidden", message) }
    static func notFound(_ message: String) -> APIError { APIError(.notFound, code: "not_found", message) }
    static func unavailable(_ message: String) -> APIError { APIError(.serviceUnavailable, code: "unavailable", message) }
    static func internalError(_ message: String) -> APIError { APIError(.internalServerError, code: "internal_error", message) }

    /// 429 with `Retry-After` (whole seconds, at least 1).
    static func tooManyRequests(_ message: String, retryAfter: Duration) -> APIError {
        APIError(.tooManyRequests, code: "too_many_requests", message, headers: [.retryAfter: retryAfterText(retryAfter)])
    }

    /// 503 with `Retry-After`: every database connection is busy; a later request will find one.
    static func busy(retryAfter: Duration = .seconds(5)) -> APIError {
        APIError(.serviceUnavailable, code: "busy", "the server is busy (no database connection is free); try again shortly",
                 headers: [.retryAfter: retryAfterText(retryAfter)])
    }

    /// Whole seconds, rounded up, at least 1.
    static func retryAfterText(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(max(1, seconds + (attoseconds > 0 ? 1 : 0)))
    }

    /// 413 for a body over `limit` bytes.
    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "too_large", "the request body is larger than the limit of \(limit) bytes")
    }
}
