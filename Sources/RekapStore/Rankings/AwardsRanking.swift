import PostgresLibPQ
import RekapDomain
import RekapReport

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
            title: Catalog.Rankings.awardsTitle(year: year),
            rows: MedalTable.rank(tallies).map { ranked in
                MedalStanding(rank: ranked.rank, tally: ranked.tally, other: others[ranked.tally.region] ?? 0)
            })
    }
}
