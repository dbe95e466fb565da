import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport

/// Reads a city's aggregates (`sql/0004_aggregates.sql`) and open findings into a `CityReport`.
///
/// Everything is read in one read-only REPEATABLE READ transaction, so the report shows one
/// consolidation's figures even while `rekapd` recomputes. The previous year's IKU figures come from
/// the same tables for year − 1 (empty when that year was never consolidated).
public enum CityReportLoader {
    /// Loads the report of `city` for `year` on a pooled connection.
    public static func load(city: RegionCode, year: Int, client: PGClient, now: Date = Date()) async throws -> CityReport {
        try await client.withTransaction(isolation: .repeatableRead, readOnly: true) { connection in
            try load(city: city, year: year, on: connection, now: now)
        }
    }

    /// Loads the report inside the caller's transaction (use REPEATABLE READ for a consistent report).
    public static func load(city: RegionCode, year: Int, on connection: PGConnection, now: Date = Date()) throws -> CityReport {
        let cityName = try self.cityName(city, on: connection)
        let context = CityReportQueries(city: city, year: year, connection: connection)
        var report = CityReport(city: ReportRegion(code: city, name: cityName), year: year, generatedAt: now,
                                timeZone: try CityTimeZoneSetting.zone(of: city, on: connection))
        // One read of agg_run gives both.
        let staleness = try Staleness.check(city: city, year: year, on: connection)
        report.aggregatedAt = staleness.computedAt
        report.stalenessNote = stalenessNote(staleness, city: city, year: year)
        report.iku = try context.iku()
        report.ikuStatistics = try context.ikuStatistics()
        report.programs = try context.programs()
        report.belanja = try context.belanja()
        report.efisiensi = try context.efisiensi()
        report.pbbKecamatan = try context.pbb(level: "kecamatan")
        report.pbbKelurahan = try context.pbb(level: "kelurahan")
        report.leaderboards = try context.leaderboards()
        report.medals = try context.medals()
        report.completeness = try context.completeness()
        report.findings = try context.findings()
        try context.addPlans(to: &report)
        return report
    }

    /// The name of a kota or kabupaten in the registry; an error naming the code when there is none.
    static func cityName(_ city: RegionCode, on connection: PGConnection) throws -> String {
        guard city.level == .kabupatenKota else {
            throw CityReportError(reason: "\(city) is a \(city.level) code; a report covers a kota or kabupaten (like 14.72)")
        }
        guard let name = try connection.queryValue(String.self, "SELECT name FROM region WHERE code = \(city.text)") else {
            throw CityReportError(reason: "no region \(city) in the registry (load it with rekap regions import)")
        }
        return name
    }

    /// What the aggregates miss, in plain words in both languages; nil when they are current.
    static func stalenessNote(_ staleness: Staleness, city: RegionCode, year: Int) -> LocalizedText? {
        let run = "rekap consolidate --city \(city) --year \(year)"
        return switch staleness {
        case .fresh: nil
        case .stale(let reason):
            LocalizedText(id: "angka belum mutakhir: \(reason.text.id); jalankan \(run) (atau rekap report --fresh)",
                          en: "the figures are stale: \(reason.text.en); run \(run) (or rekap report --fresh)")
        case .neverComputed:
            LocalizedText(id: "agregat \(city) \(year) belum pernah dihitung, sehingga laporan kosong; jalankan \(run) (atau rekap report --fresh)",
                          en: "the aggregates of \(city) \(year) were never computed, so the report is empty; run \(run) (or rekap report --fresh)")
        }
    }
}

/// The queries, bound to one city, year and connection (the report's and the dashboard's).
struct CityReportQueries {
    let city: RegionCode
    let year: Int
    let connection: PGConnection

    // MARK: IKU

    func iku() throws -> [IKURow] {
        // sasaran and renstra_target are not aggregated: they come from the submission the row was taken from.
        let rows = try connection.query("""
            SELECT i.kecamatan_code, coalesce(r.name, i.kecamatan_code) AS kecamatan_name, i.indicator_code,
                   i.indicator_name, i.polarity, i.unit, i.target, i.realisasi, i.predikat,
                   si.sasaran, si.renstra_target,
                   p.target AS previous_target, p.realisasi AS previous_realisasi, p.polarity AS previous_polarity
              FROM agg_iku i
              LEFT JOIN region r ON r.code = i.kecamatan_code
              LEFT JOIN submission_indicator si ON si.submission_id = i.submission_id AND si.code = i.indicator_code
              LEFT JOIN agg_iku p ON p.city_code = i.city_code AND p.year = i.year - 1
                                 AND p.kecamatan_code = i.kecamatan_code AND p.indicator_code = i.indicator_code
             WHERE i.city_code = \(city.text) AND i.year = \(year)
             ORDER BY i.kecamatan_code, si.position NULLS LAST, i.indicator_code
            """)
        return try rows.map { row in
            let previous: IKURow.Previous? = try row.decode(Decimal?.self, column: "previous_target").map { target in
                IKURow.Previous(target: target, realisasi: try row.decode(Decimal.self, column: "previous_realisasi"),
                                polarity: try polarity(row, "previous_polarity"))
            }
            return IKURow(kecamatan: try reportRegion(row, "kecamatan_code", "kecamatan_name"),
                          code: try row.decode(String.self, column: "indicator_code"),
                          name: try row.decode(String.self, column: "indicator_name"),
                          sasaran: try row.decode(String?.self, column: "sasaran"),
                          unit: try row.decode(String?.self, column: "unit"),
                          polarity: try polarity(row, "polarity"),
                          target: try row.decode(Decimal.self, column: "target"),
                          realisasi: try row.decode(Decimal.self, column: "realisasi"),
                          renstraTarget: try row.decode(Decimal?.self, column: "renstra_target"),
                          previous: previous,
                          predikat: try row.decode(String?.self, column: "predikat"))
        }
    }

    func ikuStatistics() throws -> [IKUStatistics] {
        var counts: [String: [IKUStatistics.PredikatCount]] = [:]
        for row in try connection.query("""
            SELECT indicator_code, predikat, kecamatan FROM agg_iku_predikat
             WHERE city_code = \(city.text) AND year = \(year) ORDER BY indicator_code, position
            """) {
            counts[try row.decode(String.self, column: "indicator_code"), default: []]
                .append(IKUStatistics.PredikatCount(predikat: try row.decode(String.self, column: "predikat"),
                                                    count: try row.decode(Int.self, column: "kecamatan")))
        }
        return try connection.query("""
            SELECT indicator_code, indicator_name, reporting, mean, median, min, max FROM agg_iku_city
             WHERE city_code = \(city.text) AND year = \(year) ORDER BY indicator_code
            """).map { row in
            let code = try row.decode(String.self, column: "indicator_code")
            return IKUStatistics(code: code, name: try row.decode(String.self, column: "indicator_name"),
                                 reporting: try row.decode(Int.self, column: "reporting"),
                                 mean: try row.decode(Decimal?.self, column: "mean"),
                                 median: try row.decode(Decimal?.self, column: "median"),
                                 minimum: try row.decode(Decimal?.self, column: "min"),
                                 maximum: try row.decode(Decimal?.self, column: "max"),
                                 predikatCounts: counts[code] ?? [])
        }
    }

    // MARK: Budget

    func programs() throws -> [ProgramBudget] {
        try connection.query("""
            SELECT program_code, program_name, kecamatan, pagu_murni, pagu, realisasi FROM agg_budget
             WHERE city_code = \(city.text) AND year = \(year) AND level = 'kota'
             ORDER BY program_code NULLS LAST, program_name
            """).map { row in
            ProgramBudget(code: try row.decode(String?.self, column: "program_code"),
                          name: try row.decode(String.self, column: "program_name"),
                          kecamatanCount: try row.decode(Int.self, column: "kecamatan"),
                          paguMurni: try row.decode(Decimal?.self, column: "pagu_murni"),
                          amounts: BudgetAmounts(pagu: try row.decode(Decimal.self, column: "pagu"),
                                                 realisasi: try row.decode(Decimal.self, column: "realisasi")))
        }
    }

    func belanja() throws -> [BelanjaBudget] {
        try connection.query("""
            SELECT belanja, pagu, realisasi FROM agg_budget_belanja
             WHERE city_code = \(city.text) AND year = \(year) AND level = 'kota'
            """).map { row in
            let text = try row.decode(String.self, column: "belanja")
            guard let type = BelanjaType(rawValue: text) else { throw malformed("belanja type \"\(text)\"") }
            return BelanjaBudget(belanja: type, amounts: BudgetAmounts(pagu: try row.decode(Decimal.self, column: "pagu"),
                                                                         realisasi: try row.decode(Decimal.self, column: "realisasi")))
        }.sorted { $0.belanja < $1.belanja }
    }

    /// Every kecamatan with its IKU capaian (Σ capped capaian ÷ indicators, divided exactly here) and budget.
    func efisiensi() throws -> [EfisiensiRow] {
        try connection.query("""
            SELECT k.kecamatan_code, coalesce(r.name, k.kecamatan_code) AS kecamatan_name, k.indicators, k.capaian_sum,
                   b.pagu, b.realisasi
              FROM agg_iku_kecamatan k
              LEFT JOIN agg_budget_total b ON b.city_code = k.city_code AND b.year = k.year AND b.region_code = k.kecamatan_code
              LEFT JOIN region r ON r.code = k.kecamatan_code
             WHERE k.city_code = \(city.text) AND k.year = \(year)
             ORDER BY k.kecamatan_code
            """).map { row in
            let pagu = try row.decode(Decimal?.self, column: "pagu")
            let realisasi = try row.decode(Decimal?.self, column: "realisasi")
            let budget = pagu.flatMap { pagu in realisasi.map { BudgetAmounts(pagu: pagu, realisasi: $0) } }
            return EfisiensiRow(kecamatan: try reportRegion(row, "kecamatan_code", "kecamatan_name"),
                                capaian: try meanCapaian(row), budget: budget)
        }
    }

    // MARK: PBB-P2

    func pbb(level: String) throws -> [PBBFigures] {
        try connection.query("""
            SELECT p.region_code, coalesce(r.name, p.region_code) AS name, p.ketetapan, p.realisasi, p.objek, p.objek_lunas,
                   p.as_of::text AS as_of, p.lunas_date::text AS lunas_date, p.source
              FROM agg_pbb_region p LEFT JOIN region r ON r.code = p.region_code
             WHERE p.city_code = \(city.text) AND p.year = \(year) AND p.level = \(level)
             ORDER BY p.region_code
            """).map { row in
            let source = try row.decode(String?.self, column: "source")
            return PBBFigures(region: try reportRegion(row, "region_code", "name"),
                              ketetapan: try row.decode(Decimal.self, column: "ketetapan"),
                              realisasi: try row.decode(Decimal.self, column: "realisasi"),
                              objek: try row.decode(Int?.self, column: "objek"),
                              objekLunas: try row.decode(Int?.self, column: "objek_lunas"),
                              reachedFullOn: try date(row, "lunas_date"), asOf: try date(row, "as_of"),
                              source: try source.map { text in
                                  guard let source = PBBFigures.Source(rawValue: text) else { throw malformed("PBB source \"\(text)\"") }
                                  return source
                              })
        }
    }

    // MARK: Leaderboards, medals

    /// The boards `rekap rank` prints, from the same queries (`Rankings`), so the report and the
    /// command cannot disagree; the PBB-P2 boards as of the end of `pbbAsOf` when given.
    func leaderboards(pbbAsOf: CalendarDate? = nil) throws -> [Leaderboard] {
        [
            try Rankings.pbb(city: city, year: year, level: .kelurahan, asOf: pbbAsOf, on: connection),
            try Rankings.pbb(city: city, year: year, level: .kecamatan, asOf: pbbAsOf, on: connection),
            try Rankings.iku(city: city, year: year, on: connection),
            try Rankings.penyerapan(city: city, year: year, on: connection),
        ]
    }

    func medals() throws -> [MedalStanding] {
        try Rankings.awards(city: city, year: year, on: connection).rows
    }

    // MARK: Completeness, findings

    func completeness() throws -> [CompletenessRow] {
        var rows: [CompletenessRow] = []
        for row in try connection.query("""
            SELECT c.region_code, coalesce(r.name, c.region_code) AS name, c.period, c.revision, c.submitted_at,
                   c.signed_date::text AS signed_date, c.owed
              FROM agg_completeness c LEFT JOIN region r ON r.code = c.region_code
             WHERE c.city_code = \(city.text) AND c.year = \(year)
             ORDER BY c.region_code, c.period
            """) {
            let region = try reportRegion(row, "region_code", "name")
            let status = CompletenessRow.PeriodStatus(period: try period(row, "period"),
                                                      revision: try row.decode(Int?.self, column: "revision"),
                                                      submittedAt: try row.decode(Date?.self, column: "submitted_at"),
                                                      signedOn: try date(row, "signed_date"),
                                                      owed: try row.decode(Bool.self, column: "owed"))
            if rows.last?.region.code == region.code {
                rows[rows.count - 1].periods.append(status)
            } else {
                rows.append(CompletenessRow(region: region, periods: [status]))
            }
        }
        return rows
    }

    /// The findings of each region's latest revision per period: a new revision closes the old one's findings.
    func findings() throws -> [SubmissionFindings] {
        var result: [SubmissionFindings] = []
        for row in try connection.query("""
            WITH latest AS (
                SELECT DISTINCT ON (region_code, period) id, region_code, period, revision, submitted_at
                  FROM submission
                 WHERE city_code = \(city.text) AND year = \(year)
                 ORDER BY region_code, period, revision DESC)
            SELECT l.id, l.region_code, coalesce(r.name, l.region_code) AS name, l.period, l.revision, l.submitted_at,
                   f.severity, f.rule, f.pointer, f.message, f.message_id
              FROM latest l
              JOIN submission_finding f ON f.submission_id = l.id
              LEFT JOIN region r ON r.code = l.region_code
             ORDER BY l.region_code, l.period, f.position
            """) {
            let id = try row.decode(Int64.self, column: "id")
            let severityText = try row.decode(String.self, column: "severity")
            guard let severity = Finding.Severity(rawValue: severityText) else { throw malformed("finding severity \"\(severityText)\"") }
            let item = SubmissionFindings.Item(severity: severity, rule: try row.decode(String.self, column: "rule"),
                                               pointer: try row.decode(String.self, column: "pointer"),
                                               text: try StoredFindingText.decode(row))
            if result.last?.submissionID == id {
                result[result.count - 1].findings.append(item)
            } else {
                result.append(SubmissionFindings(submissionID: id, region: try reportRegion(row, "region_code", "name"),
                                                 period: try period(row, "period"), revision: try row.decode(Int.self, column: "revision"),
                                                 submittedAt: try row.decode(Date?.self, column: "submitted_at"), findings: [item]))
            }
        }
        return result
    }

    // MARK: Decoding

    func meanCapaian(_ row: PGRow) throws -> Decimal? {
        guard let sum = try row.decode(Decimal?.self, column: "capaian_sum") else { return nil }
        let indicators = try row.decode(Int.self, column: "indicators")
        return indicators > 0 ? sum / Decimal(indicators) : nil
    }

    func regionCode(_ row: PGRow, _ column: String) throws -> RegionCode {
        let text = try row.decode(String.self, column: column)
        do {
            return try RegionCode(parsing: text)
        } catch {
            throw malformed("region code: \(error.description)")
        }
    }

    func reportRegion(_ row: PGRow, _ codeColumn: String, _ nameColumn: String) throws -> ReportRegion {
        ReportRegion(code: try regionCode(row, codeColumn), name: try row.decode(String.self, column: nameColumn))
    }

    func polarity(_ row: PGRow, _ column: String) throws -> Polarity {
        let text = try row.decode(String.self, column: column)
        guard let polarity = Polarity(rawValue: text) else { throw malformed("polarity \"\(text)\"") }
        return polarity
    }

    func period(_ row: PGRow, _ column: String) throws -> Period {
        let text = try row.decode(String.self, column: column)
        guard let period = Period(rawValue: text) else { throw malformed("period \"\(text)\"") }
        return period
    }

    func date(_ row: PGRow, _ column: String) throws -> CalendarDate? {
        guard let text = try row.decode(String?.self, column: column) else { return nil }
        do {
            return try CalendarDate(parsing: text)
        } catch {
            throw malformed("date: \(error.description)")
        }
    }

    func malformed(_ what: String) -> CityReportError {
        CityReportError(reason: "the aggregates of \(city) \(year) hold a malformed \(what); run rekap consolidate again")
    }
}
