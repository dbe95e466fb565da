import Foundation
import Testing
import XLSX
import ZIPFoundation

/// The writer's parts as a zip reader sees them: every text escaped, numbers exact, sheet states,
/// protection, dropdowns, panes.
@Suite struct WorkbookWriterTests {
    /// The text of `path` inside the workbook's zip.
    func part(_ data: Data, _ path: String) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[path], "\(path) missing")
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func textIsEscapedAndControlCharactersRemoved() throws {
        let workbook = WorkbookWriter()
        let sheet = try workbook.addSheet("Data")
        try sheet.appendRow([.text("a<b & \"c\" 'd'\u{0}\u{1}\u{B}e\tf"), .text("_x0041_"), .text(" kiri"), .text("=1+1")])
        let xml = try part(workbook.data(), "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<t>a&lt;b &amp; &quot;c&quot; &apos;d&apos;e\tf</t>"))
        // Read back as escaped text, "_x0041_" would become "A": its underscore is escaped.
        #expect(xml.contains("<t>_x005F_x0041_</t>"))
        #expect(xml.contains("<t xml:space=\"preserve\"> kiri</t>"))
        // Text that looks like a formula stays text.
        #expect(xml.contains("t=\"inlineStr\"><is><t>=1+1</t>"))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" })
    }

    @Test func numbersAreWrittenFromTheirExactText() throws {
        let workbook = WorkbookWriter()
        let sheet = try workbook.addSheet("Data")
        let values = ["12763150960", "98.51", "0.1", "-0.25", "91.72"]
        try sheet.appendRow(values.map { .number(XLSXNumber(exactText: $0)!) })
        let xml = try part(workbook.data(), "xl/worksheets/sheet1.xml")
        for (index, value) in values.enumerated() {
            #expect(xml.contains("<c r=\"\(CellReference.letters(column: index + 1))1\"><v>\(value)</v></c>"))
        }
        #expect(XLSXNumber(exactText: "1e5") == nil && XLSXNumber(exactText: "1,5") == nil)
        #expect(XLSXNumber(exactText: "123456789012345")!.fitsSpreadsheetPrecision)
        #expect(XLSXNumber(exactText: "1000000000000000000")!.fitsSpreadsheetPrecision)
        #expect(!XLSXNumber(exactText: "1234567890123456")!.fitsSpreadsheetPrecision)
        #expect(!XLSXNumber(exactText: "0.1234567890123456")!.fitsSpreadsheetPrecision)
    }

    @Test func datesAreSerialNumbers() {
        #expect(WrittenValue.serialNumber(year: 2023, month: 12, day: 31) == 45291)
        #expect(WrittenValue.serialNumber(year: 1900, month: 3, day: 1) == 61)
    }

    @Test func sheetsStatesPanesProtectionAndValidations() throws {
        let workbook = WorkbookWriter()
        let data = try workbook.addSheet("Isian", columns: [ColumnSettings(column: 2, width: 20, style: CellStyle(locked: false))],
                                         frozenRows: 3, frozenColumns: 1)
        try data.appendRow([.text("Judul", style: CellStyle(bold: true, fontSize: 14))])
        data.merge("A1:D1")
        data.addValidation(ListValidation(range: "B4:B10", source: .values(["Operasi", "Modal"]), errorMessage: "Pilih dari daftar"))
        data.addValidation(ListValidation(range: "C4:C10", source: .range("'daftar'!$A$1:$A$3")))
        data.protect(SheetProtection(password: "password"))
        _ = try workbook.addSheet("daftar", visibility: .veryHidden)
        _ = try workbook.addSheet("lama", visibility: .hidden)
        let bytes = try workbook.data()
        let sheet = try part(bytes, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pane xSplit=\"1\" ySplit=\"3\" topLeftCell=\"B4\" activePane=\"bottomRight\" state=\"frozen\"/>"))
        #expect(sheet.contains("<mergeCell ref=\"A1:D1\"/>"))
        #expect(sheet.contains("<formula1>&quot;Operasi,Modal&quot;</formula1>"))
        #expect(sheet.contains("<formula1>&apos;daftar&apos;!$A$1:$A$3</formula1>"))
        // The legacy hash of "password" is 83AF (ECMA-376 Part 4's algorithm, as Excel writes it).
        #expect(sheet.contains("<sheetProtection password=\"83AF\" sheet=\"1\""))
        #expect(sheet.contains("insertRows=\"0\""))
        let book = try part(bytes, "xl/workbook.xml")
        #expect(book.contains("<sheet name=\"daftar\" sheetId=\"2\" state=\"veryHidden\""))
        #expect(book.contains("<sheet name=\"lama\" sheetId=\"3\" state=\"hidden\""))
        let styles = try part(bytes, "xl/styles.xml")
        #expect(styles.contains("<protection locked=\"0\"/>"))
        #expect(try part(bytes, "[Content_Types].xml").contains("/xl/worksheets/sheet3.xml"))
    }

    @Test func misuseIsRefused() throws {
        let workbook = WorkbookWriter()
        #expect(throws: SheetWriter.Misuse.self) { try workbook.addSheet("a/b") }
        let sheet = try workbook.addSheet("Data")
        _ = try workbook.addSheet("daftar", visibility: .veryHidden)
        #expect(throws: SheetWriter.Misuse.self) { try workbook.addSheet("DATA") }
        try sheet.appendRow([.text("x")], at: 5)
        #expect(throws: SheetWriter.Misuse.self) { try sheet.appendRow([.text("y")], at: 5) }
        let hiddenOnly = WorkbookWriter()
        _ = try hiddenOnly.addSheet("rekap", visibility: .veryHidden)
        #expect(throws: SheetWriter.Misuse.self) { try hiddenOnly.data() }
    }

    @Test func theSameWorkbookGivesTheSameBytes() throws {
        func make() throws -> Data {
            let workbook = WorkbookWriter()
            try workbook.addSheet("Data").appendRow([.text("a"), .number(XLSXNumber(1))])
            return try workbook.data()
        }
        #expect(try make() == make())
    }
}
