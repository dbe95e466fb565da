import HTTPTypes
import Hummingbird
import RekapDomain

/// The language a page is answered in (``RekapDomain/Language``): the switch in the address
/// (`?lang=en`), else the cookie the switch set, else the browser's `Accept-Language`; Bahasa
/// Indonesia when none says otherwise. Every HTML page of rekapd asks here.
enum RequestLanguage {
    /// The request's language.
    static func of(_ request: Request) -> Language {
        Language.resolve(query: request.uri.queryParameters[Substring(Language.queryParameter)].map(String.init),
                         cookie: request.cookies[Language.cookieName]?.value,
                         acceptLanguage: request.headers[.acceptLanguage])
    }

    /// The cookie that remembers a switch made in this request's address (a year), or nil when the
    /// address names no language. Not HttpOnly-sensitive (it holds "id" or "en"), but kept HttpOnly
    /// and SameSite=Lax like every rekap cookie.
    static func rememberedChoice(_ request: Request) -> Cookie? {
        guard let value = request.uri.queryParameters[Substring(Language.queryParameter)], let language = Language(rawValue: String(value)) else { return nil }
        return Cookie(name: Language.cookieName, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                      secure: DashboardSession.isHTTPS(request), httpOnly: true, sameSite: .lax)
    }

    /// `headers` with the remembered-choice cookie added when the address switched language.
    static func remembering(_ request: Request, in headers: HTTPFields = [:]) -> HTTPFields {
        var headers = headers
        if let cookie = rememberedChoice(request) { headers.append(HTTPField(name: .setCookie, value: cookie.description)) }
        return headers
    }
}
