import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport

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
            // Each region's days of both sources, up to and including the day (agg_pbb_daily).
            let day: PGQuery = "\(asOf.description)::date"
            figures = """
                SELECT r.region_code,
                       (SELECT coalesce(sum(d.ketetapan_base), 0) FROM agg_pbb_daily d
                         WHERE d.city_code = r.city_code AND d.year = r.year AND d.region_code = r.region_code)
                       + (SELECT coalesce(sum(u.change), 0)
                            FROM agg_pbb_daily d, unnest(d.tanggal, d.ketetapan_change) AS u (day, change)
                           WHERE d.city_code = r.city_code AND d.year = r.year AND d.region_code = r.region_code
                             AND u.day <= \(day)) AS ketetapan,
                       (SELECT coalesce(sum(u.paid), 0)
                          FROM agg_pbb_daily d, unnest(d.tanggal, d.paid) AS u (day, paid)
                         WHERE d.city_code = r.city_code AND d.year = r.year AND d.region_code = r.region_code
                           AND u.day <= \(day)) AS realisasi
                  FROM agg_pbb_region r
                 WHERE r.city_code = \(city.text) AND r.year = \(year) AND r.level = \(level.rawValue)
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
        let measure = switch level {
        case .kelurahan: Catalog.Rankings.pbbKelurahanMeasure
        case .kecamatan: Catalog.Rankings.pbbKecamatanMeasure
        }
        return Leaderboard(kind: .pbb, id: "pbb-\(level.rawValue)",
                           title: Catalog.Rankings.pbbTitle(year: year, level: level.rawValue, asOf: asOf),
                           measure: measure, numeratorName: "realisasi", denominatorName: "ketetapan",
                           entries: entries, lowest: lowest, figures: shown)
    }
}
