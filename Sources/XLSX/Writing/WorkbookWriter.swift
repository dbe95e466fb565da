import Foundation
import ZIPFoundation

/// An Office Open XML workbook (.xlsx) being written: sheets in order, shared styles, then the zip
/// container (through ZIPFoundation). Excel, LibreOffice and openpyxl open what it writes.
///
/// Text is written as inline strings, numbers from their exact decimal text, and formulas with or
/// without a cached value (the workbook asks programs to recalculate everything on opening).
///
/// ```swift
/// let workbook = WorkbookWriter()
/// let sheet = try workbook.addSheet("Peringkat", columns: [ColumnSettings(column: 1, width: 8)], frozenRows: 1)
/// try sheet.appendRow([.text("Peringkat", style: CellStyle(bold: true))])
/// let data = try workbook.data()
/// ```
public final class WorkbookWriter {
    private let styles = StyleSheet()
    public private(set) var sheets: [SheetWriter] = []
    /// The author recorded in the document properties.
    public var creator = "rekap"

    public init() {}

    /// The media type of an .xlsx file, for HTTP answers.
    public static let mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// Adds a sheet after the last one. `frozenRows` and `frozenColumns` stay in view when scrolling
    /// (the header rows, the name column). The first visible sheet is the one selected on opening.
    public func addSheet(_ name: String, visibility: SheetVisibility = .visible, columns: [ColumnSettings] = [],
                         frozenRows: Int = 0, frozenColumns: Int = 0, landscape: Bool = true) throws(SheetWriter.Misuse) -> SheetWriter {
        guard !sheets.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw SheetWriter.Misuse(description: "two sheets named \"\(name)\"")
        }
        let selected = visibility == .visible && !sheets.contains { $0.visibility == .visible }
        let sheet = try SheetWriter(name: name, visibility: visibility, columns: columns, frozenRows: frozenRows,
                                  frozenColumns: frozenColumns, selected: selected, landscape: landscape, styles: styles)
        sheets.append(sheet)
        return sheet
    }

    /// The workbook as the bytes of an .xlsx file.
    public func data() throws -> Data {
        guard sheets.contains(where: { $0.visibility == .visible }) else {
            throw SheetWriter.Misuse(description: "a workbook needs at least one visible sheet")
        }
        let archive = try Archive(data: Data(), accessMode: .create)
        try add("[Content_Types].xml", contentTypes(), to: archive)
        try add("_rels/.rels", Self.rootRelationships, to: archive)
        try add("docProps/core.xml", coreProperties(), to: archive)
        try add("docProps/app.xml", Self.appProperties, to: archive)
        try add("xl/workbook.xml", workbookXML(), to: archive)
        try add("xl/_rels/workbook.xml.rels", workbookRelationships(), to: archive)
        for (index, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", sheet.xml(), to: archive)
        }
        // Styles last: sheets register their styles while they are serialised (column styles).
        try add("xl/styles.xml", styles.xml(), to: archive)
        guard let data = archive.data else { throw SheetWriter.Misuse(description: "the zip container was not written") }
        return data
    }

    /// Writes the workbook to `url` (replacing a file there atomically).
    public func write(to url: URL) throws {
        let bytes = try data()
        try bytes.write(to: url)
    }

    /// A fixed timestamp inside the zip, so the same workbook gives the same bytes.
    private static let entryDate = Date(timeIntervalSince1970: 1_577_836_800)

    private func add(_ path: String, _ text: String, to archive: Archive) throws {
        let bytes = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Self.entryDate,
                             compressionMethod: .deflate) { position, size in
            bytes.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private func contentTypes() -> String {
        var out = Self.header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        out += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        out += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        out += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for index in sheets.indices {
            out += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        out += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        out += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        out += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        return out + "</Types>"
    }

    private static let rootRelationships = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    private func coreProperties() -> String {
        Self.header + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>\(XMLText.escaped(creator))</dc:creator></cp:coreProperties>"
    }

    private static let appProperties = header + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
        + "<Application>rekap</Application></Properties>"

    private func workbookXML() -> String {
        let active = sheets.firstIndex { $0.visibility == .visible } ?? 0
        var out = Self.header + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        out += "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        out += "<workbookPr/><bookViews><workbookView activeTab=\"\(active)\" firstSheet=\"\(active)\"/></bookViews><sheets>"
        for (index, sheet) in sheets.enumerated() {
            out += "<sheet name=\"\(XMLText.escaped(sheet.name))\" sheetId=\"\(index + 1)\""
            if sheet.visibility != .visible { out += " state=\"\(sheet.visibility.rawValue)\"" }
            out += " r:id=\"rId\(index + 1)\"/>"
        }
        // Formulas written without a cached value are computed when the file is opened.
        return out + "</sheets><calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/></workbook>"
    }

    private func workbookRelationships() -> String {
        var out = Self.header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in sheets.indices {
            out += "<Relationship Id=\"rId\(index + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        out += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return out + "</Relationships>"
    }
}
