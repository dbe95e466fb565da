import PostgresLibPQ
import RekapDomain

/// The kelurahan medal table (contract §3): most firsts, then seconds, then thirds.
public struct MedalLeaderboard: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public let rank: Int
        public let region: RegionCode
        public let name: String
        public let gold: Int
        public let silver: Int
        public let bronze: Int
        /// Awards without a podium place (Harapan, certificates): shown, never ranked on.
        public let other: Int
    }

    public let title: String
    public let rows: [Row]
}

extension Rankings {
    /// Kelurahan (and desa) with at least one podium place, ranked by `MedalTable`; identical
    /// (gold, silver, bronze) share a rank (1, 2, 2, 4).
    public static func awards(city: RegionCode, year: Int, on connection: PGConnection) throws -> MedalLeaderboard {
        let rows = try connection.query("""
            SELECT a.region_code, r.name, a.gold, a.silver, a.bronze, a.other
              FROM agg_awards a JOIN region r ON r.code = a.region_code
             WHERE a.city_code = \(city.text) AND a.year = \(year) AND a.level = 'kelurahan'
               AND a.gold + a.silver + a.bronze > 0
            """)
        var tallies: [MedalTally] = []
        var others: [RegionCode: Int] = [:]
        for row in rows {
            let region = try regionCode(row, column: "region_code")
            tallies.append(MedalTally(region: region, name: try row.decode(String.self, column: "name"),
                                      first: try row.decode(Int.self, column: "gold"),
                                      second: try row.decode(Int.self, column: "silver"),
                                      third: try row.decode(Int.self, column: "bronze")))
            others[region] = try row.decode(Int.self, column: "other")
        }
        return MedalLeaderboard(
            title: "Awards \(year): kelurahan medal table",
            rows: MedalTable.rank(tallies).map { ranked in
                MedalLeaderboard.Row(rank: ranked.rank, region: ranked.tally.region, name: ranked.tally.name,
                                     gold: ranked.tally.first, silver: ranked.tally.second, bronze: ranked.tally.third,
                                     other: others[ranked.tally.region] ?? 0)
            })
    }
}
