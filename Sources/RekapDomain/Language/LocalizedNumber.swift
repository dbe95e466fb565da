import ExactDecimal
import Foundation

/// Numbers the way a reader of each language writes them, exact (no Double): Bahasa Indonesia groups
/// digits with '.' and marks decimals with ',' (12.763.150.960; 98,51); English the other way round.
public enum LocalizedNumber {
    /// `value` exactly as stored (all its decimals), digits grouped: 12.763.150.960 / 12,763,150,960.
    public static func string(_ value: Decimal, _ language: Language = .default) -> String {
        grouped(DecimalText.string(value), language)
    }

    /// `value` rounded half-up to `fractionDigits`: 98,51.
    public static func string(_ value: Decimal, fractionDigits: Int, _ language: Language = .default) -> String {
        grouped(DecimalText.string(value, fractionDigits: fractionDigits), language)
    }

    /// A percentage to 2 decimals, half-up, without the sign: 98,51.
    public static func percent(_ value: Decimal, _ language: Language = .default) -> String {
        grouped(DecimalText.percent(value), language)
    }

    /// Rupiah: "Rp12.763.150.960" (Indonesian) / "Rp12,763,150,960".
    public static func rupiah(_ value: Decimal, _ language: Language = .default) -> String {
        let text = string(value, language)
        return text.hasPrefix("-") ? "-Rp" + text.dropFirst() : "Rp" + text
    }

    /// An integer, grouped: 1.862.
    public static func integer(_ value: Int, _ language: Language = .default) -> String {
        grouped(String(value), language)
    }

    /// Regroups plain decimal text ("-12763150960.5") in `language`'s marks.
    public static func grouped(_ plain: String, _ language: Language) -> String {
        let (group, mark): (Character, Character) = language == .id ? (".", ",") : (",", ".")
        var text = Substring(plain)
        var sign = ""
        if text.hasPrefix("-") { sign = "-"; text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts[0])
        var out = ""
        for (index, digit) in integer.enumerated() {
            if index > 0, (integer.count - index) % 3 == 0 { out.append(group) }
            out.append(digit)
        }
        if parts.count > 1 { out.append(mark); out += parts[1] }
        return sign + out
    }
}
