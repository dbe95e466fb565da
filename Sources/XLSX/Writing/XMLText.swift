/// Text made safe for the XML parts of a workbook.
///
/// XML 1.0 cannot hold most control characters at all, and spreadsheet programs read `_xHHHH_` in
/// cell text as an escaped character (ECMA-376 §22.4.2.4), so text that merely looks like one must
/// have its underscore escaped to come back unchanged.
enum XMLText {
    /// `text` escaped for element content and attribute values (`&`, `<`, `>`, `"`, `'`), with the
    /// characters XML 1.0 forbids removed (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE,
    /// U+FFFF); tab, line feed and carriage return are kept.
    static func escaped(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            // A literal CR would be normalised to LF by every XML parser; the character reference survives.
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Cell text: ``escaped(_:)`` after escaping the underscore of anything that reads as `_xHHHH_`
    /// (so "_x0041_" stays those seven characters rather than becoming "A").
    static func cellText(_ text: String) -> String {
        guard text.contains("_x") else { return escaped(text) }
        let scalars = Array(text.unicodeScalars)
        var guarded = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x" || scalars[index + 1] == "X",
               scalars[(index + 2)...(index + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }), scalars[index + 6] == "_" {
                guarded.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                guarded.append(scalars[index])
            }
            index += 1
        }
        return escaped(String(guarded))
    }

    /// Whether `text` must keep its spaces explicitly (`xml:space="preserve"`): leading or trailing
    /// white space, or a line break, which readers would otherwise collapse.
    static func needsPreserve(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return first.properties.isWhitespace || last.properties.isWhitespace || text.contains("\n")
    }
}
