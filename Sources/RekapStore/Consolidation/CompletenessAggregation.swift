import PostgresLibPQ
import RekapDomain

/// `agg_completeness`: for every kecamatan and kelurahan of the city and every period (FY, Q1…Q4),
/// the current revision (with the day it was stored and the day it was signed), or NULLs where nothing
/// was submitted, and whether the region owes that period (the city's `ReportingObligations`).
enum CompletenessAggregation {
    static let tables = ["agg_completeness"]

    static func run(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        let obligations = scope.settings.obligations
        func owed(_ level: RegionLevel) -> PGArray<String> {
            PGArray(ReportingObligations.ordered(obligations.periods(owedBy: level)).map(\.rawValue))
        }
        try connection.execute("""
            WITH cur AS (\(scope.currentDocuments))
            INSERT INTO agg_completeness (city_code, year, region_code, level, period, submission_id, revision, submitted_at,
                                          signed_date, owed)
            SELECT \(scope.cityCode), \(scope.year), r.code, CASE WHEN r.level = 4 THEN 'kelurahan' ELSE 'kecamatan' END,
                   p.period, cur.id, cur.revision, cur.submitted_at, s.signed_date,
                   p.period = ANY (CASE WHEN r.level = 4 THEN \(owed(.desaKelurahan))::text[] ELSE \(owed(.kecamatan))::text[] END)
              FROM region r
             CROSS JOIN unnest(ARRAY['FY', 'Q1', 'Q2', 'Q3', 'Q4']) AS p (period)
              LEFT JOIN cur ON cur.region_code = r.code AND cur.period = p.period
              LEFT JOIN submission s ON s.id = cur.id
             WHERE r.path <@ text2ltree(\(scope.cityCode)) AND r.level IN (3, 4)
            """)
    }
}
