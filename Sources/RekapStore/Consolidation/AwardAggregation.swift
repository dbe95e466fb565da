import PostgresLibPQ

/// `agg_awards`: podium places and other awards per kelurahan (and kecamatan named by an award),
/// from the current revision of every report of the city and year.
///
/// The same award is often reported twice (by the kelurahan and by its kecamatan, or in a quarter's
/// report and again in the annual one); an award is identified by all its facts (region, title,
/// place, label, level, giver, date), so each counts once.
enum AwardAggregation {
    static let tables = ["agg_awards"]

    static func run(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        try connection.execute("""
            WITH cur AS (\(scope.currentDocuments)),
            award AS (
                SELECT DISTINCT a.region_code, a.title, a.place, a.label, a.level, a.given_by, a.award_date
                  FROM cur JOIN submission_award a ON a.submission_id = cur.id
            )
            INSERT INTO agg_awards (city_code, year, region_code, level, gold, silver, bronze, other)
            SELECT \(scope.cityCode), \(scope.year), award.region_code,
                   CASE WHEN r.level = 4 THEN 'kelurahan' ELSE 'kecamatan' END,
                   count(*) FILTER (WHERE award.place = 1), count(*) FILTER (WHERE award.place = 2),
                   count(*) FILTER (WHERE award.place = 3), count(*) FILTER (WHERE award.place IS NULL)
              FROM award JOIN region r ON r.code = award.region_code AND r.level IN (3, 4)
             GROUP BY award.region_code, r.level
            """)
    }
}
