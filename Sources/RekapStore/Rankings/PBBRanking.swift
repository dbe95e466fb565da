import Foundation
import PostgresLibPQ
import RekapDomain

/// The level a PBB-P2 leaderboard ranks.
public enum PBBRankingLevel: String, Sendable, Hashable, CaseIterable {
    case kelurahan
    case kecamatan
}

extension Rankings {
    /// PBB-P2 realisasi ÷ ketetapan per kelurahan or kecamatan (a kecamatan's is Σ realisasi ÷ Σ
    /// ketetapan of its kelurahan), as of the last payment, or as of the end of `asOf` (the sum of the
    /// days up to it). With `lowest`, 1 is the lowest. Regions without ketetapan come last, unranked.
    public static func pbb(city: RegionCode, year: Int, level: PBBRankingLevel, asOf: CalendarDate? = nil,
                           lowest: Bool = false, on connection: PGConnection) throws -> Leaderboard {
        let figures: PGQuery
        if let asOf {
            // Kelurahan rows give each day's change; a kecamatan sums its kelurahan's.
            let region: PGQuery = level == .kelurahan ? "k.region_code" : "k.parent_code"
            figures = """
                SELECT \(region) AS region_code, coalesce(sum(d.paid), 0) AS realisasi,
                       coalesce(sum(d.ketetapan_change), 0) AS ketetapan
                  FROM agg_pbb_region k
                  LEFT JOIN agg_pbb_daily d
                    ON d.city_code = k.city_code AND d.year = k.year AND d.region_code = k.region_code
                   AND d.tanggal <= \(asOf.description)::date
                 WHERE k.city_code = \(city.text) AND k.year = \(year) AND k.level = 'kelurahan'
                 GROUP BY \(region)
                """
        } else {
            figures = """
                SELECT region_code, realisasi, ketetapan FROM agg_pbb_region
                 WHERE city_code = \(city.text) AND year = \(year) AND level = \(level.rawValue)
                """
        }
        let rows = try connection.query("""
            SELECT f.region_code, r.name, f.realisasi, f.ketetapan
              FROM (\(figures)) AS f JOIN region r ON r.code = f.region_code
            """)
        var entries: [RankingEntry] = []
        var shown: [RegionCode: (numerator: Decimal?, denominator: Decimal?)] = [:]
        for row in rows {
            let region = try regionCode(row, column: "region_code")
            let realisasi = try row.decode(Decimal.self, column: "realisasi")
            let ketetapan = try row.decode(Decimal.self, column: "ketetapan")
            entries.append(RankingEntry(region: region, name: try row.decode(String.self, column: "name"),
                                        value: .ratio(numerator: realisasi, denominator: ketetapan)))
            shown[region] = (realisasi, ketetapan)
        }
        let when = asOf.map { " as of \($0)" } ?? ""
        return Leaderboard(title: "PBB-P2 \(year) realisasi % per \(level.rawValue)\(when)",
                           numeratorName: "realisasi", denominatorName: "ketetapan",
                           entries: entries, lowest: lowest, figures: shown)
    }
}
