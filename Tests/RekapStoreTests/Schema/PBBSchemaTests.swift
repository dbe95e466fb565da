import Foundation
import PostgresLibPQ
@testable import RekapStore
import RekapTestSupport
import Testing

/// The PBB-P2 tables' cheaper checks of 0007 refuse every value the checks of 0003 refused: each
/// bad value is tried against a database migrated up to 0006 and one migrated to the end, with
/// the Swift checks bypassed. And a database holding PBB data at 0006 upgrades keeping it.
@Suite struct PBBSchemaTests {
    static let kelurahan = "14.71.01.1001"
    static let nop = "147101000100010010"

    /// A ketetapan or payment row with one column's SQL literal replaced.
    struct Row: CustomStringConvertible {
        let description: String
        let sql: String

        static func ketetapan(_ description: String, nop: String = "'\(PBBSchemaTests.nop)'", tahun: String = "2023", pokok: String = "100000") -> Row {
            Row(description: "ketetapan \(description)", sql: """
                INSERT INTO pbb_ketetapan (nop, tahun, kelurahan_code, pokok, load_id)
                VALUES (\(nop), \(tahun), '\(PBBSchemaTests.kelurahan)', \(pokok), 0)
                """)
        }

        static func payment(_ description: String, nop: String = "'\(PBBSchemaTests.nop)'", tahun: String = "2023",
                            pokok: String = "50000", denda: String = "0") -> Row {
            Row(description: "payment \(description)", sql: """
                INSERT INTO pbb_pembayaran (nop, tahun, tanggal, pokok, denda, seq, load_id)
                VALUES (\(nop), \(tahun), '2023-03-01', \(pokok), \(denda), 1, 0)
                """)
        }
    }

    /// Refused by 0003's domains and checks: as text (what COPY and text parameters send), and typed
    /// where the cast to bigint keeps the value (a typed fraction is rounded by that cast: see 0007).
    static let refusedBefore: [Row] = [
        .ketetapan("NOP of 17 digits", nop: "'14710100010001001'"),
        .ketetapan("NOP of 19 digits", nop: "'1471010001000100100'"),
        .ketetapan("NOP with a letter", nop: "'14710100010001001a'"),
        .ketetapan("NOP with a dot", nop: "'14.7101000100010010'"),
        .ketetapan("NOP with a sign", nop: "'-14710100010001001'"),
        .ketetapan("NOP of 17 digits and a blank", nop: "'14710100010001001 '"),
        .ketetapan("NOP with a leading blank", nop: "' 14710100010001001'"),
        .ketetapan("NOP with an Arabic-Indic digit", nop: "'14710100010001001٠'"),
        .ketetapan("NOP with a fullwidth digit", nop: "'14710100010001001０'"),
        .ketetapan("empty NOP", nop: "''"),
        .ketetapan("tahun 1985", tahun: "1985"),
        .ketetapan("tahun 2101", tahun: "2101"),
        .ketetapan("fractional pokok", pokok: "'100000.5'"),
        .ketetapan("pokok of one sen", pokok: "'0.01'"),
        .ketetapan("negative pokok", pokok: "'-1'"),
        .ketetapan("pokok of 10^18", pokok: "'1000000000000000000'"),
        .ketetapan("pokok NaN", pokok: "'NaN'"),
        .ketetapan("typed negative pokok", pokok: "(-1)::numeric"),
        .ketetapan("typed pokok of 10^18", pokok: "1000000000000000000::numeric"),
        .payment("NOP of 17 digits", nop: "'14710100010001001'"),
        .payment("NOP of 19 digits", nop: "'1471010001000100100'"),
        .payment("NOP with a letter", nop: "'1471010001000100x0'"),
        .payment("tahun 1985", tahun: "1985"),
        .payment("tahun 2101", tahun: "2101"),
        .payment("fractional pokok", pokok: "'50000.25'"),
        .payment("negative pokok", pokok: "'-50000'"),
        .payment("pokok of 10^18", pokok: "'1000000000000000000'"),
        .payment("fractional denda", denda: "'0.5'"),
        .payment("negative denda", denda: "'-1'"),
        .payment("denda of 10^18", denda: "'1000000000000000000'"),
    ]

    /// Accepted before and after: the bounds.
    static let acceptedBoth: [Row] = [
        .ketetapan("at the bounds", nop: "'000000000000000000'", tahun: "1986", pokok: "0"),
        .ketetapan("at the upper bounds", nop: "'999999999999999999'", tahun: "2100", pokok: "'999999999999999999'"),
        .payment("at the bounds", nop: "'000000000000000000'", tahun: "1986", pokok: "0", denda: "'999999999999999999'"),
        .payment("typed whole amounts", tahun: "2100", pokok: "50000::numeric", denda: "7::numeric"),
    ]

    @Test func theUpgradedTablesRefuseWhatTheOldOnesRefused() async throws {
        for (label, migrations) in [("0006", try Array(Migration.bundled().prefix(6))), ("latest", try Migration.bundled())] {
            try await withScratchDatabase(label: "pbbschema\(label)") { configuration in
                let conn = try PGConnection(configuration: configuration)
                defer { conn.close() }
                try Migrator(migrations: migrations).migrate(on: conn)
                try Self.insertRegions(on: conn)
                for row in Self.refusedBefore {
                    let state: SQLState?
                    do {
                        try conn.execute(PGQuery(unsafeSQL: row.sql))
                        state = nil
                    } catch let error as PGError {
                        state = error.sqlState
                    }
                    #expect(state != nil, "schema \(label): \(row) was stored")
                    if label == "latest", let state {
                        // A check or the integer input itself, never something else going wrong.
                        #expect([SQLState.checkViolation, "22P02", "22003"].contains(state), "\(row): \(state.rawValue)")
                    }
                }
                #expect(try conn.queryValue(Int.self, "SELECT (SELECT count(*) FROM pbb_ketetapan) + (SELECT count(*) FROM pbb_pembayaran)") == 0)
                for row in Self.acceptedBoth {
                    try conn.execute(PGQuery(unsafeSQL: row.sql))
                }
                #expect(try conn.queryValue(Int.self, "SELECT (SELECT count(*) FROM pbb_ketetapan) + (SELECT count(*) FROM pbb_pembayaran)") == 4)
            }
        }
    }

    @Test func aDatabaseWithPBBDataAt0006UpgradesKeepingIt() async throws {
        try await withScratchDatabase(label: "pbbupgrade") { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            try Migrator(migrations: Array(Migration.bundled().prefix(6))).migrate(on: conn)
            try Self.insertRegions(on: conn)
            try conn.execute("INSERT INTO pbb_load (kind, file_name, sha256, row_count) VALUES ('ketetapan', 'k.csv', sha256('k'), 2)")
            try conn.execute("""
                INSERT INTO pbb_ketetapan (nop, tahun, kelurahan_code, pokok, load_id)
                VALUES ('147101000100010010', 2023, \(Self.kelurahan), '1250000.00', 1),
                       ('147101000100020010', 2023, \(Self.kelurahan), 999999999999999999, 1)
                """)
            try conn.execute("""
                INSERT INTO pbb_pembayaran (nop, tahun, tanggal, pokok, denda, seq, load_id)
                VALUES ('147101000100010010', 2023, '2023-03-01', 250000, 0, 1, 1),
                       ('147101000100010010', 2023, '2023-03-01', 250000, 0, 2, 1),
                       ('147101000100099990', 2023, '2023-04-01', 7000, '500.0', 1, 1)
                """)
            let content = """
                SELECT (SELECT string_agg(nop || ' ' || tahun || ' ' || kelurahan_code || ' ' || pokok::numeric(20, 0), ';' ORDER BY nop) FROM pbb_ketetapan)
                    || '|' || (SELECT string_agg(nop || ' ' || tahun || ' ' || tanggal || ' ' || pokok::numeric(20, 0) || ' '
                                                 || denda::numeric(20, 0) || ' ' || seq || ' ' || load_id, ';' ORDER BY nop, seq) FROM pbb_pembayaran)
                    || '|' || (SELECT string_agg(nop || ' ' || city_code, ';') FROM pbb_orphan_payment)
                """
            let before = try conn.queryValue(String.self, PGQuery(unsafeSQL: content))

            let applied = try Migrator(migrations: Array(Migration.bundled().prefix(7))).migrate(on: conn)
            #expect(applied.map(\.version) == [7])
            #expect(try conn.queryValue(String.self, PGQuery(unsafeSQL: content)) == before)
            #expect(before?.hasSuffix("|147101000100099990 14.71") == true)
            let types = try conn.query("""
                SELECT table_name || '.' || column_name || ' ' || data_type AS type FROM information_schema.columns
                WHERE table_name IN ('pbb_ketetapan', 'pbb_pembayaran') AND column_name IN ('nop', 'tahun', 'pokok', 'denda')
                ORDER BY 1
                """).map { try $0.decode(String.self, column: "type") }
            #expect(types == ["pbb_ketetapan.nop text", "pbb_ketetapan.pokok bigint", "pbb_ketetapan.tahun integer",
                              "pbb_pembayaran.denda bigint", "pbb_pembayaran.nop text", "pbb_pembayaran.pokok bigint", "pbb_pembayaran.tahun integer"])
            // 0006's access rules on what was recreated: the policies, the view's grant and security_invoker.
            #expect(try conn.queryValue(String.self, """
                SELECT string_agg(policyname, ' ' ORDER BY policyname) FROM pg_policies WHERE tablename = 'pbb_pembayaran'
                """) == "pbb_pembayaran_read pbb_pembayaran_write")
            #expect(try conn.queryValue(Bool.self, "SELECT has_table_privilege('rekap_api', 'pbb_orphan_payment', 'SELECT')") == true)
            #expect(try conn.queryValue(String.self, "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'pbb_orphan_payment'")
                    == "security_invoker=true")
            // Sums decode as exact Decimal, and a bare bigint amount too.
            #expect(try conn.queryValue(Decimal.self, "SELECT sum(pokok) FROM pbb_ketetapan") == Decimal(string: "1000000000001249999"))
            #expect(try conn.queryValue(Decimal.self, "SELECT max(pokok) FROM pbb_ketetapan") == Decimal(string: "999999999999999999"))

            // 0008: the rows stay; the load stays, of no city; "already loaded" is per city.
            #expect(try Migrator().migrate(on: conn).map(\.version) == (try Migration.bundled()).map(\.version).filter { $0 >= 8 })
            #expect(try conn.queryValue(String.self, PGQuery(unsafeSQL: content)) == before)
            #expect(try conn.query("SELECT city_code FROM pbb_load").map { try $0.decode(String?.self, at: 0) } == [nil])
            #expect(throws: PGError.self) {
                try conn.execute("INSERT INTO pbb_load (kind, file_name, sha256, row_count) VALUES ('ketetapan', 'k.csv', sha256('k'), 2)")
            }
            try conn.execute("INSERT INTO region (code, name, level, parent_code) VALUES ('14.72', 'Kota Dumai', 2, '14') ON CONFLICT DO NOTHING")
            try conn.execute("INSERT INTO pbb_load (kind, file_name, sha256, row_count, city_code) VALUES ('ketetapan', 'k.csv', sha256('k'), 2, '14.72')")
        }
    }

    /// The registry path down to one kelurahan (a foreign key of pbb_ketetapan).
    static func insertRegions(on conn: PGConnection) throws {
        try conn.transaction { conn in
            try conn.execute("""
                INSERT INTO region (code, name, level, parent_code)
                VALUES ('14', 'Riau', 1, NULL), ('14.71', 'Kota Pekanbaru', 2, '14'),
                       ('14.71.01', 'Sukajadi', 3, '14.71'), (\(kelurahan), 'Jadirejo', 4, '14.71.01')
                """)
        }
    }
}
