import Foundation

/// A workbook read from `.xlsx` bytes, within ``XLSXReadLimits``.
///
/// ```swift
/// var workbook = try XLSXWorkbook(data: bytes)
/// for sheet in workbook.sheets where !sheet.hidden { … }
/// if let sheet = try workbook.worksheet(named: "Anggaran"), let cell = sheet.cell("F", 12) { … }
/// ```
///
/// Opening reads the container (ZIPFoundation), the workbook part, its relationships, the shared
/// strings and the cell styles; a worksheet is read when asked for, streamed by Foundation's
/// `XMLParser` into its cells (no XML tree is built). What is refused, with a message for the
/// person: anything not a zip (old `.xls`, password-protected files, CSV or text renamed), parts
/// that inflate beyond the limits or at a zip bomb's ratio, XML with a DTD (entity expansion,
/// external entities), sheets with more rows or cells than the limits.
public struct XLSXWorkbook {
    /// A sheet of the workbook, in the workbook's order.
    public struct Sheet: Sendable, Hashable {
        public let name: String
        /// Hidden or very hidden.
        public let hidden: Bool
        /// Where its XML lives in the container.
        let part: String
    }

    public let sheets: [Sheet]
    /// Dates count from 1904-01-01 (old Mac workbooks) instead of 1900.
    public let date1904: Bool
    private var container: BoundedZipContainer
    private let sharedStrings: [String]
    private let formats: NumberFormats

    /// Opens `data` as a workbook; throws ``XLSXReadError`` with the reason otherwise.
    public init(data: Data, limits: XLSXReadLimits = .default) throws(XLSXReadError) {
        var container = try BoundedZipContainer(data: data, limits: limits)
        // The package's root relationships name the workbook part; `xl/workbook.xml` is the usual place.
        var workbookPart = "xl/workbook.xml"
        if let rootData = try container.read("_rels/.rels") {
            let root = try WorkbookParts.relationships(rootData, part: "_rels/.rels")
            if let office = root.values.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                workbookPart = WorkbookParts.resolve(office.target, from: "")
            }
        }
        guard let workbookData = try container.read(workbookPart) else {
            throw .notAWorkbook(looksLike: container.contains("word/document.xml") ? "dokumen Word"
                                : container.contains("ppt/presentation.xml") ? "presentasi PowerPoint" : "arsip zip tanpa workbook")
        }
        let (entries, date1904) = try WorkbookParts.workbook(workbookData, part: workbookPart, limits: limits)
        let relsPath = WorkbookParts.relationshipsPath(of: workbookPart)
        guard let relsData = try container.read(relsPath) else {
            throw .malformed(part: relsPath, reason: "relasi workbook tidak ada")
        }
        let relationships = try WorkbookParts.relationships(relsData, part: relsPath)
        var sheets: [Sheet] = []
        for entry in entries {
            guard let relationship = relationships[entry.relationshipID] else {
                throw .malformed(part: workbookPart, reason: "lembar \(entry.name) tidak punya relasi")
            }
            // Chart sheets and dialog sheets have no cells: they are left out.
            guard relationship.type.hasSuffix("/worksheet") else { continue }
            sheets.append(Sheet(name: entry.name, hidden: entry.hidden, part: WorkbookParts.resolve(relationship.target, from: workbookPart)))
        }
        var strings: [String] = []
        if let shared = relationships.values.first(where: { $0.type.hasSuffix("/sharedStrings") }) {
            let path = WorkbookParts.resolve(shared.target, from: workbookPart)
            if let data = try container.read(path) {
                strings = try SharedStrings.parse(data, part: path, maxCount: limits.maxCells)
            }
        }
        var formats = NumberFormats()
        if let styles = relationships.values.first(where: { $0.type.hasSuffix("/styles") }) {
            let path = WorkbookParts.resolve(styles.target, from: workbookPart)
            if let data = try container.read(path) { formats = try NumberFormats.parse(data, part: path) }
        }
        self.sheets = sheets
        self.date1904 = date1904
        self.container = container
        self.sharedStrings = strings
        self.formats = formats
    }

    /// The sheet named `name` (exactly, or ignoring case when no sheet has that exact name), read
    /// now; nil when the workbook has no such sheet.
    public mutating func worksheet(named name: String) throws(XLSXReadError) -> Worksheet? {
        guard let sheet = sheets.first(where: { $0.name == name })
            ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) else { return nil }
        let limits = container.limits
        var counter = WorksheetParsing.RowCounter()
        let sheetName = sheet.name
        guard let data = try container.read(sheet.part, onChunk: { chunk in
            counter.count(chunk)
            return counter.rows > limits.maxRows ? .tooManyRows(sheet: sheetName, limit: limits.maxRows) : nil
        }) else {
            throw .malformed(part: sheet.part, reason: "isi lembar \(sheet.name) tidak ada")
        }
        let context = WorksheetParsing.Context(name: sheet.name, hidden: sheet.hidden, sharedStrings: sharedStrings,
                                               formats: formats, date1904: date1904, limits: limits)
        return try WorksheetParsing.parse(data, part: sheet.part, context: context)
    }
}
