import HTTPTypes
import Hummingbird
import NIOCore

/// The checks every form posted to one of rekap's pages (login, set-password, the report form and
/// its workbook upload) passes before a field of it is read, in this order:
///
/// 1. the same origin: a page of another site cannot post it (``DashboardSession/isSameOrigin(_:)``);
/// 2. a body of at most `limit` bytes: refused by its `Content-Length` before anything is read, else
///    while reading, so an oversized body is never held;
/// 3. what the route itself checks of the request before reading it (the upload's media type).
///
/// Each refusal is answered by the route's own page (``Refusal``), so a person reads it where they
/// posted. The anti-forgery token is checked afterwards by the route, from the fields: the login forms
/// carry a cookie's token, the report forms the session's.
enum PostedForm {
    /// Why a posted form is refused before its fields are read.
    enum Refusal: Sendable, Hashable {
        /// `Origin` names another site.
        case otherSite
        /// The body is longer than the limit.
        case tooLarge
    }

    /// Runs `body` with the posted body once the checks pass; otherwise answers `refuse`'s page (or
    /// `precheck`'s answer), and nothing of the body is used.
    ///
    /// - Parameters:
    ///   - limit: the most bytes the form may have.
    ///   - precheck: the route's own check of the request before its body is read; nil lets it through.
    ///   - refuse: the route's answer to a ``Refusal``.
    static func withBody(
        _ request: Request, limit: Int, precheck: (Request) -> Response? = { _ in nil },
        refuse: (Refusal) -> Response, _ body: (ByteBuffer) async throws -> Response
    ) async throws -> Response {
        guard DashboardSession.isSameOrigin(request) else { return refuse(.otherSite) }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { return refuse(.tooLarge) }
        if let answer = precheck(request) { return answer }
        var request = request
        let bytes: ByteBuffer
        do {
            bytes = try await request.collectBody(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return refuse(.tooLarge)
        }
        return try await body(bytes)
    }
}
