import Foundation

/// One region to rank.
public struct RankingEntry: Sendable, Hashable {
    /// What is ranked.
    public enum Value: Sendable, Hashable {
        /// A percentage numerator ÷ denominator × 100 (PBB realisasi ÷ ketetapan, realisasi ÷ pagu).
        case ratio(numerator: Decimal, denominator: Decimal)
        /// A value used as is (e.g. an IKU capaian already in percent).
        case exact(Decimal)
    }

    public let region: RegionCode
    public let name: String
    public let value: Value

    public init(region: RegionCode, name: String, value: Value) {
        self.region = region
        self.name = name
        self.value = value
    }

    /// The exact value to compare; nil when undefined (denominator 0).
    var exactValue: ExactRatio? {
        switch value {
        case .ratio(let numerator, let denominator): ExactRatio(numerator * 100, over: denominator)
        case .exact(let value): ExactRatio(value)
        }
    }

    /// The value as a (38-digit) Decimal for display; nil when undefined.
    public var displayValue: Decimal? {
        switch value {
        case .ratio(let numerator, let denominator): denominator.isZero ? nil : numerator * 100 / denominator
        case .exact(let value): value
        }
    }
}

/// A ranked entry: rank nil means unranked (its value is undefined).
public struct RankedEntry: Sendable, Hashable {
    public let rank: Int?
    public let entry: RankingEntry
    /// Half-up, exactly 2 decimals ("98.51"); nil when undefined.
    public let valueText: String?
}

/// Leaderboards as revenue offices and Bappeda publish them (contract §3).
public enum Ranking {
    /// Ranks by exact value, best first: descending, or ascending with `lowest` (1 = lowest).
    ///
    /// Equal exact values share a rank and the next is skipped (1, 2, 2, 4); within a shared rank
    /// regions go by code. Values are compared exactly (`ExactRatio`), never after rounding, so 98.514%
    /// and 98.505% both print "98.51" yet rank apart. Entries whose value is undefined (denominator 0:
    /// no ketetapan, no pagu) cannot be placed; they come last, unranked, by code.
    public static func rank(_ entries: [RankingEntry], lowest: Bool = false) -> [RankedEntry] {
        let valued = entries.map { ($0, $0.exactValue) }
        let defined = valued.compactMap { entry, value in value.map { (entry, $0) } }
        let sorted = defined.sorted { lhs, rhs in
            if lhs.1 != rhs.1 { return lowest ? lhs.1 < rhs.1 : rhs.1 < lhs.1 }
            return lhs.0.region < rhs.0.region
        }
        var result: [RankedEntry] = []
        for (position, item) in sorted.enumerated() {
            let rank = position > 0 && sorted[position - 1].1 == item.1 ? result[position - 1].rank! : position + 1
            result.append(RankedEntry(rank: rank, entry: item.0, valueText: item.0.displayValue.map(DecimalText.percent)))
        }
        let undefined = valued.filter { $0.1 == nil }.map(\.0).sorted { $0.region < $1.region }
        result += undefined.map { RankedEntry(rank: nil, entry: $0, valueText: nil) }
        return result
    }
}
