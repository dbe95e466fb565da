/// A cell's place in a worksheet, as spreadsheet programs name it: column letters and a 1-based row
/// (`F12`). Reading and writing both address cells this way, and problems found in a workbook name
/// the cell with it (`Anggaran!F12`).
public struct CellReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 1-based column: A = 1, Z = 26, AA = 27; at most XFD (16,384), the format's limit.
    public let column: Int
    /// 1-based row; at most 1,048,576, the format's limit.
    public let row: Int

    /// The format's limits (ECMA-376 / Excel): beyond them a reference is malformed.
    public static let maxColumn = 16_384
    public static let maxRow = 1_048_576

    /// A reference within the format's limits; nil otherwise.
    public init?(column: Int, row: Int) {
        guard (1...Self.maxColumn).contains(column), (1...Self.maxRow).contains(row) else { return nil }
        self.column = column
        self.row = row
    }

    /// Parses `F12` (letters, then digits; `$` anchors as in `$F$12` are ignored); nil for anything else.
    public init?(_ text: some StringProtocol) {
        var letters = 0
        var column = 0
        var row = 0
        var digits = 0
        for character in text.utf8 {
            switch character {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(character - UInt8(ascii: "A") + 1)
                letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(character - UInt8(ascii: "a") + 1)
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(character - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
            // Stop before an overflow: no valid reference has more than 3 letters or 7 digits.
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0 else { return nil }
        self.init(column: column, row: row)
    }

    /// The column's letters: 1 → "A", 27 → "AA".
    public static func letters(column: Int) -> String {
        var column = column
        var letters: [Character] = []
        while column > 0 {
            let remainder = (column - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            column = (column - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The column number of `letters` ("A" → 1); nil when they are not column letters.
    public static func column(letters: String) -> Int? {
        CellReference(letters + "1")?.column
    }

    /// `F12`.
    public var description: String { Self.letters(column: column) + String(row) }

    /// Row-major order: the order cells appear in a worksheet's XML.
    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}
