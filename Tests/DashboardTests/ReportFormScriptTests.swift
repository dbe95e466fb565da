import Foundation
import RekapDomain
import RekapReport
import RekapTestSupport
import Testing

/// The forms' script is served by rekapd itself and allowed by the page's policy; the page keeps
/// working without it (every other suite posts the form as a browser without script would).
@Suite(.timeLimit(.minutes(10))) struct ReportFormScriptTests {
    @Test func theScriptIsServedAndAllowedAndTheSumsAreItsHooks() async throws {
        try await DashboardDatabase.with(kecamatan: []) { database in
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let session = try await ReportFormTests.session(.kecamatan, ReportFormTests.dumaiTimur, database)
                let page = try await rekapd.request(ReportFormTests.formPath, headers: ReportFormTests.cookie(session))
                #expect(page.body.contains("<script src=\"\(FormRoutes.script)\" defer></script>"))
                #expect(!page.body.contains(" onclick=") && !page.body.contains(" oninput="))
                #expect(page.body.contains("data-autosave") && page.body.contains("<span data-sum=\"pagu\">0</span>"))
                // The hooks of rows added in place: a template per list, named by its Tambah buttons, and the live region.
                for (_, list) in ReportFormPage.templatePlaces {
                    #expect(page.body.contains("<template id=\"\(ReportFormPage.templateID(list))\" data-limit=\"\(list.limit)\""))
                }
                #expect(page.body.contains("value=\"add:indicators\" data-template=\"t-indicators\""))
                #expect(page.body.contains("<p id=\"row-status\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"></p>"))
                let policy = try #require(page.header("Content-Security-Policy"))
                #expect(policy.contains("script-src 'sha256-") && policy.contains(" 'self';") && !policy.contains("unsafe-inline'; connect"))

                let script = try await rekapd.request(FormRoutes.script)
                #expect(script.status == 200)
                #expect(script.header("Content-Type")?.hasPrefix("text/javascript") == true)
                #expect(script.body == FormScript.source)
                #expect(script.body.contains("data.set(\"action\", \"save\")"))
                #expect(script.body.contains("var numberMark = \"\(ReportFormPage.templateNumber)\""))
                #expect(!script.body.contains("eval(") && !script.body.contains("new Function") && !script.body.contains("innerHTML"))
            }
        }
    }
}
