/// Why a file could not be read as a workbook, in words for the person who sent it (Bahasa Indonesia),
/// naming the part or cell where that helps. Nothing of a refused file is used.
public enum XLSXReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Empty, or not a zip container at all (`kind` says what it looks like, e.g. a CSV or text).
    case notAWorkbook(looksLike: String?)
    /// An OLE compound file: the old binary `.xls` format.
    case legacyXLS
    /// An OLE compound file holding an encrypted package: a password-protected workbook.
    case passwordProtected
    /// A zip, but not a spreadsheet (no workbook part), or a part is malformed.
    case malformed(part: String, reason: String)
    /// The file, a part, or all parts together inflate beyond the limits, or inflate at a ratio no
    /// spreadsheet has: a zip bomb or a workbook far larger than any report.
    case tooLarge(part: String?, reason: String)
    /// A sheet with more rows or cells than ``XLSXReadLimits`` allow; refused before reading it all.
    case tooManyRows(sheet: String, limit: Int)
    case tooManyCells(sheet: String, limit: Int)
    /// A part with a DTD (`<!DOCTYPE`/`<!ENTITY`): entity expansion and external entities are refused.
    case documentTypeDeclaration(part: String)

    /// The message shown to the person, in Bahasa Indonesia.
    public var description: String {
        switch self {
        case .notAWorkbook(let looksLike):
            "berkas ini bukan workbook Excel (.xlsx)" + (looksLike.map { ": isinya \($0)" } ?? "")
                + "; simpan ulang dari Excel atau LibreOffice sebagai .xlsx"
        case .legacyXLS:
            "berkas ini format Excel lama (.xls); buka lalu simpan ulang sebagai Excel Workbook (.xlsx)"
        case .passwordProtected:
            "berkas ini dilindungi kata sandi (terenkripsi); hapus kata sandinya lalu simpan ulang sebagai .xlsx"
        case .malformed(let part, let reason):
            "workbook rusak (\(part)): \(reason)"
        case .tooLarge(let part, let reason):
            "workbook terlalu besar" + (part.map { " (\($0))" } ?? "") + ": \(reason)"
        case .tooManyRows(let sheet, let limit):
            "lembar \(sheet) berisi lebih dari \(grouped(limit)) baris; sebuah laporan tidak sebesar itu"
        case .tooManyCells(let sheet, let limit):
            "lembar \(sheet) berisi lebih dari \(grouped(limit)) sel; sebuah laporan tidak sebesar itu"
        case .documentTypeDeclaration(let part):
            "workbook berisi deklarasi DTD/entitas XML (\(part)), yang tidak diterima"
        }
    }
}

/// 1000000 → "1.000.000", the Indonesian way.
func grouped(_ value: Int) -> String {
    let digits = Array(String(value))
    var text = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { text.append(".") }
        text.append(digit)
    }
    return text
}
