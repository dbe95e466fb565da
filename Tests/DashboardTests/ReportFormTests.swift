import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore
import RekapTestSupport
import Testing

/// The offices' report forms (issue #13) over HTTP on a real `rekapd` and database, without script:
/// draft, Periksa, Kirim, history; who may open which form; forged, oversized and hostile posts.
@Suite(.timeLimit(.minutes(10))) struct ReportFormTests {
    static let html = ["Accept": "text/html,application/xhtml+xml"]
    static let dumaiTimur = "14.72.02"
    static let formPath = "/forms/14.72.02/2023/FY"

    /// A live session of a new `role` token of `region` (as the login form would start it).
    static func session(_ role: AccessRole, _ region: String, _ database: DashboardDatabase) async throws -> String {
        try await database.client.withConnection { conn in
            let secret = try createTestToken(role, region, on: conn)
            guard case .valid(_, let id) = try TokenStore.check(secret: secret, at: Date(), on: conn) else { throw Unexpected() }
            return try WebSessionStore.create(tokenID: id, lifetime: .seconds(3600), at: Date(), on: conn)
        }
    }

    struct Unexpected: Error {}

    static func cookie(_ session: String) -> [String: String] {
        ["Cookie": "rekap_session=\(session)"].merging(html) { $1 }
    }

    /// The value of the hidden input `name` in `page`.
    static func hidden(_ name: String, in page: String) -> String? {
        guard let start = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = page[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// `application/x-www-form-urlencoded` of `fields`.
    static func encoded(_ fields: [String: String]) -> Data {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return Data(fields.map { "\($0.key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&").utf8)
    }

    /// Posts `fields` to the form as the browser would after opening it (its hidden fields, `action`).
    static func post(_ rekapd: RekapdServer, _ session: String, _ fields: [String: String], action: String, path: String = formPath,
                     page: String? = nil, overriding: [String: String] = [:]) async throws -> RekapdServer.Answer {
        let opened: String
        if let page { opened = page } else { opened = try await rekapd.request(path, headers: cookie(session)).body }
        var all = fields
        for name in ["csrf", "send_token", "form_region"] { all[name] = hidden(name, in: opened) }
        all["action"] = action
        for (name, value) in overriding { all[name] = value }
        return try await rekapd.request(path, method: "POST", headers: cookie(session).merging(["Content-Type": "application/x-www-form-urlencoded"]) { $1 },
                                        body: encoded(all))
    }

    /// Dumai Timur's 2023 report (the seed) as the form's fields, numbers typed the Indonesian way.
    static func seedFields() throws -> [String: String] {
        let document = try DemoSubmissions.document(dumaiTimur)
        return ReportForm.showing(document, region: RegionCode(dumaiTimur)!, year: 2023, period: .fy).fields
    }

    static func count(_ sql: String, _ database: DashboardDatabase) async throws -> Int {
        try await database.client.withConnection { conn in try conn.queryValue(Int.self, PGQuery(stringLiteral: sql)) ?? -1 }
    }

    @Test func theWholePathWithoutScriptStoresWhatTheJSONWould() async throws {
        try await DashboardDatabase.with(kecamatan: []) { database in
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let session = try await Self.session(.kecamatan, Self.dumaiTimur, database)
                let fields = try Self.seedFields()
                #expect(fields["budget/total/pagu"] == "12.763.150.960")

                // Simpan: kept on the server; the form opened afresh (another device) shows it.
                var answer = try await Self.post(rekapd, session, fields, action: "save")
                #expect(answer.status == 303, "\(answer.body)")
                #expect(answer.header("Location") == Self.formPath + "?m=saved")
                let otherDevice = try await Self.session(.kecamatan, Self.dumaiTimur, database)
                var page = try await rekapd.request(Self.formPath, headers: Self.cookie(otherDevice)).body
                #expect(page.contains("value=\"12.763.150.960\""))
                #expect(page.contains("Draf tersimpan, terakhir oleh kecamatan 14.72.02"))
                #expect(try await Self.count("SELECT count(*)::int FROM submission", database) == 0)

                // Periksa: the seed's pagu murni finding beside the total's field, and in the summary.
                answer = try await Self.post(rekapd, session, fields, action: "check")
                #expect(answer.status == 200)
                let field = try #require(answer.body.range(of: "id=\"f-budget-total-pagu_murni\""))
                let beside = answer.body[field.upperBound...].prefix(1200)
                #expect(beside.contains("id=\"f-budget-total-pagu_murni-msg\""))
                #expect(beside.contains("total pagu murni yang dilaporkan 11.371.987.993 berbeda dari jumlah pagu murni program"), "\(beside)")
                #expect(answer.body.contains("[budget.pagu-murni-mismatch]: <a href=\"#f-budget-total-pagu_murni\">"))
                #expect(try await Self.count("SELECT count(*)::int FROM submission", database) == 0)

                // Kirim: one revision, whose findings are those of the same document sent as JSON.
                page = try await rekapd.request(Self.formPath, headers: Self.cookie(session)).body
                answer = try await Self.post(rekapd, session, fields, action: "send", page: page)
                #expect(answer.status == 303, "\(answer.body.range(of: "<section class=\"summary\"").map { answer.body[$0.lowerBound...].prefix(3000) } ?? "")")
                #expect(answer.header("Location") == Self.formPath + "/history?m=sent")
                let stored = try await database.client.withConnection { conn in
                    try conn.query("SELECT rule, pointer FROM submission_finding f JOIN submission s ON s.id = f.submission_id ORDER BY position")
                        .map { "\(try $0.decode(String.self, at: 0)) \(try $0.decode(String.self, at: 1))" }
                }
                guard case .accepted(_, let findings, _, _) = SubmissionChecker().check(try DemoSubmissions.bytes(Self.dumaiTimur)) else {
                    Issue.record("the seed is rejected"); return
                }
                #expect(stored == findings.map { "\($0.rule) \($0.pointer)" })
                // The facts are the seed's: every program, kegiatan and sub kegiatan, indicator, PBB-P2 row and award.
                let document = try #require(try await database.client.withConnection { conn in
                    try conn.query("SELECT document FROM submission").first?.decode([UInt8].self, column: "document")
                })
                guard case .accepted(let sent, _, _, _) = SubmissionChecker().check(document),
                      case .accepted(let seed, _, _, _) = SubmissionChecker().check(try DemoSubmissions.bytes(Self.dumaiTimur)) else {
                    Issue.record("a document is rejected"); return
                }
                #expect(sent == seed)
                #expect(try await Self.count("SELECT count(*)::int FROM submission WHERE total_pagu = 12763150960 AND total_pagu_murni = 11371987993", database) == 1)

                // A double click (the same page posted again) stores nothing more.
                answer = try await Self.post(rekapd, session, fields, action: "send", page: page)
                #expect(answer.status == 303)
                #expect(answer.header("Location") == Self.formPath + "/history?m=already-sent")
                #expect(try await Self.count("SELECT count(*)::int FROM submission", database) == 1)

                // A correction is a second revision; the history says who sent each and what changed.
                var corrected = fields
                corrected["budget/total/pagu_murni"] = "11.371.987.994"
                answer = try await Self.post(rekapd, session, corrected, action: "send")
                #expect(answer.status == 303)
                #expect(try await Self.count("SELECT count(*)::int FROM submission", database) == 2)
                page = try await rekapd.request(Self.formPath + "/history?a=1&b=2", headers: Self.cookie(session)).body
                #expect(page.contains("kecamatan 14.72.02 (token #"))
                #expect(page.contains("Jumlah › Total pagu murni (Rp)</td><td data-label=\"Revisi 1\">11.371.987.993</td><td data-label=\"Revisi 2\">11.371.987.994</td>"))
                // Bappeda reads the history; drafts are never counted: the consolidated totals are the revision's.
                let bappeda = try await Self.session(.bappeda, "14.72", database)
                #expect(try await rekapd.request(Self.formPath + "/history", headers: Self.cookie(bappeda)).status == 200)
            }
        }
    }

    @Test func aMistypedNumberIsRefusedBesideItsFieldWithHowToWriteIt() async throws {
        try await DashboardDatabase.with(kecamatan: []) { database in
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let session = try await Self.session(.kecamatan, Self.dumaiTimur, database)
                var fields = try Self.seedFields()
                fields["indicators/0/realisasi"] = "91.72"
                fields["budget/programs/0/pagu"] = "12.76.3"
                var answer = try await Self.post(rekapd, session, fields, action: "check")
                #expect(answer.status == 200)
                let field = try #require(answer.body.range(of: "id=\"f-indicators-0-realisasi\""))
                let beside = answer.body[field.upperBound...].prefix(600)
                #expect(beside.contains("aria-invalid=\"true\"") || answer.body[..<field.upperBound].suffix(400).contains("aria-invalid"))
                #expect(beside.contains("91,72"), "\(beside)")
                #expect(answer.body.contains("2 isian harus diperbaiki sebelum dikirim"))
                // Kirim refuses it too: nothing stored, the draft kept.
                answer = try await Self.post(rekapd, session, fields, action: "send")
                #expect(answer.status == 422)
                #expect(try await Self.count("SELECT count(*)::int FROM submission", database) == 0)
                #expect(try await Self.count("SELECT count(*)::int FROM form_draft WHERE content->>'indicators/0/realisasi' = '91.72'", database) == 1)
            }
        }
    }

    /// A new report starts from the signed PK: its indicators with the targets the report will be
    /// measured against (the perubahan's where it has the indicator, else the murni's).
    @Test func aNewReportStartsFromThePKsTargets() async throws {
        try await DashboardDatabase.with(kecamatan: []) { database in
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let session = try await Self.session(.kecamatan, Self.dumaiTimur, database)
                let empty = try await rekapd.request(Self.formPath, headers: Self.cookie(session)).body
                #expect(!empty.contains("value=\"IKM\""))
                for plan in ["plans/14.72.02-pk-murni-2023.json", "plans/14.72.02-pk-perubahan-2023.json"] {
                    let outcome = try await SubmissionStore(client: database.client).submitDocument(bytes: try RepositoryFiles.submissionFixture(plan))
                    #expect(outcome.id != nil, "\(plan): \(outcome.problems)")
                }
                let page = try await rekapd.request(Self.formPath, headers: Self.cookie(session)).body
                func value(_ key: String) -> String? {
                    guard let input = page.range(of: "name=\"\(key)\" value=\"") else { return nil }
                    return String(page[input.upperBound...].prefix { $0 != "\"" })
                }
                // The murni PK's three indicators (IKM at 92, its signed target), then the perubahan's three.
                #expect(value("indicators/0/code") == "IKM")
                #expect(value("indicators/0/target") == "92")
                #expect(value("indicators/1/code") == "PTPU" && value("indicators/1/target") == "100")
                #expect(value("indicators/3/name") == "Cakupan sarana prasarana perkantoran pemerintahan yang baik")
                #expect(value("indicators/5/target") == "100")
                #expect(value("indicators/6/name") == nil)
                // Nothing is stored by opening a form.
                #expect(try await Self.count("SELECT count(*)::int FROM submission", database) == 0)
            }
        }
    }

    @Test func whoMayOpenWhichForm() async throws {
        try await DashboardDatabase.with(kecamatan: []) { database in
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let kelurahan = try await Self.session(.kelurahan, "14.72.02.1002", database)
                let otherKecamatan = try await Self.session(.kecamatan, "14.72.07", database)
                let kecamatan = try await Self.session(.kecamatan, Self.dumaiTimur, database)
                // A kelurahan operator cannot open the kecamatan's form, nor another kecamatan's operator.
                for session in [kelurahan, otherKecamatan] {
                    #expect(try await rekapd.request(Self.formPath, headers: Self.cookie(session)).status == 403)
                    let answer = try await Self.post(rekapd, session, ["indicators/0/name": "x"], action: "save",
                                                     page: try await rekapd.request(Self.formPath, headers: Self.cookie(kecamatan)).body)
                    #expect(answer.status == 403)
                }
                // The kelurahan's own form, and the kecamatan opening its kelurahan's, are allowed.
                #expect(try await rekapd.request("/forms/14.72.02.1002/2023/FY", headers: Self.cookie(kelurahan)).status == 200)
                #expect(try await rekapd.request("/forms/14.72.02.1002/2023/FY", headers: Self.cookie(kecamatan)).status == 200)
                // Another region in the hidden field.
                var answer = try await Self.post(rekapd, kecamatan, ["indicators/0/name": "x"], action: "save", overriding: ["form_region": "14.72.07"])
                #expect(answer.status == 403)
                // A missing or forged anti-forgery token.
                answer = try await Self.post(rekapd, kecamatan, ["indicators/0/name": "x"], action: "save", overriding: ["csrf": ""])
                #expect(answer.status == 403)
                answer = try await Self.post(rekapd, kecamatan, ["indicators/0/name": "x"], action: "save",
                                             overriding: ["csrf": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"])
                #expect(answer.status == 403)
                // Another site's page posting with the browser's cookie.
                answer = try await rekapd.request(Self.formPath, method: "POST",
                                                  headers: Self.cookie(kecamatan).merging(["Origin": "https://evil.example", "Content-Type": "application/x-www-form-urlencoded"]) { $1 },
                                                  body: Self.encoded(["action": "save"]))
                #expect(answer.status == 403)
                #expect(try await Self.count("SELECT count(*)::int FROM form_draft", database) == 0)
                // After logout the session opens nothing.
                let page = try await rekapd.request(Self.formPath, headers: Self.cookie(kecamatan)).body
                #expect(try await rekapd.request("/logout", method: "POST", headers: Self.cookie(kecamatan)).status == 303)
                #expect(try await rekapd.request(Self.formPath, headers: Self.cookie(kecamatan)).status == 303)
                answer = try await Self.post(rekapd, kecamatan, ["indicators/0/name": "x"], action: "save", page: page)
                #expect(answer.status == 401)
                #expect(try await Self.count("SELECT count(*)::int FROM form_draft", database) == 0)
            }
        }
    }

    @Test func oversizedFormsAreRefusedAndNothingIsStored() async throws {
        try await DashboardDatabase.with(kecamatan: []) { database in
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let session = try await Self.session(.kecamatan, Self.dumaiTimur, database)
                // 10,000 rows.
                var rows: [String: String] = [:]
                for index in 0..<10_000 { rows["pbb/\(index)/kelurahan"] = "1" }
                var answer = try await Self.post(rekapd, session, rows, action: "save")
                #expect(answer.status == 413)
                #expect(answer.body.contains("Terlalu banyak baris") || answer.body.contains("terlalu besar"))
                // A 1 MB text field.
                answer = try await Self.post(rekapd, session, ["indicators/0/name": String(repeating: "a", count: 1_000_000)], action: "save")
                #expect(answer.status == 413)
                // A field over the per-field limit inside a small body.
                answer = try await Self.post(rekapd, session, ["indicators/0/name": String(repeating: "a", count: 5_000)], action: "save")
                #expect(answer.status == 413)
                #expect(answer.body.contains("terlalu panjang"))
                #expect(try await Self.count("SELECT count(*)::int FROM form_draft", database) == 0)
            }
        }
    }

    @Test func scriptAndHTMLInTextFieldsAreShownAsText() async throws {
        try await DashboardDatabase.with(kecamatan: []) { database in
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let session = try await Self.session(.kecamatan, Self.dumaiTimur, database)
                let hostile = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
                var fields = try Self.seedFields()
                for key in fields.keys where ["name", "sasaran", "unit", "code", "title", "by", "role", "sumber_dana", "label", "given_by"]
                    .contains(String(key.split(separator: "/").last!)) {
                    fields[key] = hostile
                }
                fields["indicators/0/target"] = hostile
                #expect(try await Self.post(rekapd, session, fields, action: "save").status == 303)
                for answer in [try await rekapd.request(Self.formPath, headers: Self.cookie(session)),
                               try await Self.post(rekapd, session, fields, action: "check")] {
                    #expect(!answer.body.contains("<script>"))
                    #expect(!answer.body.contains("<img"))
                    #expect(answer.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img"))
                }
            }
        }
    }
}
