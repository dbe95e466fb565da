import Foundation

/// What a test needs to post the login form (a person's login and password) as a browser does: the
/// form's anti-forgery token (its hidden `csrf` field, equal to the `rekap_login` cookie GET /login
/// sets) and the cookies of a `Set-Cookie` answer.
public enum LoginForm {
    /// The value of the form's hidden `csrf` field in `page`.
    public static func csrfToken(in page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The value `setCookie` (one or several `Set-Cookie` fields, as URLSession joins them) gives
    /// cookie `name`, or nil when it sets none.
    public static func cookie(_ name: String, in setCookie: String?) -> String? {
        guard let setCookie, let range = setCookie.range(of: name + "=") else { return nil }
        // Where it starts: the beginning, or after the ", " joining two fields.
        if range.lowerBound != setCookie.startIndex,
           !setCookie[..<range.lowerBound].hasSuffix(", ") { return nil }
        return String(setCookie[range.upperBound...].prefix { $0 != ";" && $0 != "," })
    }

    /// The login form's body for `login` and `password` with its anti-forgery token.
    public static func body(login: String, password: String, csrf: String) -> String {
        "csrf=\(encoded(csrf))&login=\(encoded(login))&password=\(encoded(password))"
    }

    /// The login form's body for `account`.
    public static func body(_ account: TestAccount, csrf: String) -> String {
        body(login: account.login, password: account.password, csrf: csrf)
    }

    /// `text` as a form field value (`application/x-www-form-urlencoded`).
    public static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
