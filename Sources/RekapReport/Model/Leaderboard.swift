import Foundation
import RekapDomain

/// A ranked list of regions, best first (contract §3): what `rekap rank` prints, the HTTP API answers,
/// and the city report and dashboard show, all from this one model.
///
/// Ranks come from `RekapDomain.Ranking` (exact values; ties share a rank and skip; within a tie by
/// code; regions whose value is undefined last and unranked), never from SQL.
public struct Leaderboard: Sendable, Hashable {
    /// Which ranking: the `rekap rank` subcommand it matches.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case pbb, iku, penyerapan
    }

    /// One ranked region with the figures shown beside its value.
    public struct Row: Sendable, Hashable {
        /// `Ranking.rank`'s output: rank (nil: unranked), the region and its exact value, the value text.
        public var ranked: RankedEntry
        /// What the value is computed from, exactly (named by `numeratorName` and `denominatorName`);
        /// nil when unknown.
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

        /// nil: unranked, its value is undefined (no ketetapan, no pagu, no report).
        public var rank: Int? { ranked.rank }
        public var region: RegionCode { ranked.entry.region }
        public var name: String { ranked.entry.name }
        /// The value half-up to exactly 2 decimals ("98.51"); nil when undefined.
        public var value: String? { ranked.valueText }
    }

    public var kind: Kind
    /// A stable identifier of this board, e.g. "pbb-kelurahan".
    public var id: String
    /// The heading in both languages (`Catalog.Rankings`), e.g. "Realisasi PBB-P2 2023 (%) per
    /// kelurahan" / "PBB-P2 2023 realisasi % per kelurahan": pages and workbooks show the reader's
    /// language, the CLI's text table the English one.
    public var title: LocalizedText
    /// What a value means, e.g. "realisasi ÷ ketetapan × 100".
    public var measure: LocalizedText
    /// What `Row.numerator` and `Row.denominator` hold, e.g. "realisasi" and "ketetapan".
    public var numeratorName: String
    public var denominatorName: String
    /// Best first, as `Ranking.rank` orders them; unranked (undefined) entries last.
    public var rows: [Row]

    public init(kind: Kind, id: String, title: LocalizedText, measure: LocalizedText, numeratorName: String = "numerator",
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
    public init(kind: Kind, id: String, title: LocalizedText, measure: LocalizedText, numeratorName: String = "numerator",
                denominatorName: String = "denominator", entries: [RankedEntry]) {
        self.init(kind: kind, id: id, title: title, measure: measure, numeratorName: numeratorName,
                  denominatorName: denominatorName, rows: entries.map(Row.init))
    }

    /// Ranks `entries` (lowest first with `lowest`); `figures` gives the numerator and denominator
    /// shown for a region (none when it has no entry there).
    public init(kind: Kind, id: String, title: LocalizedText, measure: LocalizedText, numeratorName: String, denominatorName: String,
                entries: [RankingEntry], lowest: Bool, figures: [RegionCode: (numerator: Decimal?, denominator: Decimal?)]) {
        self.init(kind: kind, id: id, title: title, measure: measure, numeratorName: numeratorName, denominatorName: denominatorName,
                  rows: Ranking.rank(entries, lowest: lowest).map { ranked in
                      let shown = figures[ranked.entry.region]
                      return Row(ranked: ranked, numerator: shown?.numerator, denominator: shown?.denominator)
                  })
    }

    /// The domain's ranking the rows were made from, in the same order.
    public var ranked: [RankedEntry] { rows.map(\.ranked) }
}
