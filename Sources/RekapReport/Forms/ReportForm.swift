import Foundation
import RekapDomain

/// A report form's content: its fields as typed, by key (the field's JSON pointer without the leading
/// `/`: `budget/programs/0/kegiatan/1/pagu`). Rows are the indices present; an added row is present with
/// empty fields. Pure: built from posted fields, a draft or a stored document; turned into the
/// document (contract §1) the form stands for.
public struct ReportForm: Sendable, Hashable {
    public let region: RegionCode
    public let year: Int
    public let period: Period
    /// Key → text as typed.
    public internal(set) var fields: [String: String] {
        get { storage }
        set {
            storage = newValue
            rowCounts = Self.rowCounts(of: newValue.keys)
        }
    }
    private var storage: [String: String]
    /// Row prefix → number of rows, kept with the fields: the page, the document and the row limits
    /// ask for it once per list, and a scan of every key each time made Periksa quadratic.
    private var rowCounts: [String: Int]

    public init(region: RegionCode, year: Int, period: Period, fields: [String: String] = [:]) {
        self.region = region
        self.year = year
        self.period = period
        self.storage = fields
        self.rowCounts = Self.rowCounts(of: fields.keys)
    }

    /// Why posted fields cannot be taken as a form at all (nothing is read from them).
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        /// For the page, in both languages.
        public let message: LocalizedText
        public var description: String { message.id }
    }

    /// The most characters one field takes (names run to a few hundred).
    public static let maxFieldLength = 2_000

    /// The form's fields among posted `values` (other names, such as the buttons', are ignored).
    /// Refused when a field is longer than ``maxFieldLength`` or a list has more rows than the
    /// document takes (``SubmissionLimits``).
    public static func posted(_ values: [String: String], region: RegionCode, year: Int, period: Period) throws(Refusal) -> ReportForm {
        var fields: [String: String] = [:]
        for (name, value) in values where isFieldKey(name) {
            guard value.count <= maxFieldLength else {
                throw Refusal(message: LocalizedText(
                    id: "Isian \(name) terlalu panjang (\(value.count) karakter; paling banyak \(maxFieldLength)). Tidak ada yang disimpan.",
                    en: "Field \(name) is too long (\(value.count) characters; at most \(maxFieldLength)). Nothing was saved."))
            }
            fields[name] = value
        }
        let form = ReportForm(region: region, year: year, period: period, fields: fields)
        try form.checkRowCounts()
        return form
    }

    /// Whether `key` names a field of the schema (with canonical row indices).
    static func isFieldKey(_ key: String) -> Bool {
        // The key with each row index as `#` must be one of the schema's patterns; an index is at most
        // 5 digits without a leading zero, so each row has one name. On the bytes: every posted name
        // passes here.
        var pattern: [UInt8] = []
        pattern.reserveCapacity(key.utf8.count)
        var digits = 0, other = 0, leadingZero = false
        func endSegment() -> Bool {
            if digits > 0 && other == 0 {
                guard digits <= 5, !(leadingZero && digits > 1) else { return false }
                pattern.removeLast(digits)
                pattern.append(UInt8(ascii: "#"))
            }
            digits = 0; other = 0; leadingZero = false
            return true
        }
        for byte in key.utf8 {
            if byte == UInt8(ascii: "/") {
                guard endSegment() else { return false }
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                if digits == 0 && other == 0 { leadingZero = byte == UInt8(ascii: "0") }
                digits += 1
            } else {
                other += 1
            }
            pattern.append(byte)
        }
        guard endSegment() else { return false }
        return ReportFormSchema.fieldPatterns.contains(String(decoding: pattern, as: UTF8.self))
    }

    private func checkRowCounts() throws(Refusal) {
        var lists: [(String, ReportFormSchema.RowList)] = [
            ("indicators", ReportFormSchema.indicators), ("pbb", ReportFormSchema.pbb), ("awards", ReportFormSchema.awards),
            ("budget/programs", ReportFormSchema.programs),
        ]
        for program in 0..<min(rowCount("budget/programs"), ReportFormSchema.programs.limit) {
            lists.append(("budget/programs/\(program)/kegiatan", ReportFormSchema.kegiatan))
            for kegiatan in 0..<min(rowCount("budget/programs/\(program)/kegiatan"), ReportFormSchema.kegiatan.limit) {
                lists.append(("budget/programs/\(program)/kegiatan/\(kegiatan)/sub_kegiatan", ReportFormSchema.subKegiatan))
            }
        }
        for (prefix, list) in lists where rowCount(prefix) > list.limit {
            throw Refusal(message: LocalizedText(
                id: "Terlalu banyak baris \(list.rowLabel) (\(rowCount(prefix)); paling banyak \(list.limit)). Tidak ada yang disimpan.",
                en: "Too many \(Catalog.Forms.rowName(list.rowLabel).en) rows (\(rowCount(prefix)); at most \(list.limit)). Nothing was saved."))
        }
    }

    /// The number of rows of list `prefix` (`indicators`, `budget/programs/0/kegiatan`): one more than
    /// the highest index present.
    public func rowCount(_ prefix: String) -> Int { rowCounts[prefix] ?? 0 }

    /// The row counts `keys` imply: every number between two segments of a key is a row of the list
    /// named by the segments before it (`budget/programs/2/kegiatan/0/pagu` counts 3 programs and 1
    /// kegiatan of program 2).
    static func rowCounts(of keys: some Sequence<String>) -> [String: Int] {
        var counts: [String: Int] = [:]
        for key in keys { countRows(of: key, in: &counts) }
        return counts
    }

    private static func countRows(of key: String, in counts: inout [String: Int]) {
        // On the bytes, as the fields arrive (every posted form counts all of its ~500 keys).
        let bytes = key.utf8
        var slash: String.Index?   // the slash before the current segment
        var index = bytes.startIndex
        var row = 0, digits = 0, numeric = true
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "/") {
                if let slash, numeric, digits > 0 {
                    let prefix = String(key[..<slash])
                    counts[prefix] = max(counts[prefix] ?? 0, row + 1)
                }
                slash = index
                row = 0; digits = 0; numeric = true
            } else if numeric, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 9 {
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            } else {
                numeric = false
            }
            index = bytes.index(after: index)
        }
    }

    /// The text of field `key` ("" when absent).
    public subscript(key: String) -> String {
        get { storage[key] ?? "" }
        set {
            if storage.updateValue(newValue, forKey: key) == nil { Self.countRows(of: key, in: &rowCounts) }
        }
    }

    // MARK: Rows

    /// Adds an empty row at the end of list `prefix` (its fields present and empty). False when the
    /// list is not one of the form's or is full.
    @discardableResult
    public mutating func addRow(_ prefix: String) -> Bool {
        guard let list = Self.list(at: prefix) else { return false }
        let index = rowCount(prefix)
        guard index < list.limit else { return false }
        for (key, value) in Self.newRow(list) { self["\(prefix)/\(index)/\(key)"] = value }
        return true
    }

    /// The fields of a new row of `list`, by key below the row: empty, but for the usual choice where
    /// there is one (an indicator is "higher is better", an award the city's). Both an added row and
    /// the page's row templates (what the script clones) start from it.
    public static func newRow(_ list: ReportFormSchema.RowList) -> [String: String] {
        var row = Dictionary(uniqueKeysWithValues: list.fields.map { ($0.key, "") })
        if list.name == ReportFormSchema.indicators.name { row["polarity"] = "higher" }
        if list.name == ReportFormSchema.awards.name { row["level"] = "kota" }
        return row
    }

    /// Removes row `index` of list `prefix` (with the rows below it) and renumbers the rows after it.
    public mutating func removeRow(_ prefix: String, _ index: Int) {
        let start = prefix + "/"
        var kept: [String: String] = [:]
        for (key, value) in fields {
            guard key.hasPrefix(start) else { kept[key] = value; continue }
            let rest = key.dropFirst(start.count)
            guard let slash = rest.firstIndex(of: "/"), let row = Int(rest[..<slash]) else { continue }
            if row < index { kept[key] = value } else if row > index { kept[start + String(row - 1) + rest[slash...]] = value }
        }
        fields = kept
    }

    /// The list a row prefix names (`budget/programs/3/kegiatan` → kegiatan), if any.
    public static func list(at prefix: String) -> ReportFormSchema.RowList? {
        let parts = prefix.split(separator: "/").map(String.init)
        switch parts.count {
        case 1 where parts[0] == "indicators": return ReportFormSchema.indicators
        case 1 where parts[0] == "pbb": return ReportFormSchema.pbb
        case 1 where parts[0] == "awards": return ReportFormSchema.awards
        case 2 where parts == ["budget", "programs"]: return ReportFormSchema.programs
        case 4 where parts[0] == "budget" && parts[1] == "programs" && Int(parts[2]) != nil && parts[3] == "kegiatan":
            return ReportFormSchema.kegiatan
        case 6 where parts[0] == "budget" && parts[1] == "programs" && Int(parts[2]) != nil && parts[3] == "kegiatan"
            && Int(parts[4]) != nil && parts[5] == "sub_kegiatan":
            return ReportFormSchema.subKegiatan
        default: return nil
        }
    }
}
