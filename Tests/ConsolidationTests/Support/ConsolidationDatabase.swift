import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport

/// The city and year most tests consolidate: Dumai (14.72), 2023.
let dumai2023 = try! CityYear(city: "14.72", year: 2023)

/// Runs `body` with a fresh, migrated database holding the regions 14 (Riau), 14.72 (Dumai) and
/// 14.72.02 (Dumai Timur), and a ``RecomputeProbe``; the database is dropped afterwards.
func withConsolidationDatabase<T: Sendable>(
    label: String = #function, _ body: (PGConfiguration) async throws -> T
) async throws -> T {
    let regions = TestRegions.only([
        .init("14", "Riau", level: 1, parent: nil), .init("14.72", "Dumai", level: 2, parent: "14"),
        .init("14.72.02", "Dumai Timur", level: 3, parent: "14.72"),
    ])
    return try await withMigratedDatabase(regions: regions, label: label) { configuration in
        let conn = try PGConnection(configuration: configuration)
        defer { conn.close() }
        try RecomputeProbe.install(on: conn)
        return try await body(configuration)
    }
}

/// Migrates the database of `configuration`, adds the regions 14, 14.72 and 14.72.02, and installs
/// the ``RecomputeProbe``: what ``withConsolidationDatabase(label:_:)`` does to its scratch database.
func prepareConsolidationDatabase(_ configuration: PGConfiguration) throws {
    let conn = try PGConnection(configuration: configuration)
    defer { conn.close() }
    try Migrator().migrate(on: conn)
    try conn.execute(
        """
        INSERT INTO region (code, name, level, parent_code)
        VALUES ('14', 'Riau', 1, NULL), ('14.72', 'Dumai', 2, '14'), ('14.72.02', 'Dumai Timur', 3, '14.72')
        """)
    try RecomputeProbe.install(on: conn)
}

/// Watches the aggregates table `agg_run` from the outside, whatever the recompute writes there: it
/// counts committed recomputes (transactions that wrote `agg_run`), and can make a recompute slow or
/// fail, through a statement trigger.
enum RecomputeProbe {
    static func install(on conn: PGConnection) throws {
        try conn.executeScript(
            """
            CREATE TABLE test_recompute_probe (txid bigint NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
            CREATE TABLE test_probe_control (fail text, delay_ms integer NOT NULL);
            INSERT INTO test_probe_control VALUES (NULL, 0);
            CREATE FUNCTION test_probe() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                control test_probe_control;
            BEGIN
                SELECT * INTO control FROM test_probe_control;
                IF control.fail IS NOT NULL THEN
                    RAISE EXCEPTION '%', control.fail;
                END IF;
                IF control.delay_ms > 0 THEN
                    PERFORM pg_sleep(control.delay_ms / 1000.0);
                END IF;
                INSERT INTO test_recompute_probe (txid) VALUES (txid_current());
                RETURN NULL;
            END $$;
            CREATE TRIGGER test_probe AFTER INSERT OR UPDATE OR DELETE ON agg_run
                FOR EACH STATEMENT EXECUTE FUNCTION test_probe();
            """)
    }

    /// Committed recomputes so far.
    static func count(on conn: PGConnection) throws -> Int {
        try conn.queryValue(Int.self, "SELECT count(DISTINCT txid) FROM test_recompute_probe") ?? 0
    }

    /// From now on every recompute fails with `message` (nil: succeeds again).
    static func fail(with message: String?, on conn: PGConnection) throws {
        try conn.execute("UPDATE test_probe_control SET fail = \(message)")
    }

    /// From now on every recompute takes at least `milliseconds` longer.
    static func delay(milliseconds: Int, on conn: PGConnection) throws {
        try conn.execute("UPDATE test_probe_control SET delay_ms = \(milliseconds)")
    }

    /// The aggregates of one city and year as text, to compare before and after.
    static func snapshot(_ target: CityYear, on conn: PGConnection) throws -> String {
        try conn.queryValue(
            String.self,
            """
            SELECT coalesce(string_agg(a::text, '|' ORDER BY a::text), '')
            FROM agg_run a WHERE city_code = \(target.city.text) AND year = \(target.year)
            """) ?? ""
    }
}

/// A job's row as the tests look at it.
struct JobRow: Sendable, Equatable {
    let id: Int64
    let status: String
    let attempts: Int
    let workerID: String?
    let lastError: String?

    static func all(on conn: PGConnection) throws -> [JobRow] {
        try conn.query("SELECT id, status, attempts, worker_id, last_error FROM consolidation_job ORDER BY id").map { row in
            JobRow(
                id: try row.decode(Int64.self, column: "id"), status: try row.decode(String.self, column: "status"),
                attempts: try row.decode(Int.self, column: "attempts"), workerID: try row.decode(String?.self, column: "worker_id"),
                lastError: try row.decode(String?.self, column: "last_error"))
        }
    }

    static func find(_ id: Int64, on conn: PGConnection) throws -> JobRow? {
        try all(on: conn).first { $0.id == id }
    }
}
