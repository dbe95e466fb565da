import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport

extension Rankings {
    /// Kecamatan by IKU capaian.
    ///
    /// Without `indicator`: by mean capaian across each kecamatan's indicators (each counted at most
    /// the city's cap, when one is set); `numerator` is Σ capaian and `denominator` the number of
    /// indicators, so `value` = numerator ÷ denominator (a mean of percentages, not × 100).
    /// With `indicator`: by that indicator's capaian; `numerator` is its realisasi and `denominator`
    /// its target (capaian follows the indicator's polarity). Kecamatan without a value come last,
    /// unranked.
    ///
    /// - Throws: `ConsolidationError` when no kecamatan of the city reported `indicator`.
    public static func iku(city: RegionCode, year: Int, indicator: String? = nil, lowest: Bool = false,
                           on connection: PGConnection) throws -> Leaderboard {
        var entries: [RankingEntry] = []
        var shown: [RegionCode: (numerator: Decimal?, denominator: Decimal?)] = [:]
        if let indicator {
            let rows = try connection.query("""
                SELECT k.kecamatan_code, r.name, a.capaian, a.realisasi, a.target,
                       EXISTS (SELECT FROM agg_iku x WHERE x.city_code = \(city.text) AND x.year = \(year)
                                                       AND x.indicator_code = \(indicator)) AS known
                  FROM agg_iku_kecamatan k
                  JOIN region r ON r.code = k.kecamatan_code
                  LEFT JOIN agg_iku a ON a.city_code = k.city_code AND a.year = k.year
                                     AND a.kecamatan_code = k.kecamatan_code AND a.indicator_code = \(indicator)
                 WHERE k.city_code = \(city.text) AND k.year = \(year)
                """)
            if let first = rows.first, try !first.decode(Bool.self, column: "known") {
                throw ConsolidationError(reason: "no kecamatan of \(city) reported an indicator coded \(indicator) for \(year)")
            }
            for row in rows {
                let region = try regionCode(row, column: "kecamatan_code")
                let capaian = try row.decode(Decimal?.self, column: "capaian")
                entries.append(RankingEntry(region: region, name: try row.decode(String.self, column: "name"),
                                            value: capaian.map { .exact($0) } ?? undefined))
                shown[region] = (try row.decode(Decimal?.self, column: "realisasi"), try row.decode(Decimal?.self, column: "target"))
            }
            return Leaderboard(kind: .iku, id: "iku-\(indicator)", title: Catalog.Rankings.ikuIndicatorTitle(year: year, indicator: indicator),
                               measure: Catalog.Rankings.ikuIndicatorMeasure(indicator: indicator),
                               numeratorName: "realisasi", denominatorName: "target",
                               entries: entries, lowest: lowest, figures: shown)
        }
        let rows = try connection.query("""
            SELECT k.kecamatan_code, r.name, k.capaian_sum, k.indicators
              FROM agg_iku_kecamatan k JOIN region r ON r.code = k.kecamatan_code
             WHERE k.city_code = \(city.text) AND k.year = \(year)
            """)
        for row in rows {
            let region = try regionCode(row, column: "kecamatan_code")
            let count = try row.decode(Int.self, column: "indicators")
            let sum = try row.decode(Decimal?.self, column: "capaian_sum")
            // The mean Σ ÷ n as the exact ratio (Σ × 100) ÷ (n × 100) that `Ranking` compares.
            let value: RankingEntry.Value = if let sum, count > 0 {
                .ratio(numerator: sum, denominator: Decimal(count) * 100)
            } else {
                undefined
            }
            entries.append(RankingEntry(region: region, name: try row.decode(String.self, column: "name"), value: value))
            shown[region] = (sum, count > 0 ? Decimal(count) : nil)
        }
        return Leaderboard(kind: .iku, id: "iku", title: Catalog.Rankings.ikuMeanTitle(year: year),
                           measure: Catalog.Rankings.ikuMeanMeasure,
                           numeratorName: "capaian_sum", denominatorName: "indicators",
                           entries: entries, lowest: lowest, figures: shown)
    }
}
