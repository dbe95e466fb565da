import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport

extension Rankings {
    /// Kecamatan by budget penyerapan: realisasi ÷ pagu of each one's total (from its FY report, else its
    /// latest quarter). Kecamatan without a budget or with pagu 0 come last, unranked.
    public static func penyerapan(city: RegionCode, year: Int, lowest: Bool = false,
                                  on connection: PGConnection) throws -> Leaderboard {
        let rows = try connection.query("""
            SELECT t.region_code, r.name, t.realisasi, t.pagu
              FROM agg_budget_total t JOIN region r ON r.code = t.region_code
             WHERE t.city_code = \(city.text) AND t.year = \(year) AND t.level = 'kecamatan'
            """)
        var entries: [RankingEntry] = []
        var shown: [RegionCode: (numerator: Decimal?, denominator: Decimal?)] = [:]
        for row in rows {
            let region = try regionCode(row, column: "region_code")
            let realisasi = try row.decode(Decimal?.self, column: "realisasi")
            let pagu = try row.decode(Decimal?.self, column: "pagu")
            let value: RankingEntry.Value = if let realisasi, let pagu {
                .ratio(numerator: realisasi, denominator: pagu)
            } else {
                undefined
            }
            entries.append(RankingEntry(region: region, name: try row.decode(String.self, column: "name"), value: value))
            shown[region] = (realisasi, pagu)
        }
        return Leaderboard(kind: .penyerapan, id: "penyerapan", title: Catalog.Rankings.penyerapanTitle(year: year),
                           measure: Catalog.Rankings.penyerapanMeasure,
                           numeratorName: "realisasi", denominatorName: "pagu", entries: entries, lowest: lowest, figures: shown)
    }
}
