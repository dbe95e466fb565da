/// The formats a leaderboard prints in (contract §3): `rekap rank --format`.
public enum LeaderboardFormat: String, Sendable, Hashable, CaseIterable {
    /// An aligned plain-text table under the board's title, for people.
    case table
    /// `rank,region,name,value,numerator,denominator` (medals: `…,gold,silver,bronze,other`), LF line ends.
    case csv
    /// ``LeaderboardJSON``.
    case json
}
