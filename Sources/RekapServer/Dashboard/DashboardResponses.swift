import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RekapReport
import RekapStore

/// The dashboard's HTTP answers: HTML that is never cached and may load nothing from elsewhere.
enum DashboardResponses {
    /// Inline styles, and the dashboard's own inline script only (by its SHA-256, so an injected
    /// script could not run even if some text escaped its escaping); requests back to this server only.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src '\(scriptHash)'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// `sha256-<base64>` of `DashboardRenderer.script`, as CSP spells a hash source.
    static let scriptHash: String = {
        "sha256-" + Data(SHA256.hash(data: Array(DashboardRenderer.script.utf8))).base64EncodedString()
    }()

    static func html(_ text: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
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
                      headers extra: HTTPFields = [:]) -> Response {
        guard !html else { return self.html(DashboardRenderer.errorPage(title: title, message: message), status: status, headers: extra) }
        var headers = extra
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
