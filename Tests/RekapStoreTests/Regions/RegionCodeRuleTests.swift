import PostgresLibPQ
import RekapDomain
import RekapTestSupport
import Testing

/// One rule for region codes: the `region` table's CHECK (migration 0010) accepts exactly the codes
/// `RegionCode` accepts. 0001's pattern let all-zero segments and 4th segments not starting with
/// 1-3 into the table, codes every other part of rekap refuses.
@Suite(.migratedDatabase) struct RegionCodeRuleTests {
    static let accepted = [
        "14", "14.72", "14.72.02", "14.72.02.1004", "14.72.02.2001", "14.72.02.3001", "01", "10.01.10.1010",
        "99.99.99.3999", "91.71.01.1001",
    ]
    static let refused = [
        "00", "14.00", "00.72", "14.72.00", "14.72.02.0000", "14.72.02.0004", "14.72.02.4001", "14.72.02.9999",
        "14.72.02.0999", "", "1", "140", "14.7", "14.72.2", "14.72.02.104", "14.72.02.10041", "14..02", "14.72.",
        ".14", "1a", " 14", "14 ", "14-72", "14.72.0２", "١٤", "14.72.02.1004.1",
    ]

    @Test(arguments: accepted.map { ($0, true) } + refused.map { ($0, false) })
    func theTableAndRegionCodeAgree(code: String, valid: Bool) throws {
        #expect((RegionCode(code) != nil) == valid, "RegionCode on \"\(code)\"")
        #expect(try Self.tableAccepts(code) == valid, "the region table on \"\(code)\"")
    }

    /// Whether an INSERT of `code` (with the level and parent its segments give, so only the code
    /// itself can be wrong) passes the table's checks; rolled back either way, before the deferred
    /// parent reference is checked.
    static func tableAccepts(_ code: String) throws -> Bool {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        try conn.execute("BEGIN")
        defer { _ = try? conn.execute("ROLLBACK") }
        // How the statement ended, as the schema tests record it (a catch with a pattern on typed throws
        // crashes the 6.3 compiler).
        let state: SQLState?
        do {
            try conn.execute("""
                INSERT INTO region (code, name, level, parent_code)
                VALUES (\(code), 'test', least(array_length(string_to_array(\(code), '.'), 1), 4),
                        CASE WHEN strpos(\(code), '.') > 0 THEN regexp_replace(\(code), '\\.[^.]*$', '') END)
                """)
            state = nil
        } catch {
            state = error.sqlState ?? "XX000"
        }
        guard let state else { return true }
        // A CHECK or NOT NULL; or, for text that is no dotted path at all (" 14", "14..02"), the
        // generated `path` column's ltree parse (42601) before any CHECK runs.
        guard state == .checkViolation || state == .notNullViolation || state == .syntaxError else {
            throw PGError(kind: .usage, message: "\(code): \(state.rawValue)")
        }
        return false
    }
}
