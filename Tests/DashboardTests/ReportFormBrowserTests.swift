import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore
import RekapTestSupport
import Testing

/// The report form in a real headless Chromium against a real `rekapd`, as an office operator uses it:
/// Dumai Timur's 2023 report (the seed) typed in field by field, rows added with the form's own buttons
/// with script switched off (each Tambah posts the form; ``ReportFormRowsBrowserTests`` has the script
/// add rows in place), the live sums with script on again, a mistyped number refused, a draft saved, logout and login, Periksa, Kirim,
/// the history; then Bappeda's dashboard ranks Dumai Timur, and a kelurahan operator is refused the
/// kecamatan's form. Screenshots of each step on a phone and a desktop go to `.ci/artifacts/forms-*.png`.
@Suite(.serialized, .timeLimit(.minutes(15))) struct ReportFormBrowserTests {
    static let artifacts = RepositoryFiles.root.appendingPathComponent(".ci/artifacts")
    static let region = "14.72.02"
    static let formPath = "/forms/14.72.02/2023/FY"

    /// A person's account of `role` for `region`.
    static func account(_ role: AccessRole, _ region: String, login: String, _ database: DashboardDatabase) async throws -> TestAccount {
        try await database.client.withConnection { conn in try createTestAccount(role, region, login: login, on: conn) }
    }

    /// Logs in through the login form as a person does, and waits for the page it lands on.
    static func logIn(_ chromium: Chromium, _ rekapd: RekapdServer, _ account: TestAccount) async throws {
        try await chromium.navigate(rekapd.base + "/login")
        try type(chromium, id: "login", account.login)
        try type(chromium, id: "password", account.password)
        try await click(chromium, "form button[type=submit]")
        #expect(try chromium.evaluate("location.pathname") as? String != "/login", "the login failed")
    }

    /// Clicks `selector` (a submit button) and waits for the next page to load.
    static func click(_ chromium: Chromium, _ selector: String) async throws {
        let clicked = try chromium.evaluate("""
            (() => { const b = document.querySelector(\(jsString(selector))); if (!b) return false; window.rekapOldPage = true; b.click(); return true })()
            """) as? Bool
        guard clicked == true else { throw Chromium.Failure(description: "no \(selector) on \(try chromium.evaluate("location.href") ?? "?")") }
        try await chromium.waitFor("the page after clicking \(selector)") {
            try chromium.evaluate("!window.rekapOldPage && document.readyState === 'complete'") as? Bool == true ? true : nil
        }
    }

    /// Focuses input `key` and types `text` into it (replacing what it held), as the keyboard would.
    static func type(_ chromium: Chromium, _ key: String, _ text: String) throws {
        try type(chromium, id: ReportFormPage.fieldID(key), text)
    }

    /// Focuses the element `id` and types `text` into it.
    static func type(_ chromium: Chromium, id: String, _ text: String) throws {
        let kind = try chromium.evaluate("""
            (() => { const e = document.getElementById(\(jsString(id))); if (!e) return 'missing';
                     const d = e.closest('details'); if (d && !d.open) d.querySelector('summary').click();
                     e.focus(); if (document.activeElement !== e) return 'unfocusable';
                     if (e.tagName === 'SELECT') { e.value = \(jsString(text)); e.dispatchEvent(new Event('change')); return 'select' }
                     e.select(); return 'input' })()
            """) as? String
        switch kind {
        case "input": if !text.isEmpty { try chromium.send("Input.insertText", ["text": text]) }
        case "select": break
        default:
            let where_ = try chromium.evaluate("location.href + ' ' + document.title + ' ' + [...document.querySelectorAll('input')].length + ' ' + (document.querySelector('main')?.textContent.slice(0, 300) ?? '')")
            throw Chromium.Failure(description: "no field \(id) on \(where_ ?? "?")")
        }
    }

    static func shoot(_ chromium: Chromium, _ name: String) throws {
        try chromium.setViewport(width: 375, height: 812, mobile: true)
        try chromium.screenshot(to: artifacts.appendingPathComponent("forms-\(name)-phone.png"), fullPage: name != "form-filled")
        try chromium.setViewport(width: 1280, height: 900, mobile: false)
        try chromium.screenshot(to: artifacts.appendingPathComponent("forms-\(name)-desktop.png"))
        try chromium.setViewport(width: 375, height: 812, mobile: true)
    }

    /// Row lists in the order their rows appear in the form, with the row prefix each key belongs to.
    static func rowPrefix(of key: String) -> (list: String, index: Int)? {
        let parts = key.split(separator: "/").map(String.init)
        var best: (String, Int)?
        for end in stride(from: parts.count - 1, to: 0, by: -1) {
            if let index = Int(parts[end]), ReportForm.list(at: parts[..<end].joined(separator: "/")) != nil {
                best = (parts[..<end].joined(separator: "/"), index)
                break
            }
        }
        return best
    }

    @Test(.enabled(if: Chromium.executable != nil, "Chromium is not installed (apt-get install -y chromium); the browser test is skipped"))
    func anOperatorEntersTheSeedReportAndSendsIt() async throws {
        let others = DashboardDatabase.allKecamatan.filter { $0 != Self.region }
        try await DashboardDatabase.with(kecamatan: others) { database in
            let rekapd = try await RekapdServer.start(on: database.configuration)
            let chromium = try Chromium(executable: Chromium.executable!)
            defer { chromium.quit() }
            try chromium.setViewport(width: 375, height: 812, mobile: true)
            // An Indonesian operator's browser (headless Chromium asks for English otherwise).
            _ = try chromium.send("Network.enable")
            _ = try chromium.send("Network.setExtraHTTPHeaders", ["headers": ["Accept-Language": "id-ID,id;q=0.9"]])

            let operator_ = try await Self.account(.kecamatan, Self.region, login: "operator.dumaitimur", database)
            try await Self.logIn(chromium, rekapd, operator_)
            #expect((try chromium.evaluate("location.pathname") as? String ?? "").hasPrefix("/forms/14.72.02/"))
            // The path without script: every Tambah posts the form and the server answers with a row more.
            try chromium.send("Emulation.setScriptExecutionDisabled", ["value": true])
            try await chromium.navigate(rekapd.base + Self.formPath)
            #expect(try chromium.evaluate("document.documentElement.lang") as? String == "id")
            try Self.shoot(chromium, "empty")

            // Type the seed in, in document order, adding each row with its own Tambah button.
            let seed = ReportForm.showing(try DemoSubmissions.document(Self.region), region: RegionCode(Self.region)!, year: 2023, period: .fy)
            let keys = seed.fields.keys.sorted(by: FormHistoryPageOrder.less)
            var typed = 0
            for key in keys {
                let exists = try chromium.evaluate("!!document.getElementById(\(jsString(ReportFormPage.fieldID(key))))") as? Bool ?? false
                if !exists, let (list, _) = Self.rowPrefix(of: key) {
                    try await Self.click(chromium, "button[value=\"add:\(list)\"]")
                }
                try Self.type(chromium, key, seed[key])
                typed += 1
            }
            #expect(typed == seed.fields.count)
            #expect(typed > 150)
            // Kept as the draft, then opened again with script.
            try await Self.click(chromium, "button[value=save]")
            try chromium.send("Emulation.setScriptExecutionDisabled", ["value": false])
            try await chromium.navigate(rekapd.base + Self.formPath)

            // The script keeps the sum of the program lines up to date as a line changes, without a post.
            var pagu: Decimal = 0
            for (key, text) in seed.fields where key.hasPrefix("budget/programs/") && key.split(separator: "/").count == 4 && key.hasSuffix("/pagu") {
                if case .success(let reading) = TypedNumberText.read(text, limits: .rupiah) { pagu += reading.value }
            }
            let sum = "document.querySelector('[data-sum=pagu]').textContent"
            #expect(try chromium.evaluate(sum) as? String == TypedNumberText.format(pagu))
            guard case .success(let first) = TypedNumberText.read(seed["budget/programs/0/pagu"], limits: .rupiah) else { throw Chromium.Failure(description: "seed pagu") }
            try Self.type(chromium, "budget/programs/0/pagu", "0")
            try await chromium.waitFor("the live sum") { try chromium.evaluate(sum) as? String == TypedNumberText.format(pagu - first.value) ? true : nil }
            try Self.type(chromium, "budget/programs/0/pagu", seed["budget/programs/0/pagu"])

            // A number typed the other way: refused beside its field, with how to write it.
            try Self.type(chromium, "indicators/0/realisasi", "91.72")
            try await Self.click(chromium, "button[value=check]")
            let refusal = try chromium.evaluate("document.getElementById('f-indicators-0-realisasi-msg')?.textContent ?? ''") as? String ?? ""
            #expect(refusal.contains("91,72"), "\(refusal)")
            try Self.shoot(chromium, "mistyped")
            try Self.type(chromium, "indicators/0/realisasi", "91,72")

            // Simpan, log out, log in again (another session): the draft is there.
            try await Self.click(chromium, "button[value=save]")
            #expect(try chromium.evaluate("location.search") as? String == "?m=saved")
            try Self.shoot(chromium, "saved")
            try await Self.click(chromium, "form.logout button")
            #expect(try chromium.evaluate("location.pathname") as? String == "/login")
            try await Self.logIn(chromium, rekapd, operator_)
            try await chromium.navigate(rekapd.base + Self.formPath)
            #expect(try chromium.evaluate("document.getElementById('f-budget-total-pagu').value") as? String == "12.763.150.960")
            #expect(try chromium.evaluate("document.getElementById('f-indicators-0-realisasi').value") as? String == "91,72")

            // Periksa: the pagu murni finding beside the total's field.
            try await Self.click(chromium, "button[value=check]")
            let murni = try chromium.evaluate("document.getElementById('f-budget-total-pagu_murni-msg')?.textContent ?? ''") as? String ?? ""
            #expect(murni.contains("total pagu murni yang dilaporkan"), "\(murni)")
            let overflow = try chromium.evaluate("document.documentElement.scrollWidth") as? Int
            #expect(overflow == 375, "the form scrolls sideways on a phone")
            try Self.shoot(chromium, "checked")

            // Kirim, then the history.
            try await Self.click(chromium, "button[value=send]")
            #expect(try chromium.evaluate("location.pathname + location.search") as? String == Self.formPath + "/history?m=sent")
            let history = try chromium.evaluate("document.querySelector('tbody').textContent") as? String ?? ""
            #expect(history.contains("(operator.dumaitimur)"), "\(history)")
            try Self.shoot(chromium, "history")
            let stored = try await database.client.withConnection { conn in
                try conn.queryValue(Int.self, "SELECT count(*)::int FROM submission WHERE region_code = '14.72.02' AND total_pagu = 12763150960")
            }
            #expect(stored == 1)

            // Bappeda's dashboard ranks Dumai Timur now.
            try await Self.click(chromium, "form.logout button")
            try await Self.logIn(chromium, rekapd, database.accounts.bappeda)
            var ranked = false
            for _ in 0..<90 where !ranked {
                try await chromium.navigate(rekapd.base + "/")
                let rows = try chromium.evaluate(DashboardBrowserTests.ikuRows) as? String ?? ""
                ranked = rows.contains("\"14.72.02\"") && !rows.contains("[\"—\",\"14.72.02\"")
                if !ranked { try await Task.sleep(for: .seconds(1)) }
            }
            #expect(ranked, "Dumai Timur is not ranked on Bappeda's dashboard")
            try Self.shoot(chromium, "dashboard")

            // A kelurahan operator cannot open the kecamatan's form.
            try await Self.click(chromium, "form.logout button")
            try await Self.logIn(chromium, rekapd, try await Self.account(.kelurahan, "14.72.02.1002", login: "operator.telukbinjai", database))
            try await chromium.navigate(rekapd.base + Self.formPath)
            #expect(try chromium.evaluate("document.querySelector('h1').textContent") as? String == "Tidak diizinkan")
            #expect(try chromium.evaluate("document.querySelector('form input') === null") as? Bool == true)
            try Self.shoot(chromium, "kelurahan-refused")
            try await rekapd.stop()
        }
    }
}

/// Field keys in the form's order (rows by number, not as text).
enum FormHistoryPageOrder {
    static func less(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: "/"), y = b.split(separator: "/")
        for (p, q) in zip(x, y) where p != q {
            if let i = Int(p), let j = Int(q) { return i < j }
            return rank(p) == rank(q) ? p < q : rank(p) < rank(q)
        }
        return x.count < y.count
    }

    /// Sections in the form's order; a row's own fields before its child rows.
    static func rank(_ part: Substring) -> Int {
        switch part {
        case "signed": 0
        case "indicators": 1
        case "budget": 2
        case "programs": 3
        case "belanja": 5
        case "total": 4
        case "pbb": 6
        case "awards": 7
        case "kegiatan", "sub_kegiatan": 9
        default: 8
        }
    }
}
