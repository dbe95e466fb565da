import Foundation
import RekapDomain
import Testing
@testable import RekapReport

/// The report in the reader's language (issue #13): Bahasa Indonesia by default in every format,
/// English on request; CSV and JSON keys the same in both.
@Suite struct ReportLanguageTests {
    /// The sample report with one finding that has both texts, as every finding stored now has.
    static let report: CityReport = {
        var report = SampleReport.report
        report.findings[0].findings.append(.init(
            severity: .warning, rule: "budget.pagu-murni-mismatch", pointer: "/budget/total/pagu_murni",
            text: LocalizedText(id: "pagu murni 11.000.000.000 berbeda dari jumlah program 10.900.000.000",
                                en: "pagu murni 11000000000 differs from the programs' sum 10900000000")))
        return report
    }()

    /// The English titles, notes and headings the report printed before it had a language: none may
    /// be left in the Indonesian report.
    static let oldEnglish = [
        "IKU across the city", "Budget realisation by program", "Budget realisation by belanja type", "Open findings by submission",
        "IKU capaian by kecamatan, 2023", "Efisiensi penggunaan sumber daya by kecamatan", "PBB-P2 by kecamatan", "PBB-P2 by kelurahan and desa",
        "Medal table of kelurahan", "Submissions for 2023 by period", "(leaderboards)", "(open findings)", "(completeness)", "(cf. Tabel",
        "No data.", "Programs matched across kecamatan", "Podium places from the awards", "regions that owe the annual report",
        "Findings of each region's latest revision", "Realisasi = pokok paid", "Capaian % over the kecamatan",
    ]
    /// English column headings of the same tables.
    static let oldEnglishHeadings: Set<String> = [
        "Indicator", "Name", "Unit", "Region", "Mean %", "Min %", "Max %", "Reporting", "Rule", "Pointer", "Message", "Severity",
        "Submission", "Period", "Code", "Level", "Source", "As of", "Rank", "Value %", "Other", "Renstra target", "IKU capaian %",
    ]

    @Test func theTablesAreIndonesianByDefault() {
        let tables = Self.report.chapters().flatMap(\.tables)
        let titles = tables.map(\.title)
        for title in ["IKU Tingkat Kota", "Realisasi Anggaran per Program (lih. Tabel 3.7)", "Realisasi Anggaran per Jenis Belanja",
                      "Temuan Terbuka per Laporan", "Klasemen Medali Kelurahan (penghargaan)", "PBB-P2 per Kelurahan dan Desa"] {
            #expect(titles.contains(title), "\(title)")
        }
        #expect(Self.report.chapters().map(\.title) == ["Kinerja: Indikator Kinerja Utama (lih. Tabel 3.3–3.5)",
                                                        "Akuntabilitas Keuangan (lih. Tabel 3.7–3.10)", "PBB-P2", "Peringkat",
                                                        "Kelengkapan Laporan", "Temuan"])
        func headings(_ id: String) -> [String] { tables.first { $0.id == id }?.columns.map(\.heading) ?? [] }
        #expect(headings("iku-kecamatan").prefix(4) == ["Kecamatan", "Indikator", "Indikator Kinerja", "Satuan"])
        #expect(headings("iku-city").prefix(4) == ["Indikator", "Indikator Kinerja", "Melapor", "Rata-rata %"])
        #expect(headings("budget-programs").suffix(4) == ["Pagu", "Realisasi", "Sisa Anggaran", "Penyerapan %"])
        #expect(headings("budget-belanja").first == "Jenis Belanja")
        #expect(headings("findings") == ["Laporan", "Wilayah", "Periode", "Rev.", "Tingkat", "Aturan", "Letak", "Uraian Temuan"])
        #expect(headings("rank-iku").prefix(3) == ["Peringkat", "Wilayah", "Nilai %"])
        let everyHeading = Set(tables.flatMap { $0.columns.map(\.heading) })
        #expect(everyHeading.isDisjoint(with: Self.oldEnglishHeadings), "\(everyHeading.intersection(Self.oldEnglishHeadings))")
        // Words in cells: total lines, belanja types, severities.
        let programs = tables.first { $0.id == "budget-programs" }
        #expect(programs?.footer?[1].humanText(.id) == "Jumlah")
        let belanja = tables.first { $0.id == "budget-belanja" }
        #expect(belanja?.rows.map { $0[0].humanText(.id) } == ["Belanja Operasi", "Belanja Modal"])
        #expect(tables.first { $0.id == "findings" }?.rows.map { $0[4].humanText(.id) } == ["galat", "peringatan", "peringatan"])
    }

    @Test func markdownAndHTMLHaveNoEnglishLeftByDefault() {
        for (format, text) in [("md", MarkdownRenderer.render(Self.report)), ("html", HTMLRenderer.render(Self.report)),
                               ("md, empty", MarkdownRenderer.render(SampleReport.empty)), ("html, empty", HTMLRenderer.render(SampleReport.empty))] {
            for old in Self.oldEnglish {
                #expect(!text.contains(old), "\(format) still says \"\(old)\"")
            }
        }
        let markdown = MarkdownRenderer.render(Self.report)
        #expect(markdown.contains("### IKU Tingkat Kota\n"))
        #expect(markdown.contains("### Temuan Terbuka per Laporan\n"))
        #expect(markdown.contains("| Laporan | Wilayah "))
        #expect(markdown.contains("| Aturan "))
        #expect(markdown.contains("| Uraian Temuan "))
        #expect(markdown.contains("**Jumlah**"))
        #expect(markdown.contains("- **Kota**: Dumai (14.72)\n- **Tahun**: 2023\n"))
        let html = HTMLRenderer.render(Self.report)
        #expect(html.contains("<th scope=\"col\">Uraian Temuan</th>"))
        #expect(html.contains("<h3>Realisasi Anggaran per Jenis Belanja</h3>"))
        #expect(html.contains("<td>Belanja Operasi</td>"))
    }

    @Test func englishOnRequest() {
        let tables = Self.report.chapters(.en).flatMap(\.tables)
        #expect(tables.map(\.title).contains("IKU across the city"))
        #expect(tables.first { $0.id == "findings" }?.columns.map(\.heading)
            == ["Submission", "Region", "Period", "Rev.", "Severity", "Rule", "Pointer", "Message"])
        let markdown = ReportFormatKind.md.render(Self.report, language: .en)
        #expect(markdown.hasPrefix("# Consolidated report Dumai (14.72) 2023\n"))
        #expect(markdown.contains("### Budget realisation by program (cf. Tabel 3.7)\n"))
        #expect(markdown.contains("> **Warning:** "))
        #expect(markdown.contains("**Total**"))
        #expect(!markdown.contains("Uraian Temuan") && !markdown.contains("Jumlah"))
        let html = ReportFormatKind.html.render(Self.report, language: .en)
        #expect(html.contains("<th scope=\"col\">Message</th>"))
        #expect(html.contains("<h3>Open findings by submission</h3>"))
        #expect(!html.contains("Temuan Terbuka per Laporan"))
    }

    @Test func aFindingIsInTheReadersLanguageInMarkdownAndCSV() throws {
        let indonesian = "pagu murni 11.000.000.000 berbeda dari jumlah program 10.900.000.000"
        let english = "pagu murni 11000000000 differs from the programs' sum 10900000000"
        let markdown = ReportFormatKind.md.render(Self.report)
        #expect(markdown.contains(indonesian) && !markdown.contains(english))
        let markdownEN = ReportFormatKind.md.render(Self.report, language: .en)
        #expect(markdownEN.contains(english) && !markdownEN.contains(indonesian))
        func messages(_ csv: String) throws -> [String] {
            let records = try CSVReader.records(csv)
            let header = try #require(records.first { $0.first == "section" && $0.contains("submission") })
            let column = try #require(header.firstIndex(of: "message"))
            return records.filter { $0.first == "findings" }.map { $0[column] }
        }
        #expect(try messages(ReportFormatKind.csv.render(Self.report)).last == indonesian)
        #expect(try messages(ReportFormatKind.csv.render(Self.report, language: .en)).last == english)
    }

    @Test func csvKeysAndValuesForProgramsAreTheSameInBothLanguages() throws {
        let indonesian = try CSVReader.records(ReportFormatKind.csv.render(Self.report))
        let english = try CSVReader.records(ReportFormatKind.csv.render(Self.report, language: .en))
        #expect(indonesian.filter { $0.first == "section" } == english.filter { $0.first == "section" })
        #expect(indonesian.count == english.count)
        // Severities, belanja types and sources stay keys; only the staleness note, the findings' messages,
        // an undefined efisiensi's reason and the total lines' labels differ.
        #expect(indonesian.first { $0.first == "budget-belanja" }?[1] == "operasi")
        #expect(indonesian.filter { $0.first == "findings" }.map { $0[6] } == ["error", "warning", "warning"])
        let differing = zip(indonesian, english).filter { $0 != $1 }.map { $0.0.first ?? "" }
        #expect(Set(differing) == ["report", "findings", "efisiensi", "budget-programs-total", "budget-belanja-total", "pbb-kecamatan-total"])
        #expect(english.first { $0.first == "iku-tahun-lalu" }?.last == "LKjIP tersimpan")
    }

    @Test func jsonKeepsItsKeysAndTheEnglishMessageBesideTheIndonesian() throws {
        let indonesian = try JSONParser().parse(ReportFormatKind.json.render(Self.report))
        let english = try JSONParser().parse(ReportFormatKind.json.render(Self.report, language: .en))
        for json in [indonesian, english] {
            guard case .array(let submissions)? = json["findings"], case .array(let findings)? = submissions.first?["findings"] else {
                Issue.record("no findings")
                return
            }
            #expect(findings.last?["message"] == .string("pagu murni 11000000000 differs from the programs' sum 10900000000"))
            #expect(findings.last?["message_id"] == .string("pagu murni 11.000.000.000 berbeda dari jumlah program 10.900.000.000"))
        }
        func keys(_ value: JSONValue?) -> [String] {
            guard case .object(let members)? = value else { return [] }
            return members.map(\.key)
        }
        #expect(keys(indonesian) == keys(english))
        // A leaderboard's title is for people: in the reader's language.
        let board = SampleReport.report.leaderboards[0]
        let titled = try JSONParser().parse(JSONRenderer.render(
            { var report = SampleReport.report; report.leaderboards[0].title = LocalizedText(id: "Judul", en: "Title"); return report }()))
        guard case .array(let boards)? = titled["leaderboards"] else { Issue.record("no leaderboards"); return }
        #expect(boards.first?["title"] == .string("Judul"))
        #expect(boards.first?["id"] == .string(board.id))
    }

    @Test func rankingTablesAndWorkbookLinesFollowTheLanguage() {
        let board = SampleReport.report.leaderboards[0]
        #expect(ReportTable.leaderboard(board).columns.map(\.heading).prefix(3) == ["Peringkat", "Wilayah", "Nilai %"])
        #expect(ReportTable.leaderboard(board, .en).columns.map(\.heading).prefix(3) == ["Rank", "Region", "Value %"])
        #expect(ReportTable.medals(SampleReport.report.medals).columns.map(\.heading)
            == ["Peringkat", "Kelurahan", "Juara 1", "Juara 2", "Juara 3", "Juara 1–3", "Lainnya"])
        let city = RegionCode("14.72")!
        #expect(XLSXRenderer.rankingLines(city: city, year: 2023, asOf: nil) == ["Kota: 14.72", "Tahun: 2023", "Per tanggal: data terakhir"])
        #expect(XLSXRenderer.rankingLines(city: city, year: 2023, asOf: nil, language: .en) == ["City: 14.72", "Year: 2023", "As of: the latest data"])
    }
}
