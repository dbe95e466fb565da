import Foundation

/// Whether people see a sheet.
public enum SheetVisibility: String, Sendable, Hashable {
    case visible
    /// Hidden; people can unhide it from the program's menu.
    case hidden
    /// Hidden and not listed for unhiding: only a program (or a macro) shows it again.
    case veryHidden
}

/// A column's width and the style of its empty cells (so cells a person types into later, below
/// the written rows, are unlocked when the sheet is protected).
public struct ColumnSettings: Sendable, Hashable {
    /// 1-based column.
    public var column: Int
    /// Width in characters of the default font.
    public var width: Double
    /// The style of the column's cells that are not written.
    public var style: CellStyle?
    public var hidden: Bool

    public init(column: Int, width: Double, style: CellStyle? = nil, hidden: Bool = false) {
        self.column = column
        self.width = width
        self.style = style
        self.hidden = hidden
    }
}

/// Sheet protection: locked cells cannot be edited. Protection here keeps people from overwriting
/// what identifies a workbook by mistake; it is not security (anyone can unprotect a sheet, with
/// the program's menu when there is no password).
public struct SheetProtection: Sendable, Hashable {
    /// nil: unprotect needs no password. Otherwise the legacy 16-bit hash is stored (every program
    /// reads it; it is not meant to keep anyone out).
    public var password: String?
    /// What people may still do on the protected sheet.
    public var allowInsertingRows: Bool
    public var allowDeletingRows: Bool
    public var allowFormattingColumns: Bool
    public var allowFormattingRows: Bool

    public init(password: String? = nil, allowInsertingRows: Bool = true, allowDeletingRows: Bool = true,
                allowFormattingColumns: Bool = true, allowFormattingRows: Bool = true) {
        self.password = password
        self.allowInsertingRows = allowInsertingRows
        self.allowDeletingRows = allowDeletingRows
        self.allowFormattingColumns = allowFormattingColumns
        self.allowFormattingRows = allowFormattingRows
    }

    /// The legacy password hash of ECMA-376 Part 4 §14.7.1 (`password` attribute), as 4 hex digits.
    static func legacyHash(_ password: String) -> String {
        let bytes = Array(password.utf8.prefix(15))
        var hash: UInt16 = 0
        for byte in bytes.reversed() {
            hash = ((hash >> 14) & 0x01) | ((hash << 1) & 0x7FFF)
            hash ^= UInt16(byte)
        }
        hash = ((hash >> 14) & 0x01) | ((hash << 1) & 0x7FFF)
        hash ^= UInt16(bytes.count)
        hash ^= 0xCE4B
        let hex = String(hash, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }

    var xml: String {
        var out = "<sheetProtection"
        if let password { out += " password=\"\(Self.legacyHash(password))\"" }
        out += " sheet=\"1\" objects=\"1\" scenarios=\"1\""
        // These attributes say what is *protected*: 0 allows it.
        if allowFormattingColumns { out += " formatColumns=\"0\"" }
        if allowFormattingRows { out += " formatRows=\"0\"" }
        if allowInsertingRows { out += " insertRows=\"0\"" }
        if allowDeletingRows { out += " deleteRows=\"0\"" }
        return out + "/>"
    }
}

/// A dropdown: cells of `range` accept only the listed values.
public struct ListValidation: Sendable, Hashable {
    /// Where the list applies, e.g. `E4:E500`.
    public var range: String
    public var source: Source
    /// Shown when something else is typed (Bahasa Indonesia in rekap's workbooks).
    public var errorTitle: String?
    public var errorMessage: String?
    /// A note shown when the cell is selected.
    public var prompt: String?

    public enum Source: Sendable, Hashable {
        /// The values themselves (at most 255 characters in all, commas not allowed inside a value).
        case values([String])
        /// A range holding them, e.g. `'daftar'!$A$1:$A$12` (any sheet, hidden ones too).
        case range(String)
    }

    public init(range: String, source: Source, errorTitle: String? = nil, errorMessage: String? = nil, prompt: String? = nil) {
        self.range = range
        self.source = source
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
        self.prompt = prompt
    }

    /// Whether a list of `values` can be written inline (spreadsheets cap the formula at 255 characters).
    public static func fitsInline(_ values: [String]) -> Bool {
        values.joined(separator: ",").count <= 255 && !values.contains { $0.contains(",") || $0.contains("\"") }
    }

    var xml: String {
        var out = "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\""
        if let errorTitle { out += " errorTitle=\"\(XMLText.escaped(errorTitle))\"" }
        if let errorMessage { out += " error=\"\(XMLText.escaped(errorMessage))\"" }
        if let prompt { out += " prompt=\"\(XMLText.escaped(prompt))\"" }
        out += " sqref=\"\(XMLText.escaped(range))\"><formula1>"
        switch source {
        case .values(let values): out += XMLText.escaped("\"" + values.joined(separator: ",") + "\"")
        case .range(let range): out += XMLText.escaped(range)
        }
        return out + "</formula1></dataValidation>"
    }
}

/// A sheet name quoted for use in a formula or range: `'PBB-P2'!A1`.
public func quotedSheetName(_ name: String) -> String {
    "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
}
