import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport

/// Queries that rank a city's regions from its aggregates. Each reads in one statement, so it sees
/// one recompute's figures, never a mix, and returns RekapReport's `Leaderboard` (or `MedalLeaderboard`),
/// the one model every format is rendered from.
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
