import PostgresLibPQ

/// `agg_completeness`: for every kecamatan and kelurahan of the city and every period (FY, Q1…Q4),
/// the current revision, or NULLs where nothing was submitted.
enum CompletenessAggregation {
    static let tables = ["agg_completeness"]

    static func run(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        try connection.execute("""
            WITH cur AS (\(scope.currentDocuments))
            INSERT INTO agg_completeness (city_code, year, region_code, level, period, submission_id, revision, submitted_at)
            SELECT \(scope.cityCode), \(scope.year), r.code, CASE WHEN r.level = 4 THEN 'kelurahan' ELSE 'kecamatan' END,
                   p.period, cur.id, cur.revision, cur.submitted_at
              FROM region r
             CROSS JOIN unnest(ARRAY['FY', 'Q1', 'Q2', 'Q3', 'Q4']) AS p (period)
              LEFT JOIN cur ON cur.region_code = r.code AND cur.period = p.period
             WHERE r.path <@ text2ltree(\(scope.cityCode)) AND r.level IN (3, 4)
            """)
    }
}
