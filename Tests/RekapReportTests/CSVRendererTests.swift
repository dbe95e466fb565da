import Foundation
import RekapDomain
import Testing
@testable import RekapReport

@Suite struct CSVRendererTests {
    let csv = CSVRenderer.render(SampleReport.report)

    /// The blocks: header + rows, split at the empty records between them.
    func blocks(_ text: String) throws -> [[[String]]] {
        var blocks: [[[String]]] = [[]]
        for record in try CSVReader.records(text) {
            if record == [""] { blocks.append([]) } else { blocks[blocks.count - 1].append(record) }
        }
        return blocks
    }

    @Test func oneBlockPerTableEachWithItsHeader() throws {
        let blocks = try blocks(csv)
        let tables = SampleReport.report.chapters().flatMap(\.tables)
        #expect(blocks.count == tables.count + 1)
        #expect(blocks[0] == [["section", "city", "city_name", "year", "generated_at", "aggregated_at", "stale", "staleness_note"],
                              ["report", "14.72", "Dumai", "2023", "2024-02-01T00:00:00Z", "2024-01-31T23:00:00Z", "true",
                               "2 laporan disimpan setelah konsolidasi terakhir (2024-01-31T23:00:00Z); jalankan rekap consolidate"]])
        for (block, table) in zip(blocks.dropFirst(), tables) {
            #expect(block[0].first == "section")
            // Every record of a block has the header's field count; data rows name their section.
            #expect(block.allSatisfy { $0.count == block[0].count }, "\(table.id)")
            #expect(block.dropFirst().allSatisfy { $0[0] == table.id || $0[0] == table.id + "-total" }, "\(table.id)")
            #expect(block.count - 1 == table.rows.count + (table.footer == nil ? 0 : 1))
        }
    }

    @Test func quotingFollowsRFC4180() throws {
        #expect(CSVRenderer.field("plain") == "plain")
        #expect(CSVRenderer.field("a,b") == "\"a,b\"")
        #expect(CSVRenderer.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVRenderer.field("two\nlines") == "\"two\nlines\"")
        #expect(csv.contains("\"Program \"\"Pemberdayaan\"\", Masyarakat & Desa\""))
        #expect(csv.contains("\"<script>alert(\"\"x\"\")</script> & 'Sungai'\""))
        // Read back, the awkward names are exactly what went in.
        let records = try CSVReader.records(csv)
        #expect(records.contains { $0.count > 2 && $0[0] == "budget-programs" && $0[2] == "Program \"Pemberdayaan\", Masyarakat & Desa" })
        #expect(records.contains { $0.count > 2 && $0[0] == "efisiensi" && $0[2] == SampleReport.hostile.name })
        #expect(csv.hasSuffix("\r\n"))
        #expect(!csv.replacingOccurrences(of: "\r\n", with: "").contains("\n") || csv.contains("\"two"))
    }

    @Test func regionColumnsSplitIntoCodeAndName() throws {
        let records = try CSVReader.records(csv)
        let header = try #require(records.first { $0.first == "section" && $0.contains("ketetapan") })
        #expect(header == ["section", "region", "region_name", "ketetapan", "realisasi", "percent", "objek", "objek_lunas",
                           "reached_100_on", "as_of", "source"])
        #expect(records.contains(["pbb-kelurahan", "14.72.02.1003", "Jaya Mukti | Baru", "800000", "800000", "100.00", "10", "10",
                                  "2023-08-17", "2023-12-31", "feed"]))
        #expect(records.contains(["pbb-kecamatan-total", "Jumlah", "", "1250800000", "1100800000", "88.01", "3210", "2910", "",
                                  "2023-12-31", ""]))
    }

    @Test func emptyTablesKeepTheirHeader() throws {
        let blocks = try blocks(CSVRenderer.render(SampleReport.empty))
        #expect(blocks.count == SampleReport.empty.chapters().flatMap(\.tables).count + 1)
        #expect(blocks.dropFirst().allSatisfy { $0.count == 1 && $0[0][0] == "section" })
    }

    @Test func documentedHeadersAreTheOnesWritten() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/report-csv.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for header in try CSVReader.records(csv).filter({ $0.first == "section" }) {
            var line = header.joined(separator: ",")
            // The predikat columns follow the scale in force; the docs list LKjIP's separately.
            if line.hasPrefix("section,indicator,") { line = line.components(separatedBy: ",sangat_berhasil")[0] + "," }
            #expect(text.contains("`\(line)"), "\(line) is not in docs/report-csv.md")
        }
    }

    @Test func everyFormatRendersThroughTheFormatKind() {
        let report = SampleReport.report
        #expect(ReportFormatKind.md.render(report) == MarkdownRenderer.render(report))
        #expect(ReportFormatKind.html.render(report).hasPrefix("<!DOCTYPE html>"))
        #expect(ReportFormatKind.csv.render(report) == csv)
        #expect(ReportFormatKind.json.render(report) == JSONRenderer.render(report))
    }
}
