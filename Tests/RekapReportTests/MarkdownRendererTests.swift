import Foundation
import RekapDomain
import Testing
@testable import RekapReport

@Suite struct MarkdownRendererTests {
    let markdown = MarkdownRenderer.render(SampleReport.report)

    @Test func everyTableHasAHeading() {
        for table in SampleReport.report.chapters().flatMap(\.tables) {
            #expect(markdown.contains("### \(MarkdownRenderer.escape(table.title))\n"), "missing \(table.title)")
        }
        #expect(markdown.hasPrefix("# Laporan konsolidasi Dumai (14.72) 2023\n"))
        #expect(markdown.contains("> **Peringatan:** 2 laporan disimpan setelah konsolidasi terakhir"))
    }

    @Test func namesCannotBreakTablesOrInjectHTML() {
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("\\<script\\>alert(\"x\")\\</script\\> & 'Sungai'"))
        #expect(markdown.contains("Jaya Mukti \\| Baru"))
        #expect(MarkdownRenderer.escape("a &amp; b & c\nd") == "a \\&amp; b & c d")
        // Every table row has as many cells as its header: no name split a row.
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false)
            #expect(cells.count >= 3)
        }
        let programTable = markdown.components(separatedBy: "### Realisasi Anggaran per Program (lih. Tabel 3.7)\n")[1].components(separatedBy: "\n\n### ")[0]
        let pipeCounts = Set(programTable.split(separator: "\n").filter { $0.hasPrefix("|") }
            .map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count })
        #expect(pipeCounts == [9])
    }

    @Test func numbersAreExactAndAligned() {
        let lines = markdown.split(separator: "\n")
        let program = lines.first { $0.hasPrefix("| 7.01.01 ") }
        let cells = program.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(cells == ["7.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "2", "11000000000", "11121518960",
                          "10955471979", "166046981", "98.51"])
        // Pagu 0 has no penyerapan: a dash, not 0.00.
        #expect(lines.first { $0.hasPrefix("| 7.01.05 ") }?.hasSuffix("|            — |") == true)
        #expect(markdown.contains("**11121538960**"))
        // Padded columns: every line of a table is as long as its header, numbers right-aligned.
        let table = lines.drop { !$0.hasPrefix("| Kode ") }.prefix { $0.hasPrefix("|") }
        #expect(Set(table.map(\.count)).count == 1)
        #expect(table.dropFirst().first?.hasSuffix("-: |") == true)
    }

    @Test func emptySectionsSayNoData() {
        let empty = MarkdownRenderer.render(SampleReport.empty)
        let tables = SampleReport.empty.chapters().flatMap(\.tables)
        #expect(empty.components(separatedBy: "\nBelum ada data.\n").count - 1 == tables.count)
        #expect(!empty.contains("Peringatan"))
    }
}
