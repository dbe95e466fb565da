import Foundation
import RekapDomain
import RekapTestSupport
import RekapWorkbook
import Testing
import XLSX

/// The report template as openpyxl (a real reader, not rekap's) sees it: sheets, locked cells,
/// dropdowns, frozen headers, metadata, and every value of the revision it was filled from.
@Suite(.timeLimit(.minutes(5))) struct ReportTemplateTests {
    func describe(_ input: ReportTemplateInput) async throws -> [SheetView]? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-template-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        try ReportTemplate.workbook(input).write(to: file)
        guard let description = try await SpreadsheetTools.openpyxl(file) else {
            print("openpyxl is not installed (pip install openpyxl): template checks skipped")
            return nil
        }
        return SheetView.sheets(description)
    }

    @Test func structureOfATemplateFilledFromARevision() async throws {
        let document = try TemplateFixtures.decode(TemplateFixtures.reportBytes())
        let kelurahan = try TemplateFixtures.kelurahan()
        let input = ReportTemplateInput(region: TemplateFixtures.region, year: 2023, period: .fy, kelurahan: kelurahan,
                                        latest: LatestRevision(revision: 3, document: document), pkTargets: ["IKM": 92])
        guard let sheets = try await describe(input) else { return }
        #expect(sheets.map(\.name) == ["Petunjuk", "Identitas", "Indikator", "Anggaran", "PBB-P2", "Penghargaan", "daftar", "rekap"])
        #expect(sheets.map(\.state) == ["visible", "visible", "visible", "visible", "visible", "visible", "veryHidden", "veryHidden"])
        #expect(sheets.allSatisfy { $0.protected })
        let byName = Dictionary(uniqueKeysWithValues: sheets.map { ($0.name, $0) })

        // Metadata: what the workbook is for, all text.
        let metadata = try #require(byName["rekap"])
        let pairs = Dictionary(uniqueKeysWithValues: (1...6).compactMap { row in metadata.value("A\(row)").map { ($0, metadata.value("B\(row)")) } })
        #expect(pairs == ["layout": WorkbookLayout.version, "document": "report", "region": "14.72.02", "year": "2023", "period": "FY", "revision": "3"])

        // Identitas: identifying cells locked, the signature's unlocked and filled.
        let identity = try #require(byName["Identitas"])
        #expect(identity.value("B3") == "14.72.02" && identity.locked("B3") && identity.type("B3") == "s")
        #expect(identity.value("B5") == "2023" && identity.locked("B5") && identity.type("B5") == "n")
        #expect(identity.value("B6") == "FY" && identity.locked("B6"))
        #expect(identity.value("B8") == document.signed?.by && !identity.locked("B8"))
        #expect(identity.type("B11") == "d" && !identity.locked("B11"))

        // Indikator: headers frozen, values exact as numbers, formula and PK target locked.
        let indicators = try #require(byName["Indikator"])
        #expect(indicators.freeze == "A4")
        #expect(indicators.value("F3") == "Target" && indicators.locked("F3"))
        #expect(indicators.merged.contains("A1:P1"))
        let ikm = try #require(document.indicators.first)
        #expect(indicators.value("A4") == ikm.code && !indicators.locked("A4"))
        #expect(indicators.type("F4") == "n" && Decimal(string: indicators.value("F4")!) == ikm.target)
        #expect(indicators.type("G4") == "n" && Decimal(string: indicators.value("G4")!) == ikm.realisasi)
        #expect(Decimal(string: indicators.value("O4")!) == ikm.reportedEfisiensi)
        #expect(indicators.type("I4") == "f" && indicators.locked("I4"))
        #expect(indicators.value("P4") == "92" && indicators.locked("P4"))
        #expect(indicators.value("E4") == "Semakin tinggi semakin baik")
        #expect(indicators.validations.contains { $0[0].hasPrefix("E4:") && $0[1] == "\"Semakin tinggi semakin baik,Semakin rendah semakin baik\"" })

        // Anggaran: the tree in order, indented by level, every amount exact; the office's totals below.
        let budget = try #require(byName["Anggaran"])
        #expect(budget.freeze == "A4")
        var expected: [(level: String, name: String, pagu: Decimal?, indent: Int)] = []
        for program in document.budget!.programs {
            expected.append(("Program", program.name, program.pagu?.value, 0))
            for kegiatan in program.kegiatan {
                expected.append(("Kegiatan", kegiatan.name, kegiatan.pagu?.value, 1))
                for line in kegiatan.subKegiatan { expected.append(("Sub kegiatan", line.name, line.pagu.value, 2)) }
            }
        }
        for (offset, row) in expected.enumerated() {
            let number = 4 + offset
            #expect(budget.value("A\(number)") == row.level, "A\(number)")
            #expect(budget.value("C\(number)") == row.name && budget.indent("C\(number)") == row.indent, "C\(number)")
            #expect(budget.value("H\(number)").flatMap { Decimal(string: $0) } == row.pagu, "H\(number)")
            if row.pagu != nil { #expect(budget.type("H\(number)") == "n" && budget.format("H\(number)") == "#,##0") }
            #expect(budget.type("J\(number)") == "f" && budget.type("K\(number)") == "f" && budget.format("K\(number)") == "0.00%")
        }
        let totalRow = 4 + expected.count
        #expect(budget.value("A\(totalRow)") == "Jumlah" && budget.value("H\(totalRow)") == "12763150960")
        #expect(budget.value("G\(totalRow)") == "11371987993" && budget.value("I\(totalRow)") == "12572858329")
        #expect(budget.value("A\(totalRow + 1)") == "Jumlah belanja" && budget.value("E\(totalRow + 1)") == "Operasi")
        #expect(budget.value("H\(totalRow + 1)") == "11668738708")
        #expect(budget.validations.contains { $0[0].hasPrefix("F4:") && $0[1] == "'daftar'!$A$1:$A$\(kelurahan.count + 1)" })
        #expect(budget.validations.contains { $0[0].hasPrefix("E4:") && $0[1] == "\"Operasi,Modal,Tidak terduga,Transfer\"" })
        #expect(budget.validations.contains { $0[0].hasPrefix("A4:") })

        // PBB-P2: every kelurahan, codes locked, the revision's figures exact.
        let pbb = try #require(byName["PBB-P2"])
        #expect(pbb.column("A") .compactMap { $0 } == kelurahan.map(\.code.text))
        #expect(pbb.locked("A4") && pbb.locked("B4") && !pbb.locked("C4"))
        #expect(pbb.value("A4") == "14.72.02.1002" && pbb.value("B4") == "Teluk Binjai")
        #expect(pbb.value("C4") == "1250000000" && pbb.value("D4") == "1100000000.5" && pbb.value("F4") == "3200")
        #expect(pbb.type("H4") == "d" && pbb.type("E4") == "f")

        // Penghargaan and the region list.
        let awards = try #require(byName["Penghargaan"])
        #expect(awards.column("B").compactMap { $0 } == document.awards.map(\.title))
        let lists = try #require(byName["daftar"])
        #expect(lists.column("A", from: 1).compactMap { $0 } == (["14.72.02 Dumai Timur"] + kelurahan.map(\.choiceLabel)))
    }

    @Test func withoutARevisionLastYearsRowsComeWithoutValues() async throws {
        let lastYear = try TemplateFixtures.decode(TemplateFixtures.reportBytes())
        let input = ReportTemplateInput(region: TemplateFixtures.region, year: 2024, period: .q1, kelurahan: try TemplateFixtures.kelurahan(),
                                        lastYear: lastYear)
        guard let sheets = try await describe(input) else { return }
        let byName = Dictionary(uniqueKeysWithValues: sheets.map { ($0.name, $0) })
        let indicators = try #require(byName["Indikator"]), budget = try #require(byName["Anggaran"]), pbb = try #require(byName["PBB-P2"])
        #expect(indicators.column("B").compactMap { $0 } == lastYear.indicators.map(\.name))
        #expect(indicators.column("F").allSatisfy { $0 == nil } && indicators.column("G").allSatisfy { $0 == nil })
        #expect(budget.column("C").compactMap { $0 }.first == lastYear.budget?.programs.first?.name)
        #expect(budget.column("H").allSatisfy { $0 == nil } && budget.column("I").allSatisfy { $0 == nil })
        #expect(!budget.column("A").contains("Jumlah"))
        #expect(pbb.column("C").allSatisfy { $0 == nil })
        let metadata = try #require(byName["rekap"])
        #expect(metadata.value("B5") == "Q1" && metadata.value("A6") == nil)
        #expect(try #require(byName["Penghargaan"]).column("B").allSatisfy { $0 == nil })
    }
}
