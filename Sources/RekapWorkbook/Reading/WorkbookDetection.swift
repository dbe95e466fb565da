import Foundation

/// Whether an input is meant as a workbook rather than JSON: by its name or media type, and by its
/// first bytes (a zip or an OLE compound file, which JSON never starts with). A CSV renamed `.xlsx`
/// is still taken as a workbook, and refused as one with that said.
public enum WorkbookDetection {
    /// The media type of `.xlsx` workbooks.
    public static let mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// By file name (`.xlsx`, `.xlsm`, `.xls`) or content.
    public static func isWorkbook(fileName: String, head: some Collection<UInt8>) -> Bool {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm") || lowered.hasSuffix(".xls") { return true }
        return looksLikeWorkbook(head)
    }

    /// By media type (the spreadsheet types, `application/vnd.ms-excel`) or content.
    public static func isWorkbook(contentType: String?, head: some Collection<UInt8>) -> Bool {
        let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if type == mediaType || type == "application/vnd.ms-excel" { return true }
        return looksLikeWorkbook(head)
    }

    /// `PK\3\4` (zip) or `D0 CF 11 E0` (OLE: old .xls, password-protected workbook).
    public static func looksLikeWorkbook(_ head: some Collection<UInt8>) -> Bool {
        let bytes = Array(head.prefix(4))
        return bytes == [0x50, 0x4B, 0x03, 0x04] || bytes == [0xD0, 0xCF, 0x11, 0xE0]
    }
}
