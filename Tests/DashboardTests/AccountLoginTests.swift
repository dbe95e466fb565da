import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// Logging in as a person through a real rekapd: the set-password page with a one-time code, the
/// lockout after repeated failures (whose answer never tells whether a login exists), and the pages
/// in Bahasa Indonesia or English.
// Alone the suite takes seconds; in the full parallel run its tests wait minutes for their turn (as the
// other rekapd suites, which allow 10), and 3 minutes was hit in CI.
@Suite(.timeLimit(.minutes(10))) struct AccountLoginTests {
    static let form = ["Content-Type": "application/x-www-form-urlencoded"]

    func withRekapd(label: String = #function, _ body: (DashboardDatabase, RekapdServer) async throws -> Void) async throws {
        try await DashboardDatabase.with(kecamatan: [], label: label) { database in
            let rekapd = try await RekapdServer.start(on: database.configuration, ["--password-cost", "4"])
            do {
                try await body(database, rekapd)
            } catch {
                rekapd.child.send(SIGKILL)
                throw error
            }
            try await rekapd.stop()
        }
    }

    /// Posts the set-password form as a browser does (GET for its anti-forgery token, then POST).
    static func setPassword(_ rekapd: RekapdServer, code: String, password: String, repeated: String? = nil) async throws -> RekapdServer.Answer {
        let page = try await rekapd.request("/password")
        let csrf = try #require(LoginForm.csrfToken(in: page.body))
        let body = "csrf=\(csrf)&code=\(LoginForm.encoded(code))&password=\(LoginForm.encoded(password))&repeat=\(LoginForm.encoded(repeated ?? password))"
        return try await rekapd.request("/password", method: "POST", headers: form.merging(["Cookie": "rekap_login=\(csrf)"]) { $1 }, body: Data(body.utf8))
    }

    @Test func aNewPersonSetsAPasswordOnceWithTheCodeAndLogsIn() async throws {
        try await withRekapd { database, rekapd in
            let (_, code) = try await database.client.withConnection { conn in
                try AccountStore.create(login: "camat.dumai-timur", displayName: "Camat <b>Dumai Timur</b>",
                                        scope: AccessScope(role: .kecamatan, region: RegionCode("14.72.02")!), at: Date(), on: conn)
            }
            // Refused without effect: a short password, two different ones, a forged form.
            var answer = try await Self.setPassword(rekapd, code: code, password: "pendek")
            #expect(answer.status == 400 && answer.body.contains("minimal 10 karakter"))
            answer = try await Self.setPassword(rekapd, code: code, password: "kata-sandi-baru-1", repeated: "kata-sandi-baru-2")
            #expect(answer.status == 400 && answer.body.contains("Kedua kata sandi tidak sama"))
            let forged = "csrf=rekap_csrf_\(String(repeating: "A", count: 43))&code=\(code)&password=kata-sandi-baru-1&repeat=kata-sandi-baru-1"
            answer = try await rekapd.request("/password", method: "POST", headers: Self.form, body: Data(forged.utf8))
            #expect(answer.status == 403)
            answer = try await rekapd.request("/password", method: "POST", headers: Self.form,
                                              body: Data("code=\(code)&password=kata-sandi-baru-1&repeat=kata-sandi-baru-1".utf8))
            #expect(answer.status == 403)
            // The code works once.
            answer = try await Self.setPassword(rekapd, code: code, password: "kata-sandi-baru-1")
            #expect(answer.status == 303 && answer.header("Location") == "/login?m=password-set", "\(answer.status) \(answer.body)")
            answer = try await Self.setPassword(rekapd, code: code, password: "kata-sandi-lain-2")
            #expect(answer.status == 400 && answer.body.contains("Kode itu tidak berlaku"))
            // The first password logs in; the person lands on the forms.
            let (login, session) = try await rekapd.login(TestAccount(id: 0, login: "camat.dumai-timur", password: "kata-sandi-baru-1"))
            #expect(login.status == 303 && login.header("Location") == "/forms" && session != nil)
            #expect(try await rekapd.login(TestAccount(id: 0, login: "camat.dumai-timur", password: "kata-sandi-lain-2")).answer.status == 401)
        }
    }

    @Test func fiveFailuresLockTheAccountAndTheAnswerNeverTellsWhetherTheLoginExists() async throws {
        try await withRekapd { database, rekapd in
            let account = database.accounts.bappeda
            let wrong = TestAccount(id: account.id, login: account.login, password: "bukan-kata-sandinya")
            let unknown = try await rekapd.login(TestAccount(id: 0, login: "tidak.ada", password: "bukan-kata-sandinya")).answer
            for attempt in 1...5 {
                let (answer, session) = try await rekapd.login(wrong)
                #expect(answer.status == 401 && session == nil, "attempt \(attempt)")
                #expect(Self.alert(answer.body) == Self.alert(unknown.body), "attempt \(attempt)")
            }
            // Locked now: even the right password is refused, with the same words.
            let (locked, session) = try await rekapd.login(account)
            #expect(locked.status == 401 && session == nil)
            #expect(Self.alert(locked.body) == Self.alert(unknown.body))
            #expect(Self.alert(locked.body)?.contains("Nama login atau kata sandi salah") == true)
            let lockedUntil = try await database.client.withConnection { conn in
                try AccountStore.loginCandidate(login: account.login, on: conn)?.lockedUntil
            }
            #expect((lockedUntil ?? .distantPast) > Date().addingTimeInterval(30))
            // Once the lock has passed (moved into the past here), the right password works again.
            try await database.client.withConnection { conn in
                try conn.execute("UPDATE person_account SET locked_until = now() - interval '1 second' WHERE login = \(account.login)")
            }
            #expect(try await rekapd.login(account).session != nil)
            // Disabled: the right password no longer logs in, with the same answer.
            try await database.client.withConnection { conn in _ = try AccountStore.disable(login: account.login, at: Date(), on: conn) }
            let disabled = try await rekapd.login(account)
            #expect(disabled.answer.status == 401 && disabled.session == nil && Self.alert(disabled.answer.body) == Self.alert(unknown.body))
        }
    }

    @Test func pagesAreInBahasaIndonesiaUnlessTheReaderAsksForEnglish() async throws {
        try await withRekapd { database, rekapd in
            var page = try await rekapd.request("/login")
            #expect(page.body.contains("<html lang=\"id\">") && page.body.contains("<h1>Masuk ke rekap</h1>") && page.body.contains(">Kata sandi</label>"))
            page = try await rekapd.request("/login", headers: ["Accept-Language": "en-US,en;q=0.9"])
            #expect(page.body.contains("<html lang=\"en\">") && page.body.contains("<h1>Log in to rekap</h1>"))
            // The switch wins and is remembered in a cookie.
            page = try await rekapd.request("/login?lang=en", headers: ["Accept-Language": "id"])
            #expect(page.body.contains("<h1>Log in to rekap</h1>"))
            #expect(LoginForm.cookie("rekap_lang", in: page.header("Set-Cookie")) == "en")
            page = try await rekapd.request("/password", headers: ["Cookie": "rekap_lang=en"])
            #expect(page.body.contains("<h1>Set your password</h1>"))
            // The dashboard itself, for a Bappeda session: Indonesian headings, times in WIB.
            let session = try #require(try await rekapd.login(database.accounts.bappeda).session)
            page = try await rekapd.request("/", headers: ["Cookie": "rekap_session=\(session)", "Accept": "text/html"])
            #expect(page.status == 200)
            #expect(page.body.contains("<html lang=\"id\">") && page.body.contains(">Keluar</button>") && page.body.contains("Temuan terbuka"))
            #expect(page.body.contains(" WIB"))
            page = try await rekapd.request("/?lang=en", headers: ["Cookie": "rekap_session=\(session)", "Accept": "text/html"])
            #expect(page.body.contains("<html lang=\"en\">") && page.body.contains(">Log out</button>") && page.body.contains("Open findings"))
        }
    }

    /// The text of the page's alert, or nil.
    static func alert(_ page: String) -> String? {
        guard let start = page.range(of: "role=\"alert\">") else { return nil }
        return String(page[start.upperBound...].prefix { $0 != "<" })
    }
}
