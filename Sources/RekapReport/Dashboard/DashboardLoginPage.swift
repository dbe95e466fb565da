import RekapDomain

/// The dashboard's small pages (the login form, the set-password form and the error page) and the
/// document all its pages share.
extension DashboardRenderer {
    /// The login form: login and password, posted to ``DashboardRoutes/login``. `message` (a failed
    /// attempt, a logout) is shown above it. `csrfToken` goes into the form's hidden
    /// ``DashboardRoutes/csrfField`` (the server sets the matching cookie). `login` refills its field.
    public static func loginPage(message: String? = nil, csrfToken: String? = nil, login: String = "", language: Language = .default) -> String {
        let text = Catalog.Accounts.self
        var body = "<main>\n\(languageSwitch(language, path: DashboardRoutes.login))\n<h1>\(text.loginTitle(language))</h1>\n"
        if let message { body += "<p class=\"warning\" role=\"alert\">\(HTMLEscape.text(message))</p>\n" }
        body += """
        <form method="post" action="\(DashboardRoutes.login)">\(hiddenCSRF(csrfToken))
        <label for="login">\(text.login(language))</label>
        <input id="login" name="\(DashboardRoutes.loginField)" type="text" value="\(HTMLEscape.text(login))" autocomplete="username" autocapitalize="off" spellcheck="false" maxlength="63" required>
        <label for="password">\(text.password(language))</label>
        <input id="password" name="\(DashboardRoutes.passwordField)" type="password" autocomplete="current-password" maxlength="200" required>
        <button type="submit">\(text.logIn(language))</button>
        </form>
        <p class="note">\(text.loginNote(language))</p>
        </main>

        """
        return document(title: "\(text.loginTitle(language)) · rekap", bodyClass: "login", body: body, language: language)
    }

    /// The form that sets a password with a one-time code (``DashboardRoutes/password``).
    public static func setPasswordPage(message: String? = nil, csrfToken: String? = nil, code: String = "", language: Language = .default) -> String {
        let text = Catalog.Accounts.self
        var body = "<main>\n\(languageSwitch(language, path: DashboardRoutes.password))\n<h1>\(text.setPasswordTitle(language))</h1>\n"
        if let message { body += "<p class=\"warning\" role=\"alert\">\(HTMLEscape.text(message))</p>\n" }
        body += """
        <form method="post" action="\(DashboardRoutes.password)">\(hiddenCSRF(csrfToken))
        <label for="code">\(text.setupCode(language))</label>
        <input id="code" name="\(DashboardRoutes.codeField)" type="text" value="\(HTMLEscape.text(code))" autocomplete="one-time-code" autocapitalize="off" spellcheck="false" maxlength="100" required>
        <label for="new-password">\(text.newPassword(language))</label>
        <input id="new-password" name="\(DashboardRoutes.passwordField)" type="password" autocomplete="new-password" minlength="\(10)" maxlength="200" required>
        <label for="repeat-password">\(text.repeatPassword(language))</label>
        <input id="repeat-password" name="\(DashboardRoutes.repeatField)" type="password" autocomplete="new-password" minlength="\(10)" maxlength="200" required>
        <button type="submit">\(text.savePassword(language))</button>
        </form>
        <p class="note">\(text.setPasswordNote(language))</p>
        </main>

        """
        return document(title: "\(text.setPasswordTitle(language)) · rekap", bodyClass: "login", body: body, language: language)
    }

    /// A page saying why a request failed, with a way back.
    public static func errorPage(title: String, message: String, language: Language = .default) -> String {
        let body = """
        <main>
        <h1>\(HTMLEscape.text(title))</h1>
        <p>\(HTMLEscape.text(message))</p>
        <p><a href="\(DashboardRoutes.home)">\(Catalog.Common.backToDashboard(language))</a> · <a href="\(DashboardRoutes.login)">\(Catalog.Common.logInAgain(language))</a></p>
        </main>

        """
        return document(title: title + " · rekap", bodyClass: "login", body: body, language: language)
    }

    static func hiddenCSRF(_ token: String?) -> String {
        token.map { "\n<input type=\"hidden\" name=\"\(DashboardRoutes.csrfField)\" value=\"\(HTMLEscape.text($0))\">" } ?? ""
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
