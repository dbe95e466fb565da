import HTTPTypes
import Hummingbird

/// The session cookie the login form sets: the token secret itself, HttpOnly (no script reads it),
/// SameSite=Strict (no other site's page sends it), Secure behind HTTPS, for the browser session only.
/// Every request checks the token again, so revoking it ends the session.
enum DashboardSession {
    static func cookie(secret: String, _ request: Request) -> Cookie {
        Cookie(name: DashboardCaller.cookieName, value: secret, path: "/", secure: isHTTPS(request), httpOnly: true, sameSite: .strict)
    }

    /// The same cookie, expired.
    static func clearing(_ request: Request) -> Cookie {
        Cookie(name: DashboardCaller.cookieName, value: "", maxAge: 0, path: "/", secure: isHTTPS(request), httpOnly: true, sameSite: .strict)
    }

    /// Whether the browser reached us over HTTPS (directly or through a proxy that says so).
    static func isHTTPS(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}
