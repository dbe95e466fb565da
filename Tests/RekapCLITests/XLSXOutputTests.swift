import Foundation
import RekapTestSupport
import Testing

/// `--format xlsx` on every `rekap rank` command and on `rekap report`, checked through openpyxl: one
/// sheet per table, numbers as numbers (percentages as fractions with a percent format), headers
/// frozen, and the same figures as the JSON output.
extension RankCommandTests {
    /// openpyxl's view of the workbook a command wrote, nil (skipped) without openpyxl.
    func workbook(_ arguments: [String], url: String, folder: URL) async throws -> [[String: Any]]? {
        let file = folder.appendingPathComponent("out-\(UUID().uuidString).xlsx")
        let run = try await runRekap(arguments + ["--format", "xlsx", "--output", file.path, "--database", url])
        #expect(run.status == 0, "\(arguments): \(run)")
        #expect(run.stdout.isEmpty)
        guard let description = try await SpreadsheetTools.openpyxl(file) else {
            print("openpyxl is not installed (pip install openpyxl): xlsx output checks skipped")
            return nil
        }
        return description["sheets"] as? [[String: Any]]
    }

    @Test func everyRankingAsAWorkbookHoldsTheJSONFigures() async throws {
        try await withDumai("cli_rank_xlsx") { url, folder in
            let commands: [[String]] = [
                ["rank", "pbb", "--city", "14.72", "--year", "2023", "--level", "kelurahan"],
                ["rank", "pbb", "--city", "14.72", "--year", "2023", "--level", "kecamatan", "--as-of", "2023-06-30"],
                ["rank", "iku", "--city", "14.72", "--year", "2023"],
                ["rank", "penyerapan", "--city", "14.72", "--year", "2023", "--lowest"],
            ]
            for command in commands {
                let json = try rows(try await runRekap(command + ["--format", "json", "--database", url]))
                guard let sheets = try await workbook(command, url: url, folder: folder) else { return }
                let sheet = try #require(sheets.first)
                let cells = try #require(sheet["cells"] as? [String: [String: Any]])
                #expect(sheets.count == 1 && sheet["name"] as? String == "Peringkat")
                // Title, city, year, as-of, the board's title and note, a blank row: headers in row 7.
                #expect((cells["A2"]?["v"] as? String) == "Kota: 14.72" && (cells["A3"]?["v"] as? String) == "Tahun: 2023")
                #expect(sheet["freeze"] as? String == "A8")
                #expect(cells["A7"]?["v"] as? String == "Peringkat" && cells["A7"]?["bold"] as? Bool == true)
                for (index, row) in json.enumerated() {
                    let line = 8 + index
                    #expect(cells["B\(line)"]?["v"] as? String == row["region"] as? String, "\(command) B\(line)")
                    guard let value = row["value"] as? String else { continue }
                    let percent = try #require(cells["D\(line)"])
                    #expect(percent["t"] as? String == "n" && percent["f"] as? String == "0.00%")
                    let fraction = try #require(Decimal(string: percent["v"] as! String))
                    #expect(abs(fraction * 100 - Decimal(string: value)!) < Decimal(string: "0.005")!, "\(command) D\(line)")
                    if let numerator = row["numerator"] as? String {
                        #expect(cells["E\(line)"]?["t"] as? String == "n")
                        // Exact, or (a Σ of capaian with 20 decimals) rounded to the 6 decimals a spreadsheet holds.
                        let shown = try #require(Decimal(string: cells["E\(line)"]?["v"] as! String))
                        #expect(abs(shown - Decimal(string: numerator)!) < Decimal(string: "0.000001")!, "\(command) E\(line)")
                    }
                }
            }
            let medals = try rows(try await runRekap(["rank", "awards", "--city", "14.72", "--year", "2023", "--format", "json", "--database", url]))
            guard let sheets = try await workbook(["rank", "awards", "--city", "14.72", "--year", "2023"], url: url, folder: folder) else { return }
            let cells = try #require(sheets.first?["cells"] as? [String: [String: Any]])
            // Each region's line (headers in row 8: the medal table's own title is a line of its own).
            #expect(cells["A8"]?["v"] as? String == "Peringkat")
            for row in medals {
                let line = try #require((9..<(9 + medals.count)).first { cells["B\($0)"]?["v"] as? String == row["region"] as? String })
                #expect(cells["A\(line)"]?["v"] as? String == "\(row["rank"] as! Int)")
                #expect(cells["D\(line)"]?["t"] as? String == "n" && cells["D\(line)"]?["v"] as? String == "\(row["gold"] as! Int)")
            }
        }
    }

    @Test func theReportAsAWorkbookHasOneSheetPerTable() async throws {
        try await withDumai("cli_report_xlsx") { url, folder in
            guard let sheets = try await workbook(["report", "--city", "14.72", "--year", "2023"], url: url, folder: folder) else { return }
            let names = sheets.compactMap { $0["name"] as? String }
            #expect(names.starts(with: ["iku-kecamatan", "iku-tahun-lalu", "iku-renstra", "iku-triwulan-pk", "iku-city", "budget-programs",
                                        "budget-belanja", "efisiensi", "pbb-kecamatan", "pbb-kelurahan"]))
            #expect(names.contains("cross-findings"))
            #expect(names.contains("findings") && names.contains("completeness") && names.contains("rank-awards"))
            for sheet in sheets {
                let cells = try #require(sheet["cells"] as? [String: [String: Any]])
                #expect(cells["A1"]?["v"] as? String == "Laporan konsolidasi Kota Dumai 2023")
                #expect(cells["A2"]?["v"] as? String == "Kota: Kota Dumai (14.72)")
                #expect(cells["A3"]?["v"] as? String == "Tahun: 2023")
                #expect((cells["A4"]?["v"] as? String)?.hasPrefix("Dibuat: ") == true)
                #expect((cells["A5"]?["v"] as? String)?.hasPrefix("Agregat dihitung: ") == true)
                #expect(sheet["freeze"] != nil)
            }
            // The belanja table: amounts are numbers with the grouped format, penyerapan a percentage.
            let belanja = try #require(sheets.first { $0["name"] as? String == "budget-belanja" })
            let cells = try #require(belanja["cells"] as? [String: [String: Any]])
            let amounts = cells.filter { $0.key.hasPrefix("B") && $0.value["t"] as? String == "n" }
            #expect(!amounts.isEmpty && amounts.allSatisfy { $0.value["f"] as? String == "#,##0" || $0.value["f"] as? String == "#,##0.00" })
            #expect(cells.contains { $0.key.hasPrefix("E") && $0.value["f"] as? String == "0.00%" && $0.value["t"] as? String == "n" })
        }
    }

    /// The workbooks people open are in Bahasa Indonesia by default and in English with `--lang en`:
    /// titles, headings and words in cells; the sheets keep their names (the tables' ids).
    @Test func workbooksAreIndonesianByDefaultAndEnglishWithLangEn() async throws {
        try await withDumai("cli_xlsx_lang") { url, folder in
            func texts(_ sheets: [[String: Any]], _ name: String) -> Set<String> {
                let sheet = sheets.first { $0["name"] as? String == name }
                let cells = sheet?["cells"] as? [String: [String: Any]] ?? [:]
                return Set(cells.values.compactMap { $0["v"] as? String })
            }
            let report = ["report", "--city", "14.72", "--year", "2023"]
            guard let indonesian = try await workbook(report, url: url, folder: folder),
                  let english = try await workbook(report + ["--lang", "en"], url: url, folder: folder) else { return }
            #expect(indonesian.compactMap { $0["name"] as? String } == english.compactMap { $0["name"] as? String })
            #expect(texts(indonesian, "findings").isSuperset(of: ["Temuan Terbuka per Laporan", "Aturan", "Letak", "Uraian Temuan", "Kode wilayah"]))
            #expect(texts(english, "findings").isSuperset(of: ["Open findings by submission", "Rule", "Pointer", "Message", "Region code"]))
            #expect(texts(indonesian, "budget-belanja").isSuperset(of: ["Jenis Belanja", "Belanja Operasi", "Jumlah", "Sisa Anggaran"]))
            #expect(texts(english, "budget-belanja").isSuperset(of: ["Belanja type", "Operating (operasi)", "Total"]))
            #expect(texts(indonesian, "iku-city").contains("IKU Tingkat Kota") && !texts(indonesian, "iku-city").contains("IKU across the city"))

            let rank = ["rank", "penyerapan", "--city", "14.72", "--year", "2023"]
            guard let rankID = try await workbook(rank, url: url, folder: folder),
                  let rankEN = try await workbook(rank + ["--lang", "en"], url: url, folder: folder) else { return }
            #expect(rankID.first?["name"] as? String == "Peringkat" && rankEN.first?["name"] as? String == "Ranking")
            #expect(texts(rankID, "Peringkat").isSuperset(of: ["Penyerapan anggaran 2023 (%) per kecamatan", "Peringkat", "Wilayah", "Nilai %", "Kota: 14.72"]))
            #expect(texts(rankEN, "Ranking").isSuperset(of: ["Budget 2023 penyerapan % per kecamatan", "Rank", "Region", "Value %", "City: 14.72"]))
        }
    }
}
