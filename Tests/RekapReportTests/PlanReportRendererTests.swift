import Foundation
import RekapDomain
import Testing
@testable import RekapReport

/// The plan figures of the city report (issue 12) in every format: the PK target beside the reported
/// target, Tabel 3.4 and 3.5's shapes, quarterly capaian against the PK, and findings across documents
/// naming both documents. Figures are the seed's (Dumai Timur 2023).
@Suite struct PlanReportRendererTests {
    static let pkMurni = "PK murni 2023 14.72.02"
    static let renstra = "Renstra 2022–2026 14.72.02"

    static var report: CityReport {
        var report = SampleReport.empty
        report.iku = [
            IKURow(kecamatan: SampleReport.dumaiTimur, code: "IKM", name: "Indeks Kepuasan Masyarakat", sasaran: "Meningkatnya kualitas pelayanan",
                   unit: "indeks", target: 87, realisasi: SampleReport.decimal("91.72"), renstraTarget: 88,
                   previous: IKURow.Previous(target: 87, realisasi: 90, source: .reported),
                   pkTarget: PlanTarget(value: 92, document: pkMurni), renstraEnd: PlanTarget(value: 91, document: renstra)),
            // Nothing stored beside it: the reported Renstra target stands in, no PK column.
            IKURow(kecamatan: SampleReport.hostile, code: "PTPU", name: "Persentase Pelaksanaan Tugas", target: 100, realisasi: 100,
                   renstraTarget: 100),
        ]
        report.quarterPlanCapaian = [
            QuarterPlanCapaian(region: SampleReport.dumaiTimur, period: .q2, code: "IKM", name: "Indeks Kepuasan Masyarakat",
                               target: 40, realisasi: 45, pkTarget: PlanTarget(value: 50, document: pkMurni)),
        ]
        report.crossFindings = [
            CrossDocumentFinding(region: SampleReport.dumaiTimur, severity: .warning, rule: "plan.pk-target-vs-report",
                                 subject: .init(document: "LKjIP 2023 14.72.02", id: 17, revision: 1, pointer: "/indicators/0/target"),
                                 against: .init(document: pkMurni, id: 18, revision: 2, pointer: "/indicators/0/target"),
                                 text: LocalizedText(id: "IKM: laporan mengukur terhadap target 87, padahal PK murni 2023 14.72.02 yang ditandatangani menetapkan 92",
                                                     en: "IKM: the report measures against target 87 but the signed PK murni 2023 14.72.02 sets 92")),
        ]
        return report
    }

    @Test func capaianStaysAgainstTheReportedTargetWithThePKsBesideIt() {
        let row = Self.report.iku[0]
        #expect(row.capaian.map(DecimalText.percent) == "105.43")
        #expect(row.pkCapaian.map(DecimalText.percent) == "99.70")   // 91.72 ÷ 92
        #expect(row.renstraEndTarget == 91)                           // the stored Renstra's, not the 88 the report states
        #expect(row.renstraProgress.map(DecimalText.percent) == "100.79")
        #expect(Self.report.iku[1].renstraEndTarget == 100)          // no Renstra stored: the reported one
        #expect(Self.report.iku[1].pkCapaian == nil)
        #expect(Self.report.quarterPlanCapaian[0].capaian.map(DecimalText.percent) == "112.50")
        #expect(Self.report.quarterPlanCapaian[0].pkCapaian.map(DecimalText.percent) == "90.00")
    }

    @Test func csvHasThePlanColumnsAndTables() throws {
        let records = try CSVReader.records(CSVRenderer.render(Self.report))
        // Each table is a block with its own header row (first field "section").
        func rows(_ section: String) -> [[String: String]] {
            var header: [String] = []
            var result: [[String: String]] = []
            for record in records {
                if record.first == "section" { header = record } else if record.first == section {
                    result.append(Dictionary(zip(header, record), uniquingKeysWith: { first, _ in first }))
                }
            }
            return result
        }
        let iku = rows("iku-kecamatan")
        #expect(iku.first?["target"] == "87")
        #expect(iku.first?["target_pk"] == "92")
        #expect(iku.first?["capaian_pk"] == "99.70")
        let previous = rows("iku-tahun-lalu")
        #expect(previous.first?["target_previous"] == "87" && previous.first?["realisasi_previous"] == "90")
        #expect(previous.first?["capaian_previous"] == "103.45")
        #expect(previous.first?["source_previous"] == "dinyatakan laporan")
        let renstra = rows("iku-renstra")
        #expect(renstra.count == 2)
        #expect(renstra.first?["renstra_end_target"] == "91" && renstra.first?["renstra_target"] == "88")
        #expect(renstra.first?["progress"] == "100.79")
        #expect(renstra.first?["renstra"] == Self.renstra)
        let quarters = rows("iku-triwulan-pk")
        #expect(quarters.first?["period"] == "Q2" && quarters.first?["target_pk"] == "50" && quarters.first?["capaian_pk"] == "90.00")
        let cross = rows("cross-findings")
        #expect(cross.first?["document"] == "LKjIP 2023 14.72.02 rev. 1")
        #expect(cross.first?["against"] == "\(Self.pkMurni) rev. 2")
        #expect(cross.first?["against_id"] == "18" && cross.first?["against_pointer"] == "/indicators/0/target")
        // The message in the reader's language: Bahasa Indonesia by default, English on request.
        #expect(cross.first?["message"] == "IKM: laporan mengukur terhadap target 87, padahal PK murni 2023 14.72.02 yang ditandatangani menetapkan 92")
    }

    @Test func htmlReportShowsCrossFindingsInTheReadersLanguage() {
        let indonesian = HTMLRenderer.render(Self.report)
        #expect(indonesian.contains("IKM: laporan mengukur terhadap target 87, padahal PK murni 2023 14.72.02 yang ditandatangani menetapkan 92"))
        #expect(!indonesian.contains("the report measures against"))
        let english = HTMLRenderer.render(Self.report, language: .en)
        #expect(english.contains("IKM: the report measures against target 87 but the signed PK murni 2023 14.72.02 sets 92"))
    }

    @Test func markdownAndHTMLShowTheNewTablesWithBothDocuments() {
        // Markdown prints plain exact digits, HTML the reader's way (Bahasa Indonesia: 100,79).
        for (text, progress) in [(MarkdownRenderer.render(Self.report), "100.79"), (HTMLRenderer.render(Self.report), "100,79")] {
            #expect(text.contains("Capaian Tahun Lalu dan Tahun Ini"))
            #expect(text.contains("Kemajuan terhadap Target Akhir Renstra"))
            #expect(text.contains("Capaian Triwulan terhadap Target PK"))
            #expect(text.contains("Target PK 2023"))
            #expect(text.contains("Temuan Lintas Dokumen"))
            #expect(text.contains("LKjIP 2023 14.72.02 rev. 1"))
            #expect(text.contains("\(Self.pkMurni) rev. 2"))
            #expect(text.contains(progress))
        }
    }

    @Test func jsonAddsFieldsAndKeepsTheOldOnes() throws {
        let value = try JSONParser().parse(JSONRenderer.render(Self.report))
        let iku = value["iku"]?["kecamatan"].flatMap { if case .array(let items) = $0 { items.first } else { nil } }
        #expect(iku?["target"] == .string("87"))
        #expect(iku?["capaian"] == .string("105.43"))
        #expect(iku?["pk_target"]?["value"] == .string("92"))
        #expect(iku?["pk_target"]?["document"] == .string(Self.pkMurni))
        #expect(iku?["capaian_pk"] == .string("99.70"))
        #expect(iku?["renstra_end"]?["value"] == .string("91"))
        #expect(iku?["renstra_progress"] == .string("100.79"))
        #expect(iku?["previous"]?["source"] == .string("reported"))
        let quarter = value["quarter_plan_capaian"].flatMap { if case .array(let items) = $0 { items.first } else { nil } }
        #expect(quarter?["capaian_pk"] == .string("90.00"))
        let cross = value["cross_findings"].flatMap { if case .array(let items) = $0 { items.first } else { nil } }
        #expect(cross?["subject"]?["document"] == .string("LKjIP 2023 14.72.02"))
        #expect(cross?["against"]?["id"] == .number("18"))
        #expect(cross?["against"]?["revision"] == .number("2"))
        #expect(cross?["region"]?["code"] == .string("14.72.02"))
    }

    @Test func dashboardListsCrossFindingsPerKecamatanWithBothDocuments() {
        var findings = Self.report.crossFindings
        // A kelurahan's finding is listed under its kecamatan; names are escaped.
        findings.append(CrossDocumentFinding(region: SampleReport.jayaMukti, severity: .info, rule: "plan.program-not-in-pk",
                                             subject: .init(document: "LKjIP 2023 14.72.02.1003", id: 30, revision: 1, pointer: "/budget/programs/0/pagu"),
                                             against: .init(document: "PK perubahan 2023 14.72.02.1003", id: 31, revision: 1, pointer: "/programs"),
                                             text: LocalizedText(id: "program <b> tidak tercantum", en: "program <b> is not listed")))
        let dashboard = CityDashboard(city: SampleReport.city, year: 2023, generatedAt: SampleReport.generatedAt, crossFindings: findings)
        let fragment = DashboardRenderer.fragment(dashboard)
        #expect(fragment.contains("<h2 id=\"temuan-lintas-h\">Temuan Lintas Dokumen</h2>"))
        #expect(fragment.contains("<h3>Dumai Timur <span class=\"where\">14.72.02 · 2 temuan</span></h3>"))
        #expect(fragment.contains("<span class=\"doc\">LKjIP 2023 14.72.02 (id 17, revisi 1) /indicators/0/target</span> ↔ <span class=\"doc\">\(Self.pkMurni) (id 18, revisi 2) /indicators/0/target</span>"))
        #expect(fragment.contains("PK perubahan 2023 14.72.02.1003 (id 31, revisi 1) /programs"))
        #expect(fragment.contains("program &lt;b&gt; tidak tercantum"))
        #expect(!fragment.contains("is not listed"))
        let english = DashboardRenderer.fragment(dashboard, language: .en)
        #expect(english.contains("<h2 id=\"temuan-lintas-h\">Findings across documents</h2>"))
        #expect(english.contains("<h3>Dumai Timur <span class=\"where\">14.72.02 · 2 findings</span></h3>"))
        #expect(english.contains("program &lt;b&gt; is not listed"))
        #expect(!english.contains("Temuan Lintas Dokumen"))
        let none = DashboardRenderer.fragment(CityDashboard(city: SampleReport.city, year: 2023, generatedAt: SampleReport.generatedAt))
        #expect(none.contains("Tidak ada temuan lintas dokumen."))
    }
}
