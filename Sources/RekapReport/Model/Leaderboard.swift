import Foundation
import RekapDomain

/// One leaderboard as `rekap rank` computes it.
public struct ReportLeaderboard: Sendable, Hashable {
    /// Which ranking: the `rekap rank` subcommand it matches.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case pbb, iku, penyerapan
    }

    /// One ranked region with the figures `rekap rank` shows beside its value.
    public struct Row: Sendable, Hashable {
        /// `Ranking.rank`'s output: rank (nil: unranked), the region and its exact value, the value text.
        public var ranked: RankedEntry
        /// What the value is computed from, as `rekap rank` prints them (named by `numeratorName` and
        /// `denominatorName`); nil when unknown.
        public var numerator: Decimal?
        public var denominator: Decimal?

        public init(ranked: RankedEntry, numerator: Decimal?, denominator: Decimal?) {
            self.ranked = ranked
            self.numerator = numerator
            self.denominator = denominator
        }

        /// A row showing the ratio's own terms (none for a value ranked as is).
        public init(_ ranked: RankedEntry) {
            switch ranked.entry.value {
            case .ratio(let numerator, let denominator): self.init(ranked: ranked, numerator: numerator, denominator: denominator)
            case .exact: self.init(ranked: ranked, numerator: nil, denominator: nil)
            }
        }
    }

    public var kind: Kind
    /// A stable identifier of this board within the report, e.g. "pbb-kelurahan".
    public var id: String
    /// The heading, e.g. "PBB-P2 realisasi by kelurahan".
    public var title: String
    /// What a value means, e.g. "realisasi ÷ ketetapan × 100".
    public var measure: String
    /// What `Row.numerator` and `Row.denominator` hold, e.g. "realisasi" and "ketetapan".
    public var numeratorName: String
    public var denominatorName: String
    /// Best first, as `Ranking.rank` orders them; unranked (undefined) entries last.
    public var rows: [Row]

    public init(kind: Kind, id: String, title: String, measure: String, numeratorName: String = "numerator",
                denominatorName: String = "denominator", rows: [Row]) {
        self.kind = kind
        self.id = id
        self.title = title
        self.measure = measure
        self.numeratorName = numeratorName
        self.denominatorName = denominatorName
        self.rows = rows
    }

    /// A board straight from `Ranking.rank`, showing each ratio's terms.
    public init(kind: Kind, id: String, title: String, measure: String, numeratorName: String = "numerator",
                denominatorName: String = "denominator", entries: [RankedEntry]) {
        self.init(kind: kind, id: id, title: title, measure: measure, numeratorName: numeratorName,
                  denominatorName: denominatorName, rows: entries.map(Row.init))
    }
}

/// One line of the medal table, as `MedalTable.rank` orders it.
public struct MedalStanding: Sendable, Hashable {
    public var rank: Int
    public var tally: MedalTally
    /// Awards without a podium place (Harapan, certificates): shown, never ranked on.
    public var other: Int

    public init(rank: Int, tally: MedalTally, other: Int = 0) {
        self.rank = rank
        self.tally = tally
        self.other = other
    }

    /// Podium places in all (gold + silver + bronze).
    public var total: Int { tally.first + tally.second + tally.third }

    /// Ranks tallies with `MedalTable.rank`.
    public static func standings(_ tallies: [MedalTally]) -> [MedalStanding] {
        MedalTable.rank(tallies).map { MedalStanding(rank: $0.rank, tally: $0.tally) }
    }
}
