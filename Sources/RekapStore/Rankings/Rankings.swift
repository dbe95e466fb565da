import Foundation
import PostgresLibPQ
import RekapDomain

/// A ranked list of regions, best first (contract §3), read from the aggregates.
///
/// Ranks come from `RekapDomain.Ranking` (exact values; ties share a rank and skip; within a tie by
/// code; regions whose value is undefined last and unranked), never from SQL.
public struct Leaderboard: Sendable, Hashable {
    /// One ranked region.
    public struct Row: Sendable, Hashable {
        /// nil: unranked, its value is undefined (no ketetapan, no pagu, no report).
        public let rank: Int?
        public let region: RegionCode
        public let name: String
        /// The value half-up to exactly 2 decimals ("98.51"); nil when undefined.
        public let value: String?
        /// What the value is computed from, exactly (see ``Leaderboard/numeratorName``).
        public let numerator: Decimal?
        public let denominator: Decimal?
    }

    /// What is ranked, e.g. "PBB-P2 realisasi % per kelurahan".
    public let title: String
    /// What `numerator` and `denominator` hold, e.g. "realisasi" and "ketetapan".
    public let numeratorName: String
    public let denominatorName: String
    public let rows: [Row]
    /// The domain's ranking the rows were made from, in the same order (what `rekap report` charts).
    public let ranked: [RankedEntry]

    /// Ranks `entries`; `figures` gives the numerator and denominator shown for a region.
    init(title: String, numeratorName: String, denominatorName: String, entries: [RankingEntry], lowest: Bool,
         figures: [RegionCode: (numerator: Decimal?, denominator: Decimal?)]) {
        self.title = title
        self.numeratorName = numeratorName
        self.denominatorName = denominatorName
        self.ranked = Ranking.rank(entries, lowest: lowest)
        self.rows = ranked.map { ranked in
            let shown = figures[ranked.entry.region]
            return Row(rank: ranked.rank, region: ranked.entry.region, name: ranked.entry.name, value: ranked.valueText,
                       numerator: shown?.numerator, denominator: shown?.denominator)
        }
    }
}

/// Queries that rank a city's regions from its aggregates. Each reads in one statement, so it sees
/// one recompute's figures, never a mix.
public enum Rankings {
    /// A value that `Ranking` cannot place (a 0 denominator): the region is listed last, unranked.
    static let undefined = RankingEntry.Value.ratio(numerator: 0, denominator: 0)

    /// A region code read from an aggregate table.
    static func regionCode(_ row: PGRow, column: String) throws -> RegionCode {
        let text = try row.decode(String.self, column: column)
        do {
            return try RegionCode(parsing: text)
        } catch {
            throw ConsolidationError(reason: "the aggregates hold a malformed region code: \(error.description)")
        }
    }
}
