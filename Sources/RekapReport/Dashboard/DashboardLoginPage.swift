import RekapDomain

/// The dashboard's small pages (the login form and the error page) and the document all its pages share.
extension DashboardRenderer {
    /// The login form: one password field for the access token, posted to ``DashboardRoutes/login``.
    /// `message` (a failed attempt, a logout) is shown above it. `csrfToken` goes into the form's
    /// hidden ``DashboardRoutes/csrfField`` (the server sets the matching cookie).
    public static func loginPage(message: String? = nil, csrfToken: String? = nil) -> String {
        var body = "<main>\n<h1>rekap dashboard</h1>\n"
        if let message { body += "<p class=\"warning\" role=\"alert\">\(HTMLEscape.text(message))</p>\n" }
        body += """
        <form method="post" action="\(DashboardRoutes.login)">\(csrfToken.map { "\n<input type=\"hidden\" name=\"\(DashboardRoutes.csrfField)\" value=\"\(HTMLEscape.text($0))\">" } ?? "")
        <label for="token">Access token of your Bappeda</label>
        <input id="token" name="\(DashboardRoutes.tokenField)" type="password" autocomplete="current-password" autocapitalize="off" spellcheck="false" required>
        <button type="submit">Log in</button>
        </form>
        <p class="note">This browser stays logged in until you log out (the token itself is not kept).</p>
        </main>

        """
        return document(title: "Log in · rekap", bodyClass: "login", body: body)
    }

    /// A page saying why a request failed, with a way back.
    public static func errorPage(title: String, message: String) -> String {
        let body = """
        <main>
        <h1>\(HTMLEscape.text(title))</h1>
        <p>\(HTMLEscape.text(message))</p>
        <p><a href="\(DashboardRoutes.home)">Back to the dashboard</a> · <a href="\(DashboardRoutes.login)">Log in with another token</a></p>
        </main>

        """
        return document(title: title + " · rekap", bodyClass: "login", body: body)
    }

    /// Every dashboard page: the report's style sheet and the dashboard's, and `body` inside `<body class>`.
    static func document(title: String, bodyClass: String, body: String, language: Language = .default, extraHead: String = "") -> String {
        HTMLDocument.head(title: title, css: HTMLStyle.css + "\n" + DashboardStyle.css, language: language, extraHead: extraHead) + """
        <body class="\(bodyClass)">
        \(body)</body>
        </html>

        """
    }
}
