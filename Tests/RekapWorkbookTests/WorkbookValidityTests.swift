import Foundation
import RekapDomain
import RekapTestSupport
import RekapWorkbook
import Testing
import XLSX

/// Every kind of template is a valid workbook for real programs: LibreOffice headless converts it to
/// PDF without errors, openpyxl loads it and sees the plan documents' layout.
@Suite(.timeLimit(.minutes(10))) struct WorkbookValidityTests {
    static func templates() throws -> [(String, WorkbookWriter)] {
        let document = try TemplateFixtures.decode(TemplateFixtures.reportBytes())
        return [
            ("report", try ReportTemplate.workbook(ReportTemplateInput(region: TemplateFixtures.region, year: 2023, period: .fy,
                                                                       kelurahan: try TemplateFixtures.kelurahan(),
                                                                       latest: LatestRevision(revision: 1, document: document)))),
            ("renstra", try RenstraTemplate.workbook(RenstraTemplateInput(region: TemplateFixtures.region, from: 2022, to: 2026))),
            ("pk", try PKTemplate.workbook(PKTemplateInput(region: TemplateFixtures.region, year: 2023, kind: .perubahan))),
        ]
    }

    func written(_ name: String, _ workbook: WorkbookWriter) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-validity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("\(name).xlsx")
        try workbook.write(to: file)
        return file
    }

    @Test func libreOfficeConvertsEveryTemplateToPDF() async throws {
        for (name, workbook) in try Self.templates() {
            let file = try written(name, workbook)
            guard let pdf = try await SpreadsheetTools.libreOfficePDF(file) else {
                print("LibreOffice (soffice) is not installed (apt-get install libreoffice-calc-nogui): PDF check skipped")
                return
            }
            let bytes = try Data(contentsOf: pdf)
            #expect(bytes.starts(with: Data("%PDF".utf8)) && bytes.count > 1_000, "\(name): \(bytes.count) bytes")
        }
    }

    @Test func planTemplatesHaveTheirLayout() async throws {
        let templates = try Self.templates()
        let renstraFile = try written("renstra", templates[1].1)
        guard let renstra = try await SpreadsheetTools.openpyxl(renstraFile).map(SheetView.sheets) else {
            print("openpyxl is not installed (pip install openpyxl): plan template checks skipped")
            return
        }
        #expect(renstra.map(\.name) == ["Petunjuk", "Identitas", "Renstra", "rekap"])
        let matrix = renstra[2]
        #expect((0..<5).map { matrix.value(CellReference.letters(column: 9 + $0) + "3") } == ["2022", "2023", "2024", "2025", "2026"])
        #expect(matrix.freeze == "A4")
        #expect(renstra[3].state == "veryHidden" && renstra[3].value("B2") == "renstra" && renstra[3].value("B4") == "2022" && renstra[3].value("B5") == "2026")

        let pkFile = try written("pk", templates[2].1)
        let pk = try #require(try await SpreadsheetTools.openpyxl(pkFile).map(SheetView.sheets))
        #expect(pk.map(\.name) == ["Petunjuk", "Identitas", "PK Indikator", "PK Program", "rekap"])
        #expect(pk[1].value("B6") == "Perubahan" && pk[1].locked("B6") && !pk[1].locked("B15") || pk[1].value("B15") == nil)
        #expect(pk[3].validations.contains { $0[0].hasPrefix("A4:") && $0[1] == "\"Program,Rincian\"" })
        #expect(pk[4].value("B5") == "perubahan")
    }
}
