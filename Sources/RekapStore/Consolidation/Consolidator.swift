import Foundation
import PostgresLibPQ
import RekapDomain

/// Computes a city's aggregates for a year (the `agg_*` tables of migration 0004) from its submissions,
/// the PBB-P2 feed and the region registry, with set-based SQL.
///
/// ```swift
/// try connection.transaction { connection in
///     try Consolidator.recompute(city: kota, year: 2023, on: connection)
/// }
/// ```
public enum Consolidator {
    /// Recomputes every aggregate of one city and year inside the caller's open transaction;
    /// readers see the old or the new figures, never a mix.
    ///
    /// The city/year's rows are deleted and inserted again; the caller's transaction makes that one
    /// change. Recomputes of the same city/year wait for each other (a transaction-level advisory
    /// lock), so two at once cannot interleave their rows; different cities run in parallel.
    ///
    /// What was seen is recorded in `agg_run` (read before anything else, so whatever commits later
    /// shows up as stale, never as silently missed). The PBB-P2 feed's per-kelurahan figures, by far
    /// the costliest part, are kept from the previous run when no PBB load and no region change
    /// happened since; everything else is rebuilt.
    ///
    /// - Throws: `PGError` (usage) when `connection` is not inside a transaction;
    ///   `ConsolidationError` when `city` is not a kota/kabupaten in the registry or its stored
    ///   predikat scale is invalid.
    public static func recompute(city: RegionCode, year: Int, on connection: PGConnection) throws {
        guard connection.transactionStatus == .inTransaction else {
            throw PGError(kind: .usage, message: "Consolidator.recompute must run inside a transaction (connection.transaction { })")
        }
        try ConsolidationScope.checkCity(city, on: connection)
        try connection.execute(AdvisoryLock.consolidation.lock("\(city.text)/\(year)"))
        // The feed pass hashes and sorts millions of rows; with PostgreSQL's default 4 MB it spills to disk
        // many times over. Raised for this transaction only (never lowered), and put back at the end.
        let workMemory = try connection.queryValue(String.self, "SELECT current_setting('work_mem')") ?? "4MB"
        try connection.execute("""
            SELECT set_config('work_mem', \(Self.workMemory), true)
             WHERE pg_size_bytes(current_setting('work_mem')) < pg_size_bytes(\(Self.workMemory))
            """)
        let inputs = try ConsolidationInputs.read(city: city, year: year, on: connection)
        let settings = try ConsolidationSettings.load(city: city, year: year, on: connection)
        let previous = try ConsolidationRun.read(city: city, year: year, on: connection)
        let feedIsCurrent = previous.map { $0.inputs.pbbLoads == inputs.pbbLoads && $0.inputs.regions == inputs.regions } ?? false
        let scope = ConsolidationScope(city: city, year: year, settings: settings)

        try scope.deleteRows(
            of: IKUAggregation.tables + BudgetAggregation.tables + AwardAggregation.tables + CompletenessAggregation.tables,
            on: connection)
        try PBBAggregation.run(scope, recomputeFeed: !feedIsCurrent, on: connection)
        try IKUAggregation.runIndicators(scope, on: connection)
        try BudgetAggregation.run(scope, on: connection)
        try IKUAggregation.runKecamatan(scope, on: connection)
        try AwardAggregation.run(scope, on: connection)
        try CompletenessAggregation.run(scope, on: connection)

        let computedAt = try connection.queryValue(Date.self, "SELECT now()") ?? Date()
        try ConsolidationRun(computedAt: computedAt, inputs: inputs, settingsFingerprint: settings.fingerprint)
            .write(city: city, year: year, on: connection)
        try connection.execute("SELECT set_config('work_mem', \(workMemory), true)")
    }

    /// The `work_mem` a recompute runs with at least: enough for a province's feed (2 million objects)
    /// to be grouped in memory.
    public static let workMemory = "256MB"
}
