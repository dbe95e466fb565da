import Foundation
import RekapDomain
import Testing
@testable import RekapReport

@Suite struct HTMLRendererTests {
    let html = HTMLRenderer.render(SampleReport.report)

    @Test func everyTableAndChapterIsThere() {
        for chapter in SampleReport.report.chapters() {
            #expect(html.contains("<section class=\"chapter\" id=\"\(chapter.id)\""))
            for table in chapter.tables {
                #expect(html.contains("<section class=\"table\" id=\"\(table.id)\">\n<h3>\(HTMLEscape.text(table.title))</h3>"), "\(table.id)")
            }
        }
        #expect(html.contains("<p class=\"warning\" role=\"alert\">"))
    }

    @Test func submissionFindingsAreShownInTheReadersLanguage() {
        var report = SampleReport.report
        let text = LocalizedText(id: "pagu murni total berbeda dari jumlah program", en: "pagu murni total differs from the programs' sum")
        report.findings = [SubmissionFindings(submissionID: 7, region: SampleReport.dumaiTimur, period: .fy, revision: 1,
                                              findings: [.init(severity: .warning, rule: "budget.pagu-murni-mismatch", pointer: "/budget/total/pagu_murni", text: text)])]
        #expect(HTMLRenderer.render(report).contains(text.id))
        #expect(!HTMLRenderer.render(report).contains(text.en))
        #expect(HTMLRenderer.render(report, language: .en).contains(HTMLEscape.text(text.en)))
    }

    @Test func selfContained() {
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        // The only address is the SVG namespace, which is a name, not a download.
        let addresses = html.components(separatedBy: "http").count - 1
        #expect(addresses == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
        #expect(html.contains("@media print"))
        #expect(html.contains("<meta name=\"viewport\""))
    }

    @Test func dataIsEscapedEverywhere() {
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Sungai&#39;"))
        #expect(html.contains("Program &quot;Pemberdayaan&quot;, Masyarakat &amp; Desa"))
        #expect(!html.contains("alert(\"x\")"))
        #expect(!html.contains("& 'Sungai'"))
        #expect(HTMLEscape.text("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;")
        // A quote with a combining mark after it is one Character but still a quote that ends an attribute.
        #expect(HTMLEscape.text("x\"\u{301} onmouseover=y") == "x&quot;\u{301} onmouseover=y")
        #expect(HTMLEscape.text("Kecamatan Dumai Timur") == "Kecamatan Dumai Timur")
        #expect(HTMLEscape.text("Teluk Binjai & «Ibu» 🌿") == "Teluk Binjai &amp; «Ibu» 🌿")
    }

    @Test func amountsGroupedPercentagesRounded() {
        #expect(html.contains("<td class=\"num\">11.121.518.960</td>"))
        #expect(html.contains("<td class=\"num\">98,51</td>"))
        #expect(html.contains("<td class=\"missing\">belum ada</td>"))
        #expect(html.contains("<td class=\"sev-error\">galat</td>"))
        #expect(html.contains("<td class=\"pointer\">/<wbr>budget/<wbr>programs/<wbr>0/<wbr>pagu</td>"))
        #expect(html.contains("<td class=\"num\">1.250.000.000</td>"))
    }

    @Test func chartsScaleToTheLargestValueWithTheHundredLine() throws {
        // IKU board: 120.5% and 60%. The scale is 120.5, so 120.5% fills the 460 units and 100% sits at 381.74.
        let start = try #require(html.range(of: "<svg class=\"chart\" viewBox=\"0 0 460 94\" role=\"img\" aria-labelledby=\"chart-rank-iku-title\""))
        let svg = String(html[start.lowerBound...].prefix { $0 != "\u{0}" }).components(separatedBy: "</svg>")[0]
        #expect(svg.contains("<title id=\"chart-rank-iku-title\">IKU capaian by kecamatan</title>"))
        #expect(svg.contains("<rect class=\"bar\" x=\"0\" y=\"23\" width=\"460\" height=\"14\"/>"))
        #expect(svg.contains("<rect class=\"bar\" x=\"0\" y=\"57\" width=\"229.05\" height=\"14\"/>"))
        #expect(svg.contains("<line class=\"reference\" x1=\"381.74\""))
        // A full bar's value goes inside it, so it is not cut off.
        #expect(svg.contains("text-anchor=\"end\">120,50%</text>"))
        #expect(svg.contains("<title>Peringkat 1: Dumai Timur (14.72.02) 120,50%</title>"))
        #expect(svg.contains("&lt;script&gt;"))
        // PBB board: nobody above 100%, so the scale is 100 and 88% is 88% of the width.
        #expect(html.contains("width=\"404.8\""))
    }

    @Test func medalChartStacksPlaces() {
        #expect(html.contains("<rect class=\"gold\""))
        #expect(html.contains("<rect class=\"silver\""))
        #expect(html.contains("<rect class=\"bronze\""))
        #expect(html.contains("0 / 3 / 1"))
    }

    @Test func emptySectionsSayNoData() {
        let empty = HTMLRenderer.render(SampleReport.empty)
        let tables = SampleReport.empty.chapters().flatMap(\.tables)
        #expect(empty.components(separatedBy: "<p class=\"empty\">Belum ada data.</p>").count - 1 == tables.count)
        #expect(!empty.contains("<svg"))
        #expect(!empty.contains("class=\"warning\""))
    }

    @Test func longBoardsChartTheFirstFiftyAndTableAll() {
        var report = SampleReport.empty
        let entries = (1...120).map { n in
            RankingEntry(region: RegionCode("14.72.02.\(1000 + n)")!, name: "Kelurahan \(n)", value: .ratio(numerator: Decimal(n), denominator: 120))
        }
        report.leaderboards = [Leaderboard(kind: .pbb, id: "pbb-kelurahan", title: LocalizedText("PBB"), measure: LocalizedText("%"), entries: Ranking.rank(entries))]
        let html = HTMLRenderer.render(report)
        #expect(html.components(separatedBy: "<rect class=\"bar\"").count - 1 == BarChart.maxBars)
        #expect(html.contains("<figcaption>50 pertama dari 120; tabel memuat semuanya.</figcaption>"))
        #expect(html.contains("Kelurahan 1<span class=\"code\">14.72.02.1001</span>"))
    }

    @Test func theReportIsInBahasaIndonesiaWithTimesInTheCitysZoneAndEnglishOnRequest() {
        let html = HTMLRenderer.render(SampleReport.report)
        #expect(html.contains("<html lang=\"id\">"))
        #expect(html.contains("<h1>Laporan konsolidasi "))
        #expect(html.contains("<nav class=\"toc\" aria-label=\"Daftar isi\">"))
        // 2024-02-01T00:00:00Z is seven in the morning in Dumai (WIB).
        #expect(html.contains("<dt>Dibuat</dt><dd>1 Februari 2024 07.00 WIB</dd>"))
        var makassar = SampleReport.report
        makassar.timeZone = .wita
        #expect(HTMLRenderer.render(makassar).contains("<dt>Dibuat</dt><dd>1 Februari 2024 08.00 WITA</dd>"))
        let english = HTMLRenderer.render(SampleReport.report, language: .en)
        #expect(english.contains("<html lang=\"en\">") && english.contains("<h1>Consolidated report "))
        #expect(english.contains("<dt>Generated at</dt><dd>1 February 2024 07:00 WIB</dd>"))
        #expect(english.contains("<td class=\"num\">11,121,518,960</td>") && english.contains("<td class=\"num\">98.51</td>"))
    }
}
