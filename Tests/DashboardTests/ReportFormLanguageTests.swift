import Foundation
import RekapDomain
import RekapTestSupport
import Testing

/// The report form in English on request (`?lang=en`, then the cookie), Bahasa Indonesia by default.
@Suite(.timeLimit(.minutes(10))) struct ReportFormLanguageTests {
    @Test func theFormIsInEnglishOnRequestAndStaysSo() async throws {
        try await DashboardDatabase.with(kecamatan: []) { database in
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let session = try await ReportFormTests.session(.kecamatan, ReportFormTests.dumaiTimur, database)
                let indonesian = try await rekapd.request(ReportFormTests.formPath, headers: ReportFormTests.cookie(session))
                #expect(indonesian.body.contains("<html lang=\"id\">"))
                #expect(indonesian.body.contains("Simpan draf") && indonesian.body.contains("Indikator kinerja"))
                #expect(indonesian.body.contains("href=\"\(ReportFormTests.formPath)?lang=en\""))

                let english = try await rekapd.request(ReportFormTests.formPath + "?lang=en", headers: ReportFormTests.cookie(session))
                #expect(english.status == 200)
                #expect(english.body.contains("<html lang=\"en\">"))
                #expect(english.body.contains(">Save draft<") && english.body.contains("Performance indicators") && english.body.contains(">Signed by<"))
                #expect(english.body.contains("Download the Excel template"))
                #expect(!english.body.contains("Simpan draf"))
                let cookie = try #require(english.header("Set-Cookie"))
                #expect(cookie.contains("\(Language.cookieName)=en"))

                // The remembered choice holds for a Periksa post, whose findings are in English too.
                var fields = try ReportFormTests.seedFields()
                fields["budget/total/pagu"] = "12.763.150.960"
                let page = try await rekapd.request(ReportFormTests.formPath, headers: ReportFormTests.cookie(session)).body
                var all = fields
                for name in ["csrf", "send_token", "form_region"] { all[name] = ReportFormTests.hidden(name, in: page) }
                all["action"] = "check"
                let headers = ReportFormTests.cookie(session).merging([
                    "Cookie": "rekap_session=\(session); \(Language.cookieName)=en", "Content-Type": "application/x-www-form-urlencoded",
                ]) { $1 }
                let checked = try await rekapd.request(ReportFormTests.formPath, method: "POST", headers: headers, body: ReportFormTests.encoded(all))
                #expect(checked.status == 200)
                #expect(checked.body.contains("<html lang=\"en\">"))
                #expect(checked.body.contains("findings</h2>"), "\(checked.body.prefix(2000))")
            }
        }
    }

    /// The history and the pages refusing a form follow the same rule: Indonesian unless English is asked for.
    @Test func historyAndRefusalsAreInTheReadersLanguage() async throws {
        try await DashboardDatabase.with(kecamatan: []) { database in
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let session = try await ReportFormTests.session(.kecamatan, ReportFormTests.dumaiTimur, database)
                let history = ReportFormTests.formPath + "/history"
                let indonesian = try await rekapd.request(history + "?m=sent", headers: ReportFormTests.cookie(session))
                #expect(indonesian.status == 200)
                #expect(indonesian.body.contains("<html lang=\"id\">") && indonesian.body.contains(">Kembali ke formulir<"))
                #expect(indonesian.body.contains("Belum ada kiriman untuk laporan ini.") && indonesian.body.contains("Laporan terkirim sebagai revisi baru."))
                let english = try await rekapd.request(history + "?m=sent&lang=en", headers: ReportFormTests.cookie(session))
                #expect(english.body.contains("<html lang=\"en\">") && english.body.contains(">Back to the form<"))
                #expect(english.body.contains("Nothing has been sent for this report yet.") && english.body.contains("The report was sent as a new revision."))
                #expect(!english.body.contains("Kembali ke formulir") && !english.body.contains("Belum ada kiriman"))

                let unknown = try await rekapd.request("/forms/14.72.02/2023/H1", headers: ReportFormTests.cookie(session))
                #expect(unknown.status == 404 && unknown.body.contains("Alamat formulir tidak dikenal"))
                let unknownEnglish = try await rekapd.request("/forms/14.72.02/2023/H1?lang=en", headers: ReportFormTests.cookie(session))
                #expect(unknownEnglish.status == 404 && unknownEnglish.body.contains("Unknown form address") && unknownEnglish.body.contains(">Log in<"))
                let other = try await rekapd.request("/forms/14.72.03/2023/FY?lang=en", headers: ReportFormTests.cookie(session))
                #expect(other.status == 403 && other.body.contains("may not open the report of region 14.72.03"))
            }
        }
    }
}
