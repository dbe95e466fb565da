import Foundation

/// Which direction of an indicator is good.
public enum Polarity: String, Sendable, Hashable, CaseIterable {
    /// More is better (most IKU): capaian = realisasi / target × 100.
    case higher
    /// Less is better (e.g. a poverty rate): capaian = (2 × target − realisasi) / target × 100.
    case lower
}

/// The achievement of one indicator, as a percentage.
public enum Capaian: Sendable, Hashable {
    /// The exact percentage (not rounded; may exceed 100).
    case value(Decimal)
    /// `lower` polarity with realisasi above twice the target: the formula goes negative, and the
    /// LKjIP convention is that achievement cannot be below zero. `raw` is the negative figure.
    case flooredAtZero(raw: Decimal)
    /// No percentage exists (target 0 or negative, or no realisasi); the reason in plain words.
    case cannotCompute(String)

    /// The percentage to use, or nil when none can be computed.
    public var percent: Decimal? {
        switch self {
        case .value(let value): value
        case .flooredAtZero: 0
        case .cannotCompute: nil
        }
    }

    /// Computes capaian from exact values; never divides by zero.
    ///
    /// Multiplying by 100 before dividing keeps the single inexact step (the division, to 38 digits)
    /// last, so rounding the result to 2 decimals is exact for any realistic input.
    public static func compute(target: Decimal, realisasi: Decimal, polarity: Polarity) -> Capaian {
        if target.isZero { return .cannotCompute("the target is 0, so no percentage of it exists") }
        if target < 0 { return .cannotCompute("the target is negative, so a percentage of it means nothing") }
        switch polarity {
        case .higher:
            return .value(realisasi * 100 / target)
        case .lower:
            let raw = (target * 2 - realisasi) * 100 / target
            return raw < 0 ? .flooredAtZero(raw: raw) : .value(raw)
        }
    }
}

/// Efficiency of resource use as LKjIP Tabel 3.10 defines it: capaian ÷ penyerapan.
public enum Efisiensi: Sendable, Hashable {
    /// The ratio (1 means achievement kept pace with spending).
    case ratio(Decimal)
    /// Penyerapan is 0 or unknown, or capaian is unknown: why, in both languages.
    case undefined(LocalizedText)

    public var value: Decimal? {
        if case .ratio(let value) = self { return value }
        return nil
    }

    /// "efisien" when the ratio is at least 1, "kurang efisien" below 1, nil when undefined.
    public var label: String? {
        guard let value else { return nil }
        return value >= 1 ? "efisien" : "kurang efisien"
    }

    /// Computes capaian % ÷ penyerapan %.
    public static func compute(capaian: Decimal?, penyerapan: Decimal?) -> Efisiensi {
        guard let capaian else { return .undefined(LocalizedText(id: "capaian tidak dapat dihitung", en: "capaian cannot be computed")) }
        guard let penyerapan else { return .undefined(LocalizedText(id: "penyerapan tidak dapat dihitung", en: "penyerapan cannot be computed")) }
        if penyerapan.isZero { return .undefined(LocalizedText(id: "tidak ada yang dibelanjakan (penyerapan 0%)", en: "nothing was spent (penyerapan 0%)")) }
        return .ratio(capaian / penyerapan)
    }
}
