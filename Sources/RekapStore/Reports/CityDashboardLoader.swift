import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport

/// Reads Bappeda's dashboard of one city and year from the aggregates: the `rekap rank` boards (PBB-P2
/// as of a chosen day), the medal table, completeness per kecamatan and the open findings, through the
/// same queries as `rekap report` (`CityReportQueries`), so the dashboard, the report and `rekap rank`
/// cannot disagree.
public enum CityDashboardLoader {
    /// Loads the dashboard inside the caller's transaction (use a read-only REPEATABLE READ one, so the
    /// page shows one consolidation's figures).
    ///
    /// - Throws: `CityReportError` when `city` is not a kota or kabupaten in the registry.
    public static func load(city: RegionCode, year: Int, asOf: CalendarDate? = nil, on connection: PGConnection,
                            now: Date = Date()) throws -> CityDashboard {
        let name = try CityReportLoader.cityName(city, on: connection)
        let queries = CityReportQueries(city: city, year: year, connection: connection)
        // One read of agg_run gives both: the page and each of its refreshes come here.
        let staleness = try Staleness.check(city: city, year: year, on: connection)
        return CityDashboard(
            city: ReportRegion(code: city, name: name), year: year, asOf: asOf, generatedAt: now,
            aggregatedAt: staleness.computedAt, stalenessNote: stalenessNote(staleness, city: city, year: year),
            leaderboards: try queries.leaderboards(pbbAsOf: asOf),
            medals: try queries.medals(),
            completeness: KecamatanCompleteness.summarize(try queries.completeness()),
            findings: try queries.findings(),
            crossFindings: try queries.crossFindings(),
            timeZone: try CityTimeZoneSetting.zone(of: city, on: connection))
    }

    /// The newest year whose aggregates were computed for `city`; nil when none was.
    public static func latestYear(city: RegionCode, on connection: PGConnection) throws -> Int? {
        try connection.queryValue(Int.self, "SELECT year FROM agg_run WHERE city_code = \(city.text) ORDER BY year DESC LIMIT 1")
    }

    /// What the dashboard misses, in words for its readers: `rekapd` catches up by itself.
    static func stalenessNote(_ staleness: Staleness, city: RegionCode, year: Int) -> LocalizedText? {
        switch staleness {
        case .fresh: nil
        case .stale(let reason):
            LocalizedText(id: "\(reason.text.id); rekapd segera menghitungnya ulang dan halaman ini lalu diperbarui sendiri.",
                          en: "\(reason.text.en); rekapd recomputes them shortly and this page then updates itself.")
        case .neverComputed:
            LocalizedText(id: "agregat \(city) \(year) belum pernah dihitung, jadi belum ada yang diperingkat; agregat dihitung begitu laporan atau data PBB-P2 \(year) yang pertama masuk.",
                          en: "the aggregates of \(city) \(year) were never computed, so there is nothing to rank yet; they are computed when the first report or PBB-P2 feed of \(year) arrives.")
        }
    }
}
