import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import RekapReport
import RekapStore

/// The one place that gives HTML answers their protective headers, whatever route wrote them (the
/// dashboard, its login and error pages, `/v1/reports/...?format=html`): a Content-Security-Policy
/// that lets a page load nothing from elsewhere and run no script but the dashboard's own, and
/// `Referrer-Policy: same-origin` (no address of rekap leaves for another site; same-origin form posts
/// still name their `Origin`, which the login form checks: under `no-referrer` browsers send
/// `Origin: null`). Every answer gets `X-Content-Type-Options: nosniff`, so no browser
/// reads a CSV or JSON answer as HTML.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = RekapRequestContext

    /// Inline styles, the dashboard's own inline script (by its SHA-256, so an injected inline script
    /// could not run even if some text escaped its escaping) and scripts served by rekapd itself (the
    /// forms' `/forms/form.js`); requests back to this server only.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src '\(scriptHash)' 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// `sha256-<base64>` of `DashboardRenderer.script`, as CSP spells a hash source.
    static let scriptHash: String = {
        "sha256-" + Data(SHA256.hash(data: Array(DashboardRenderer.script.utf8))).base64EncodedString()
    }()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.protect(&response.headers)
        return response
    }

    /// Adds the headers to an answer's `headers` (HTML or not, as its `Content-Type` says).
    static func protect(_ headers: inout HTTPFields) {
        headers[.xContentTypeOptions] = "nosniff"
        guard headers[.contentType]?.lowercased().hasPrefix("text/html") == true else { return }
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
    }
}
