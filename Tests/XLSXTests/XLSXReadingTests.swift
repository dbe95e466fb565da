import Foundation
import RekapTestSupport
import Testing
import XLSX

/// Reading cells as spreadsheet programs write them, from workbooks put together part by part.
@Suite struct XLSXReadingTests {
    static let styles = """
        <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>\
        <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs>
        """

    func sheet(_ data: Data, _ name: String = "Data") throws -> Worksheet {
        var workbook = try XLSXWorkbook(data: data)
        return try #require(try workbook.worksheet(named: name))
    }

    @Test func sharedInlineAndRichTextStrings() throws {
        let data = try WorkbookFixtures.workbook(
            sheets: [("Data", """
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>\
                <c r="C1" t="inlineStr"><is><t>Inline</t></is></c><c r="D1" t="inlineStr"><is><r><t>Ka</t></r><r><rPr><b/></rPr><t>ya</t></r></is></c></row>
                """)],
            sharedStrings: ["Program", "<r><t xml:space=\"preserve\">Dumai </t></r><r><rPr><i/></rPr><t>Timur</t></r><rPh><t>ignored</t></rPh>"])
        let sheet = try sheet(data)
        #expect(sheet.cell("A", 1)?.value == .text("Program"))
        #expect(sheet.cell("B", 1)?.value == .text("Dumai Timur"))
        #expect(sheet.cell("C", 1)?.value == .text("Inline"))
        #expect(sheet.cell("D", 1)?.value == .text("Kaya"))
    }

    @Test func numbersBooleansFormulasAndErrors() throws {
        let data = try WorkbookFixtures.workbook(sheets: [("Data", """
            <row r="2"><c r="A2"><v>91.719999999999999</v></c><c r="B2" t="n"><v>12763150960</v></c>\
            <c r="C2"><f>A2*2</f><v>183.44</v></c><c r="D2" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>\
            <c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#DIV/0!</v></c><c r="G2" s="3"><v>1.5E3</v></c></row>
            """)], styles: Self.styles)
        let sheet = try sheet(data)
        #expect(sheet.cell("A", 2)?.value == .number("91.72"))
        #expect(sheet.cell("B", 2)?.value == .number("12763150960"))
        #expect(sheet.cell("C", 2)?.value == .number("183.44"))
        #expect(sheet.cell("C", 2)?.isFormula == true)
        #expect(sheet.cell("D", 2)?.value == .text("xy"))
        #expect(sheet.cell("E", 2)?.value == .bool(true))
        #expect(sheet.cell("F", 2)?.value == .error("#DIV/0!"))
        #expect(sheet.cell("G", 2)?.value == .number("1500"))
        #expect(sheet.rows == [2])
    }

    @Test func datesByBuiltinAndCustomFormats() throws {
        let rows = """
            <row r="1"><c r="A1" s="1"><v>45291</v></c><c r="B1" s="2"><v>45313</v></c><c r="C1"><v>45291</v></c></row>
            """
        let sheet = try sheet(try WorkbookFixtures.workbook(sheets: [("Data", rows)], styles: Self.styles))
        #expect(sheet.cell("A", 1)?.value == .date(SpreadsheetDate(year: 2023, month: 12, day: 31), serial: "45291"))
        #expect(sheet.cell("B", 1)?.value == .date(SpreadsheetDate(year: 2024, month: 1, day: 22), serial: "45313"))
        #expect(sheet.cell("C", 1)?.value == .number("45291"))
        let old = try self.sheet(try WorkbookFixtures.workbook(sheets: [("Data", rows)], styles: Self.styles, date1904: true))
        #expect(old.cell("A", 1)?.value == .date(SpreadsheetDate(year: 2028, month: 1, day: 1), serial: "45291"))
    }

    @Test func mergedCellsHoldTheirValueInTheTopLeftCell() throws {
        let data = try WorkbookFixtures.workbook(
            sheets: [("Data", "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>Nama</t></is></c><c r=\"C3\"><v>7</v></c></row>")],
            afterSheetData: ["Data": "<mergeCells count=\"1\"><mergeCell ref=\"B3:D4\"/></mergeCells>"])
        let sheet = try sheet(data)
        #expect(sheet.cell("B", 3)?.value == .text("Nama"))
        #expect(sheet.cell("C", 3) == nil)  // covered by the merge: shows nothing
        #expect(sheet.mergedRanges.count == 1)
    }

    @Test func cellsWithoutReferencesAndHiddenSheets() throws {
        let data = try WorkbookFixtures.workbook(
            sheets: [("Data", "<row><c><v>1</v></c><c><v>2</v></c></row><row><c t=\"inlineStr\"><is><t>x</t></is></c></row>"),
                     ("rekap", "")], hidden: ["rekap"])
        var workbook = try XLSXWorkbook(data: data)
        #expect(workbook.sheets.map(\.hidden) == [false, true])
        let sheet = try #require(try workbook.worksheet(named: "Data"))
        #expect(sheet.cell("B", 1)?.value == .number("2"))
        #expect(sheet.cell("A", 2)?.value == .text("x"))
        #expect(try workbook.worksheet(named: "Nope") == nil)
    }

    // MARK: Refused

    func refusal(_ data: Data, limits: XLSXReadLimits = .default, sheet: String = "Data") -> XLSXReadError? {
        do {
            var workbook = try XLSXWorkbook(data: data, limits: limits)
            _ = try workbook.worksheet(named: sheet)
            return nil
        } catch {
            return error
        }
    }

    @Test func refusesWhatIsNotAWorkbook() throws {
        #expect(refusal(Data("kode,nama\n14.72.02,Dumai Timur\n".utf8))?.description.contains("CSV") == true)
        #expect(refusal(Data())?.description.contains("bukan workbook") == true)
        #expect(refusal(WorkbookFixtures.oleFile(stream: "Workbook")) == .legacyXLS)
        #expect(refusal(WorkbookFixtures.oleFile(stream: "EncryptedPackage")) == .passwordProtected)
        #expect(refusal(WorkbookFixtures.oleFile(stream: "EncryptedPackage"))?.description.contains("kata sandi") == true)
        let notSpreadsheet = try WorkbookFixtures.zip([("word/document.xml", Data("<w/>".utf8))])
        #expect(refusal(notSpreadsheet) == .notAWorkbook(looksLike: "dokumen Word"))
        #expect(refusal(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])) != nil)
    }

    /// Billion laughs and external entities: any DTD is refused before the parser sees it.
    @Test func refusesEntityDeclarations() throws {
        let laughs = """
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            """
        let inWorkbook = try WorkbookFixtures.workbook(sheets: [("Data", "")], workbookPrefix: laughs)
        #expect(refusal(inWorkbook) == .documentTypeDeclaration(part: "xl/workbook.xml"))
        var parts = WorkbookFixtures.workbookParts(sheets: [("Data", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>")])
        let index = try #require(parts.firstIndex { $0.path == "xl/worksheets/sheet1.xml" })
        let text = String(decoding: parts[index].data, as: UTF8.self)
            .replacingOccurrences(of: "?><worksheet", with: "?><!DOCTYPE w [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><worksheet")
        parts[index].data = Data(text.utf8)
        #expect(refusal(try WorkbookFixtures.zip(parts)) == .documentTypeDeclaration(part: "xl/worksheets/sheet1.xml"))
    }

    /// A part that inflates at a bomb's ratio is stopped while inflating, a little past the grace size.
    @Test func refusesAZipBomb() throws {
        let zeros = Data(repeating: 0x20, count: 1 << 20)
        // 50 MiB of spaces behind a sheet name: below the part limit, so the ratio stops it while inflating.
        var parts = WorkbookFixtures.workbookParts(sheets: [("Data", "")])
        parts.removeAll { $0.path == "xl/worksheets/sheet1.xml" }
        let fixed = try WorkbookFixtures.zip(parts, streaming: "xl/worksheets/sheet1.xml", chunk: { _ in zeros }, chunks: 50)
        #expect(fixed.count < 1 << 20)
        guard case .tooLarge(let part, let reason)? = refusal(fixed) else {
            Issue.record("a zip bomb was not refused as too large")
            return
        }
        #expect(part == "xl/worksheets/sheet1.xml")
        #expect(reason.contains("bom zip"))
    }

    /// A 1,000,000-row sheet is refused once the row limit is passed, not after inflating it all:
    /// with all parts together limited to 4 MiB (the sheet is 57 MB inflated), the refusal is about rows, not size.
    @Test func refusesAMillionRowsWithoutReadingThemAll() throws {
        var parts = WorkbookFixtures.workbookParts(sheets: [("Data", "")])
        parts.removeAll { $0.path == "xl/worksheets/sheet1.xml" }
        let head = Data("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".utf8)
        let data = try WorkbookFixtures.zip(parts, streaming: "xl/worksheets/sheet1.xml", head: head, chunk: { block in
            var text = ""
            for row in (block * 1000 + 1)...(block * 1000 + 1000) {
                // Seven digits each, so every block has the same size.
                let number = String(repeating: "0", count: 7 - String(row).count) + String(row)
                text += "<row r=\"\(number)\"><c r=\"A\(number)\"><v>\(number)</v></c></row>"
            }
            return Data(text.utf8)
        }, chunks: 1000, tail: Data("</sheetData></worksheet>".utf8))
        var limits = XLSXReadLimits.default
        limits.maxTotalBytes = 4 << 20
        let error = refusal(data, limits: limits)
        #expect(error == .tooManyRows(sheet: "Data", limit: 20_000))
        #expect(error?.description == "lembar Data berisi lebih dari 20.000 baris; sebuah laporan tidak sebesar itu")
    }
}
