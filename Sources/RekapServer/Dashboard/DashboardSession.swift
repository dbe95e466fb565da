import HTTPTypes
import Hummingbird
import RekapReport
import RekapStore

/// The dashboard's cookies and the checks that protect its forms.
///
/// - The session cookie holds a session secret (``RekapStore/WebSessionStore``), never a password or
///   token: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure
///   behind HTTPS, for the browser session only (the server ends it at logout, at its expiry, or with
///   its account or token).
/// - The login and set-password forms' anti-forgery cookie (double submit): the form carries the same
///   random value in a hidden field, which a page of another site can neither read nor set, so no other
///   site can log a browser in (into a session of the attacker's choosing).
/// - Forms posted from another origin (`Origin` naming another site) are refused.
enum DashboardSession {
    /// The session cookie.
    static let cookieName = "rekap_session"
    /// The login form's anti-forgery cookie; sent back to ``RekapReport/DashboardRoutes/login`` only.
    static let csrfCookieName = "rekap_login"
    /// What a login form's anti-forgery token starts with.
    static let csrfPrefix = "rekap_csrf_"

    static func cookie(secret: String, _ request: Request) -> Cookie {
        Cookie(name: cookieName, value: secret, path: "/", secure: isHTTPS(request), httpOnly: true, sameSite: .strict)
    }

    /// The session cookie, expired.
    static func clearing(_ request: Request) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: isHTTPS(request), httpOnly: true, sameSite: .strict)
    }

    /// A new anti-forgery token for the form posted to `path` (login, set password), and its cookie
    /// (an hour to fill the form in), sent back to that path only.
    static func newCSRF(_ request: Request, path: String = DashboardRoutes.login) -> (token: String, cookie: Cookie) {
        let token = TokenSecret.generate(prefix: csrfPrefix)
        return (token, Cookie(name: csrfCookieName, value: token, maxAge: 3600, path: path, secure: isHTTPS(request), httpOnly: true, sameSite: .strict))
    }

    /// The anti-forgery cookie of `path`, expired (after the form did its work).
    static func clearingCSRF(_ request: Request, path: String = DashboardRoutes.login) -> Cookie {
        Cookie(name: csrfCookieName, value: "", maxAge: 0, path: path, secure: isHTTPS(request), httpOnly: true, sameSite: .strict)
    }

    /// Whether a posted form's hidden anti-forgery field matches its cookie (compared in constant time).
    static func csrfMatches(field: String?, _ request: Request) -> Bool {
        guard let field, TokenSecret.isWellFormed(field, prefix: csrfPrefix),
              let cookie = request.cookies[csrfCookieName]?.value else { return false }
        return constantTimeEqual(field, cookie)
    }

    static func constantTimeEqual(_ x: String, _ y: String) -> Bool {
        let a = Array(x.utf8), b = Array(y.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// False when the request names an `Origin` other than this server (as the browser reached it:
    /// its `Host`, over HTTPS when the proxy says so). Browsers send `Origin` with every form post;
    /// a request without one (a script), or with the opaque `null` (a privacy setting, a sandboxed
    /// frame), is judged by the anti-forgery token alone.
    static func isSameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin], origin != "null" else { return true }
        guard let host = request.head.authority else { return false }
        return origin.lowercased() == ((isHTTPS(request) ? "https://" : "http://") + host).lowercased()
    }

    /// Whether the browser reached us over HTTPS (directly or through a proxy that says so).
    static func isHTTPS(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}
