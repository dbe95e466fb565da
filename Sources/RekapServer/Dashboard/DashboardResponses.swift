import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RekapDomain
import RekapReport
import RekapStore

/// The dashboard's HTTP answers: HTML that is never cached (and, by ``SecurityHeadersMiddleware``,
/// may load nothing from elsewhere).
enum DashboardResponses {
    static func html(_ text: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // Content-Security-Policy and nosniff: SecurityHeadersMiddleware, for every HTML answer.
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303 See Other to `location` (after a form post, so reloading does not post again).
    static func redirect(to location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }

    /// An error as a small HTML page (browsers) or one line of text (scripts).
    static func error(_ status: HTTPResponse.Status, _ title: String, _ message: String, html: Bool,
                      headers extra: HTTPFields = [:], language: Language = .default) -> Response {
        guard !html else {
            return self.html(DashboardRenderer.errorPage(title: title, message: message, language: language), status: status, headers: extra)
        }
        var headers = extra
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
