import RekapDomain

/// The paths of the dashboard's pages: the renderer links to them and the server routes them, so the
/// two cannot drift apart.
public enum DashboardRoutes {
    /// The dashboard page (`?year=Y&as_of=YYYY-MM-DD`).
    public static let home = "/"
    /// The dashboard's content alone (same query as ``home``), what the page's script swaps in.
    public static let fragment = "/fragment"
    /// Server-sent events: `consolidated` each time the city's aggregates are recomputed (`?city=CODE&year=Y`).
    public static let events = "/events"
    public static let login = "/login"
    public static let logout = "/logout"
    /// The page that sets a password with a one-time code (`rekap user create` / `reset`).
    public static let password = "/password"
    /// The login form's field holding the login.
    public static let loginField = "login"
    /// The login and set-password forms' field holding the (new) password.
    public static let passwordField = "password"
    /// The set-password form's field repeating the new password.
    public static let repeatField = "repeat"
    /// The set-password form's field holding the one-time code.
    public static let codeField = "code"
    /// The login form's hidden field holding its anti-forgery (CSRF) token, which must match the
    /// form's cookie when the form is posted.
    public static let csrfField = "csrf"

    /// Where a person lands after logging in: Bappeda on the dashboard, offices on their report forms.
    public static func landing(for role: AccessRole) -> String {
        switch role {
        case .kecamatan, .kelurahan: "/forms"
        case .bappeda, .revenue: home
        }
    }

    /// The query naming `year` and, when set, the PBB-P2 as-of day: "year=2023&as_of=2023-06-30".
    public static func query(year: Int, asOf: CalendarDate?) -> String {
        "year=\(year)" + (asOf.map { "&as_of=\($0)" } ?? "")
    }

    /// The event stream of `city` and `year`.
    public static func events(city: RegionCode, year: Int) -> String {
        "\(events)?city=\(city.text)&year=\(year)"
    }
}
