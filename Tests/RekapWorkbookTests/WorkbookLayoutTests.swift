import RekapWorkbook
import Testing
import XLSX

/// The layout is the one decision template and reader share: it must be self-consistent.
@Suite struct WorkbookLayoutTests {
    static let sheets: [SheetLayout] = [
        WorkbookLayout.Report.indicators, WorkbookLayout.Report.budget, WorkbookLayout.Report.pbb, WorkbookLayout.Report.awards,
        WorkbookLayout.Renstra.indicators, WorkbookLayout.PK.indicators, WorkbookLayout.PK.programs,
    ]

    @Test(arguments: sheets)
    func columnsAreConsecutiveLettersWithUniqueKeys(sheet: SheetLayout) throws {
        for (index, column) in sheet.columns.enumerated() {
            #expect(CellReference.column(letters: column.letter) == index + 1, "\(sheet.name) \(column.letter)")
        }
        let keys = sheet.columns.compactMap(\.key)
        #expect(Set(keys).count == keys.count, "\(sheet.name)")
        // Sheet names are at most 31 characters and avoid the characters Excel forbids.
        #expect(sheet.name.count <= 31 && !sheet.name.contains(where: { "[]:*?/\\".contains($0) }))
    }

    @Test(arguments: WorkbookLayout.DocumentKind.allCases)
    func everyWorkbookHasItsSheetsOnceAndIdentityRowsOnce(kind: WorkbookLayout.DocumentKind) {
        #expect(Set(kind.sheets).count == kind.sheets.count)
        #expect(kind.sheets.first == WorkbookLayout.instructionsSheet && kind.sheets.last == WorkbookLayout.metadataSheet)
        let rows = kind.identity.map(\.row)
        #expect(Set(rows).count == rows.count)
        #expect(kind.identity.contains { $0.pointer == "/region" && $0.locked })
    }

    @Test func renstraYearsFollowItsFixedColumns() {
        let last = WorkbookLayout.Renstra.indicators.columns.last!.letter
        #expect(CellReference.column(letters: WorkbookLayout.Renstra.firstYearColumn) == CellReference.column(letters: last)! + 1)
    }
}
