import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// Real codes (Kepmendagri 300.2.2-2430/2025): Kota Dumai 14.72 as in `dumai.csv`, and a corner of
/// Kota Pekanbaru 14.71 from `regions.csv`, so "another city" exists.
enum AccessRegions {
    static let dumai = "14.72", dumaiTimur = "14.72.02", jayaMukti = "14.72.02.1004", telukBinjai = "14.72.02.1002"
    static let dumaiBarat = "14.72.01", purnama = "14.72.01.1006"
    static let pekanbaru = "14.71", sukajadi = "14.71.01", jadirejo = "14.71.01.1002"
    /// The regions seeded with one submission each.
    static let submitting = [dumaiTimur, jayaMukti, telukBinjai, dumaiBarat, purnama, sukajadi, jadirejo]

    static func code(_ text: String) -> RegionCode { RegionCode(text)! }
    static func scope(_ role: AccessRole, _ region: String) -> AccessScope { try! AccessScope(role: role, region: code(region)) }

    /// Pekanbaru's rows, read from the full registry fixture so the names and codes are the real ones.
    static func pekanbaruRows() throws -> [TestRegions.Row] {
        let text = try String(contentsOf: RepositoryFiles.regionsCSV, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> TestRegions.Row? in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, [pekanbaru, sukajadi, jadirejo].contains(fields[0]), let level = Int(fields[2]) else { return nil }
            return TestRegions.Row(fields[0], fields[1], level: level, parent: fields[3])
        }
    }
}

/// Migrates, imports Dumai and three Pekanbaru regions.
func prepareAccessDatabase(_ configuration: PGConfiguration) async throws {
    let rows = try AccessRegions.pekanbaruRows()
    guard rows.count == 3 else { throw PGError(kind: .usage, message: "Pekanbaru rows missing from regions.csv: \(rows.count)") }
    try await prepareTestDatabase(configuration, regions: TestRegions.dumai.adding(rows))
}

/// Adds, as the owner (no row-level security), rows for each region and city that the policies filter:
/// a submission with a finding per region in `AccessRegions.submitting`, a ketetapan, a payment and
/// an orphan payment per city, a PBB aggregate, an awards aggregate and a pending consolidation job per city.
func seedAccessRows(_ configuration: PGConfiguration) throws {
    let conn = try PGConnection(configuration: configuration)
    defer { conn.close() }
    try conn.transaction { conn in
        for region in AccessRegions.submitting {
            let id = try insertSubmission(region: region, year: 2023, on: conn)
            try conn.execute("""
                INSERT INTO submission_finding (submission_id, position, severity, rule, pointer, message)
                VALUES (\(id), 0, 'info', 'seed', '', \("seeded for " + region))
                """)
        }
        for (city, kelurahan, nop) in [(AccessRegions.dumai, AccessRegions.jayaMukti, "147202000100010010"),
                                       (AccessRegions.pekanbaru, AccessRegions.jadirejo, "147101000100010010")] {
            try conn.execute("INSERT INTO pbb_ketetapan (nop, tahun, kelurahan_code, pokok, load_id) VALUES (\(nop), 2023, \(kelurahan), 100000, 0)")
            try conn.execute("""
                INSERT INTO pbb_pembayaran (nop, tahun, tanggal, pokok, denda, seq, load_id)
                VALUES (\(nop), 2023, '2023-03-01', 50000, 0, 1, 0)
                """)
            try conn.execute("""
                INSERT INTO agg_pbb_region (city_code, year, region_code, level, ketetapan, realisasi)
                VALUES (\(city), 2023, \(city), 'kota', 100000, 50000)
                """)
            try conn.execute("""
                INSERT INTO agg_awards (city_code, year, region_code, level, gold, silver, bronze, other)
                VALUES (\(city), 2023, \(kelurahan), 'kelurahan', 1, 0, 0, 0)
                """)
            try conn.execute("INSERT INTO consolidation_job (city_code, year, reason) VALUES (\(city), 2023, 'seed')")
            // A payment whose object has no ketetapan: what pbb_orphan_payment shows.
            try conn.execute("""
                INSERT INTO pbb_pembayaran (nop, tahun, tanggal, pokok, denda, seq, load_id)
                VALUES (\(String(nop.prefix(9)) + "000200010"), 2023, '2023-03-02', 7000, 0, 1, 0)
                """)
        }
    }
}

/// A minimal submission header as raw SQL, the way a statement that skipped SubmissionStore would write it.
@discardableResult
func insertSubmission(region: String, year: Int, period: String = "FY", on conn: PGConnection) throws -> Int64 {
    let document = Array("{\"seed\": \"\(region) \(year) \(period)\"}".utf8)
    return try conn.queryValue(Int64.self, """
        INSERT INTO submission (region_code, year, period, revision, format, document, document_sha256, city_code)
        VALUES (\(region), \(year), \(period), 1, 'test', \(document)::bytea, sha256(\(document)::bytea), \(String(region.prefix(5))))
        RETURNING id
        """)!
}

/// Runs `body` inside `scope` in a transaction that is always rolled back, so what it writes never
/// reaches other tests. Statements that may be refused go in `conn.transaction { }` (a savepoint).
func inScopeRolledBack<T: Sendable>(_ client: PGClient, _ scope: AccessScope,
                                    _ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
    try await client.withConnection { conn in
        try conn.execute("BEGIN")
        defer { _ = try? conn.execute("ROLLBACK") }
        try conn.enterAccessScope(scope)
        return try body(conn)
    }
}

/// Whether `statement` succeeds in a savepoint of the open transaction; false when refused (42501),
/// rethrowing any other error.
func isAllowed(_ conn: PGConnection, _ statement: (PGConnection) throws -> Void) throws -> Bool {
    do {
        try conn.transaction { conn in try statement(conn) }
        return true
    } catch let error as PGError where error.isRefusal {
        return false
    }
}

extension PGError {
    /// Refused by a privilege check or a row-level security policy (both SQLSTATE 42501).
    var isRefusal: Bool { sqlState == .insufficientPrivilege }
}

extension Trait where Self == FreshDatabaseTrait {
    /// Dumai and a corner of Pekanbaru, with rows for every policy to filter.
    static var accessDatabase: Self {
        .freshDatabase { configuration in
            try await prepareAccessDatabase(configuration)
            try seedAccessRows(configuration)
        }
    }
}
