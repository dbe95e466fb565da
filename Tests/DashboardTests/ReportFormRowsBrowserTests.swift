import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore
import RekapTestSupport
import Testing

/// The form's script adds and removes rows in place, in a real headless Chromium against a real `rekapd`:
/// indicators, programs, kegiatan under a program, sub kegiatan under a kegiatan, PBB-P2 rows and awards
/// added without a page load, typed into, middle rows (a kegiatan with its sub kegiatan, a program with its
/// kegiatan, an indicator) removed; the page then is exactly what the server renders from the saved draft,
/// and the draft in the database is what the same steps give on the server's own ``ReportForm`` (the
/// no-script Tambah and Hapus). Focus and announcements follow each step, in English on an English page.
/// Screenshots go to `.ci/artifacts/forms-rows-*.png`.
@Suite(.serialized, .timeLimit(.minutes(10))) struct ReportFormRowsBrowserTests {
    typealias Page = ReportFormBrowserTests

    /// The browser and, beside it, the same steps on the server's form.
    final class Steps {
        let chromium: Chromium
        var model: ReportForm

        init(_ chromium: Chromium, _ model: ReportForm) {
            self.chromium = chromium
            self.model = model
        }

        func evaluate(_ script: String) throws -> Any? { try chromium.evaluate(script) }

        /// Clicks button `value` (`add:indicators`, `remove:pbb/1`) as a person would, with no page load
        /// expected: the script does it in place.
        func press(_ value: String) throws {
            let clicked = try evaluate("""
                (() => { const b = document.querySelector('form[data-autosave] button[value=' + JSON.stringify(\(jsString(value))) + ']');
                         if (!b) return false; b.click(); return true })()
                """) as? Bool
            guard clicked == true else { throw Chromium.Failure(description: "no button \(value)") }
        }

        func add(_ prefix: String) throws {
            try press("add:\(prefix)")
            let added = model.addRow(prefix)
            #expect(added)
        }

        func remove(_ prefix: String, _ index: Int) throws {
            try press("remove:\(prefix)/\(index)")
            model.removeRow(prefix, index)
        }

        func type(_ key: String, _ text: String) throws {
            try Page.type(chromium, key, text)
            model[key] = text
        }

        func value(_ id: String) throws -> String? {
            try evaluate("document.getElementById(\(jsString(id)))?.value ?? null") as? String
        }

        var focused: String? { get throws { try evaluate("document.activeElement?.id || document.activeElement?.value || ''") as? String } }
        var said: String? { get throws { try evaluate("document.getElementById('row-status').textContent") as? String } }

        /// The form's row sections as markup, each field's current value written as its attribute (so a
        /// typed value shows as the server would render it); whitespace between tags dropped.
        func sections() throws -> String {
            try evaluate("""
                ['s-iku', 's-anggaran', 's-pbb', 's-award'].map(id => {
                  const live = document.getElementById(id).closest('section'), section = live.cloneNode(true);
                  const copies = section.querySelectorAll('input, option');
                  live.querySelectorAll('input, option').forEach((e, i) => {
                    if (e.tagName === 'INPUT') copies[i].setAttribute('value', e.value);
                    else if (e.selected) copies[i].setAttribute('selected', ''); else copies[i].removeAttribute('selected');
                  });
                  return section.outerHTML.replace(/>\\s+</g, '><');
                }).join('\\n')
                """) as? String ?? ""
        }
    }

    static func language(_ chromium: Chromium, _ accept: String) throws {
        _ = try chromium.send("Network.enable")
        _ = try chromium.send("Network.setExtraHTTPHeaders", ["headers": ["Accept-Language": accept]])
    }

    @Test(.enabled(if: Chromium.executable != nil, "Chromium is not installed (apt-get install -y chromium); the browser test is skipped"))
    func rowsAreAddedAndRemovedInPlaceAndSavedAsTheServerWouldRenderThem() async throws {
        try await DashboardDatabase.with(kecamatan: []) { database in
            let rekapd = try await RekapdServer.start(on: database.configuration)
            let chromium = try Chromium(executable: Chromium.executable!)
            defer { chromium.quit() }
            try chromium.setViewport(width: 375, height: 812, mobile: true)
            try Self.language(chromium, "id-ID,id;q=0.9")
            let operator_ = try await Page.account(.kecamatan, Page.region, login: "operator.rows", database)
            try await Page.logIn(chromium, rekapd, operator_)
            try await chromium.navigate(rekapd.base + Page.formPath)

            // The empty form the server starts with: one indicator, one program.
            var model = ReportForm(region: RegionCode(Page.region)!, year: 2023, period: .fy)
            model.addRow("indicators")
            model.addRow("budget/programs")
            let steps = Steps(chromium, model)
            // Nothing below may load a page: this mark, the address and the history would not survive one.
            _ = try steps.evaluate("window.__marker = 1")
            let address = try steps.evaluate("location.href") as? String
            let history = try steps.evaluate("history.length") as? Int

            // Indicators 2 and 3, typed into; the new row takes the focus and is announced.
            try steps.type("indicators/0/code", "IKU-1")
            try steps.add("indicators")
            #expect(try steps.focused == "f-indicators-1-code")
            #expect(try steps.said == Catalog.Forms.rowAdded(Catalog.Forms.rowHeading("indikator", "2"))(.id))
            #expect(try steps.evaluate("document.querySelector('#r-indicators-1 > legend').textContent") as? String == "Indikator 2")
            try steps.type("indicators/1/code", "IKU-2")
            try steps.type("indicators/1/name", "Indeks yang dihapus")
            try steps.add("indicators")
            try steps.type("indicators/2/code", "IKU-3")
            try steps.type("indicators/2/name", "Indeks Kepuasan Masyarakat")
            try steps.type("indicators/2/polarity", "lower")
            try steps.type("indicators/2/target", "82,5")

            // Programs 2 and 3; kegiatan 1.1–1.3 (a press from the keyboard for the first), sub kegiatan under 1.3 and 3.1.
            try steps.type("budget/programs/0/pagu", "1.000.000")
            try steps.add("budget/programs")
            try steps.type("budget/programs/1/code", "P2")
            try steps.type("budget/programs/1/pagu", "2.000.000")
            try steps.add("budget/programs")
            try steps.type("budget/programs/2/code", "P3")
            try steps.type("budget/programs/2/pagu", "4.000.000,50")
            #expect(try steps.evaluate("document.querySelector('[data-sum=pagu]').textContent") as? String == "7.000.000,5")
            _ = try steps.evaluate("document.querySelector('button[value=\"add:budget/programs/0/kegiatan\"]').focus()")
            for type in ["keyDown", "keyUp"] {
                try chromium.send("Input.dispatchKeyEvent", ["type": type, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13]
                    .merging(type == "keyDown" ? ["text": "\r"] : [:]) { $1 })
            }
            let added = steps.model.addRow("budget/programs/0/kegiatan")
            #expect(added)
            #expect(try steps.focused == "f-budget-programs-0-kegiatan-0-code")
            #expect(try steps.said == "Kegiatan 1.1 ditambahkan.")
            try steps.type("budget/programs/0/kegiatan/0/code", "K1.1")
            try steps.add("budget/programs/0/kegiatan")
            try steps.type("budget/programs/0/kegiatan/1/code", "K1.2")
            try steps.type("budget/programs/0/kegiatan/1/pagu", "300")
            try steps.add("budget/programs/0/kegiatan/1/sub_kegiatan")
            try steps.type("budget/programs/0/kegiatan/1/sub_kegiatan/0/code", "S1.2.1")
            try steps.add("budget/programs/0/kegiatan")
            try steps.type("budget/programs/0/kegiatan/2/code", "K1.3")
            try steps.add("budget/programs/0/kegiatan/2/sub_kegiatan")
            try steps.type("budget/programs/0/kegiatan/2/sub_kegiatan/0/code", "S1.3.1")
            try steps.add("budget/programs/0/kegiatan/2/sub_kegiatan")
            #expect(try steps.evaluate("document.querySelector('#r-budget-programs-0-kegiatan-2-sub_kegiatan-1 > legend').textContent") as? String
                    == "Sub kegiatan 1.3.2")
            try steps.type("budget/programs/0/kegiatan/2/sub_kegiatan/1/code", "S1.3.2")
            try steps.type("budget/programs/0/kegiatan/2/sub_kegiatan/1/belanja", "modal")
            try steps.type("budget/programs/0/kegiatan/2/sub_kegiatan/1/pagu", "150")
            try steps.add("budget/programs/2/kegiatan")
            try steps.type("budget/programs/2/kegiatan/0/code", "K3.1")
            try steps.add("budget/programs/2/kegiatan/0/sub_kegiatan")
            try steps.type("budget/programs/2/kegiatan/0/sub_kegiatan/0/code", "S3.1.1")
            try steps.type("budget/programs/2/kegiatan/0/sub_kegiatan/0/kelurahan", "14.72.02.1002")

            // A PBB-P2 row and two awards (a new award is the city's, as on the server).
            try steps.add("pbb")
            try steps.type("pbb/0/kelurahan", "14.72.02.1001")
            try steps.type("pbb/0/ketetapan", "1.250.000")
            try steps.add("awards")
            try steps.add("awards")
            try steps.type("awards/1/title", "Kelurahan terbersih")
            try steps.type("awards/1/place", "2")
            #expect(try steps.value("f-awards-0-level") == "kota")
            try Page.shoot(chromium, "rows-added")

            // Middle rows removed: kegiatan 1.2 with its sub kegiatan, then program 2, then indicator 2.
            try steps.remove("budget/programs/0/kegiatan", 1)
            #expect(try steps.value("f-budget-programs-0-kegiatan-1-code") == "K1.3")
            #expect(try steps.value("f-budget-programs-0-kegiatan-1-sub_kegiatan-1-pagu") == "150")
            #expect(try steps.evaluate("document.querySelector('label[for=\"f-budget-programs-0-kegiatan-1-sub_kegiatan-1-pagu\"]') !== null") as? Bool == true)
            #expect(try steps.evaluate("document.getElementById('f-budget-programs-0-kegiatan-2-code') === null") as? Bool == true)
            #expect(try steps.focused == "f-budget-programs-0-kegiatan-1-code")
            #expect(try steps.said == Catalog.Forms.rowRemoved(Catalog.Forms.rowHeading("kegiatan", "1.2"))(.id))
            try steps.remove("budget/programs", 1)
            #expect(try steps.value("f-budget-programs-1-code") == "P3")
            #expect(try steps.value("f-budget-programs-1-kegiatan-0-sub_kegiatan-0-kelurahan") == "14.72.02.1002")
            #expect(try steps.evaluate("document.querySelector('button[value=\"add:budget/programs/1/kegiatan/0/sub_kegiatan\"]') !== null") as? Bool == true)
            #expect(try steps.evaluate("document.querySelector('#r-budget-programs-1-kegiatan-0-sub_kegiatan-0 > legend').textContent") as? String
                    == "Sub kegiatan 2.1.1")
            #expect(try steps.evaluate("document.querySelector('#r-budget-programs-1 > button.remove').textContent") as? String == "Hapus program 2")
            #expect(try steps.evaluate("document.querySelector('[data-sum=pagu]').textContent") as? String == "5.000.000,5")
            try steps.remove("indicators", 1)
            #expect(try steps.value("f-indicators-1-code") == "IKU-3")
            #expect(try steps.value("f-indicators-1-polarity") == "lower")
            #expect(try steps.focused == "f-indicators-1-code")
            // The last award removed: the focus goes to the list's Tambah button.
            try steps.remove("awards", 1)
            #expect(try steps.focused == "add:awards")

            #expect(try steps.evaluate("window.__marker") as? Int == 1, "a page was loaded")
            #expect(try steps.evaluate("location.href") as? String == address)
            #expect(try steps.evaluate("history.length") as? Int == history)
            #expect(try steps.evaluate("document.documentElement.scrollWidth") as? Int == 375, "the form scrolls sideways on a phone")
            try Page.shoot(chromium, "rows-removed")

            // Simpan: the page the server renders from the draft is the page the script made, and the
            // draft is what the same steps give on the server's form.
            let inPlace = try steps.sections()
            try await Page.click(chromium, "button[value=save]")
            #expect(try steps.evaluate("location.search") as? String == "?m=saved")
            #expect(try steps.sections() == inPlace)
            let key = FormDraftKey(region: RegionCode(Page.region)!, year: 2023, period: .fy)
            let draft = try #require(try await database.client.withConnection { conn in try FormDraftStore.load(key, on: conn) })
            let lists = ["indicators/", "budget/programs/", "pbb/", "awards/"]
            let rows = draft.fields.filter { field in lists.contains { field.key.hasPrefix($0) } }
            #expect(rows == steps.model.fields)
            let others = draft.fields.filter { field in !lists.contains { field.key.hasPrefix($0) } }
            #expect(!others.isEmpty && others.values.allSatisfy(\.isEmpty))
            // Read as the document: the rows typed, in order, with their values.
            let (bytes, typing) = ReportForm(region: key.region, year: 2023, period: .fy, fields: draft.fields).document()
            #expect(typing.isEmpty)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            let indicators = try #require(document["indicators"] as? [[String: Any]])
            #expect(indicators.compactMap { $0["code"] as? String } == ["IKU-1", "IKU-3"])
            let programs = try #require((document["budget"] as? [String: Any])?["programs"] as? [[String: Any]])
            #expect(programs.count == 2 && programs.last?["code"] as? String == "P3")
            let kegiatan = programs.map { ($0["kegiatan"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
            #expect(kegiatan == [["K1.1", "K1.3"], ["K3.1"]])

            // English: the announcement in the page's language.
            try await chromium.navigate(rekapd.base + Page.formPath + "?lang=en")
            _ = try steps.evaluate("window.__marker = 2")
            try steps.press("add:indicators")
            #expect(try steps.said == Catalog.Forms.rowAdded(Catalog.Forms.rowHeading("indikator", "3"))(.en))
            #expect(try steps.evaluate("window.__marker") as? Int == 2)
            // A full list takes no row more, and says so (as the server's Tambah would).
            let limit = ReportFormSchema.awards.limit
            let rowCount = "document.querySelectorAll('#s-award ~ fieldset.row').length"
            _ = try steps.evaluate("""
                (() => { const b = document.querySelector('button[value="add:awards"]'); for (let i = \(rowCount); i <= \(limit); i++) b.click() })()
                """)
            #expect(try steps.evaluate(rowCount) as? Int == limit)
            #expect(try steps.said == Catalog.Forms.rowNotAdded(.en))
            #expect(try steps.value("f-awards-\(limit - 1)-level") == "kota")
            try await rekapd.stop()
        }
    }
}
