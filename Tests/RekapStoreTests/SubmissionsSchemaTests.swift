import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

/// The schema refuses what the contract forbids even when the Swift checks are bypassed.
@Suite
struct SubmissionsSchemaTests {
    struct Case: CustomStringConvertible {
        let description: String
        let state: SQLState
        let sql: String
    }

    static let header = """
        INSERT INTO submission (region_code, year, period, revision, format, document, document_sha256, city_code)
        VALUES ('14.72.02', 2023, 'FY', 1, 'rekap.submission/v1', '\\x7b7d', sha256('\\x7b7d'), '14.72')
        """
    static let submission = "(SELECT min(id) FROM submission)"
    static let program = "(SELECT min(id) FROM budget_line WHERE level = 'program')"

    static func line(pagu: String) -> String {
        "INSERT INTO budget_line (submission_id, level, position, name, pagu, realisasi) VALUES (\(submission), 'program', 9, 'x', \(pagu), 0)"
    }

    static func pbb(position: Int = 5, kelurahan: String = "14.72.02.1004", ketetapan: String = "1000") -> String {
        """
        INSERT INTO submission_pbb (submission_id, position, kelurahan_code, ketetapan, realisasi, as_of)
        VALUES (\(submission), \(position), '\(kelurahan)', \(ketetapan), 0, '2023-12-31')
        """
    }

    static func otherHeader(region: String = "14.72.02", period: String = "Q1", revision: Int = 1,
                            document: String = "'\\x7b7d2020'", sha: String = "sha256('\\x7b7d2020')", city: String = "'14.72'") -> String {
        """
        INSERT INTO submission (region_code, year, period, revision, format, document, document_sha256, city_code)
        VALUES ('\(region)', 2023, '\(period)', \(revision), 'rekap.submission/v1', \(document), \(sha), \(city))
        """
    }

    static let violations: [Case] = [
        Case(description: "negative amount", state: .checkViolation, sql: line(pagu: "-1")),
        Case(description: "amount with 3 decimals", state: .checkViolation, sql: line(pagu: "1.005")),
        Case(description: "PBB ketetapan with 3 decimals", state: .checkViolation, sql: pbb(ketetapan: "'1250000000.125'")),
        Case(description: "amount of 10^18", state: .checkViolation, sql: line(pagu: "1000000000000000000")),
        Case(description: "unknown submitting region", state: .foreignKeyViolation, sql: otherHeader(region: "14.72.02.1005")),
        Case(description: "unknown PBB kelurahan", state: .foreignKeyViolation, sql: pbb(kelurahan: "14.72.02.1005")),
        Case(description: "unknown sub kegiatan kelurahan", state: .foreignKeyViolation, sql: """
            INSERT INTO budget_line (submission_id, parent_id, level, position, name, kelurahan_code, pagu, realisasi)
            VALUES (\(submission), (SELECT min(id) FROM budget_line WHERE level = 'kegiatan'), 'sub_kegiatan', 7, 'x', '14.72.02.1005', 1, 1)
            """),
        Case(description: "duplicate program code in one submission", state: .uniqueViolation, sql: """
            INSERT INTO budget_line (submission_id, level, position, code, name) VALUES (\(submission), 'program', 8, '7.01.01', 'again')
            """),
        Case(description: "duplicate kegiatan code in one program", state: .uniqueViolation, sql: """
            INSERT INTO budget_line (submission_id, parent_id, level, position, code, name) VALUES (\(submission), \(program), 'kegiatan', 8, '7.01.01.2.01', 'again')
            """),
        Case(description: "duplicate indicator code", state: .uniqueViolation, sql: """
            INSERT INTO submission_indicator (submission_id, position, code, name, polarity, target, realisasi) VALUES (\(submission), 1, 'IKM', 'again', 'higher', 1, 1)
            """),
        Case(description: "period Q5", state: .checkViolation, sql: otherHeader(period: "Q5")),
        Case(description: "period fy (lowercase)", state: .checkViolation, sql: otherHeader(period: "fy")),
        Case(description: "revision 0", state: .checkViolation, sql: otherHeader(revision: 0)),
        Case(description: "duplicate revision", state: .uniqueViolation, sql: otherHeader(period: "FY")),
        // The same document as another revision is allowed (migration 0010): a revert is a new revision;
        // SubmissionWriter recognises a repeat of the latest revision under the revision lock.
        Case(description: "hash not of the document", state: .checkViolation, sql: otherHeader(sha: "sha256('\\x00')")),
        Case(description: "city not the region's", state: .checkViolation, sql: otherHeader(city: "'14.71'")),
        Case(description: "kegiatan without a program", state: .checkViolation, sql: """
            INSERT INTO budget_line (submission_id, level, position, name) VALUES (\(submission), 'kegiatan', 3, 'orphan')
            """),
        Case(description: "sub kegiatan without pagu", state: .checkViolation, sql: """
            INSERT INTO budget_line (submission_id, parent_id, level, position, name) VALUES (\(submission), \(program), 'sub_kegiatan', 3, 'x')
            """),
        Case(description: "belanja pegawai", state: .checkViolation, sql: """
            INSERT INTO submission_belanja (submission_id, belanja, pagu, realisasi) VALUES (\(submission), 'pegawai', 1, 1)
            """),
        Case(description: "polarity up", state: .checkViolation, sql: """
            INSERT INTO submission_indicator (submission_id, position, code, name, polarity, target, realisasi) VALUES (\(submission), 2, 'X', 'x', 'up', 1, 1)
            """),
        Case(description: "award place 4", state: .checkViolation, sql: """
            INSERT INTO submission_award (submission_id, position, region_code, title, place, level) VALUES (\(submission), 0, '14.72.02', 't', 4, 'kota')
            """),
        Case(description: "award level dunia", state: .checkViolation, sql: """
            INSERT INTO submission_award (submission_id, position, region_code, title, place, level) VALUES (\(submission), 0, '14.72.02', 't', 1, 'dunia')
            """),
        Case(description: "finding severity fatal", state: .checkViolation, sql: """
            INSERT INTO submission_finding (submission_id, position, severity, rule, pointer, message) VALUES (\(submission), 0, 'fatal', 'r', '', 'm')
            """),
    ]

    @Test func directInsertsBreakingTheContractFail() async throws {
        try await withMigratedDatabase(regions: .dumai) { configuration in try Self.check(configuration) }
    }

    static func check(_ configuration: PGConfiguration) throws {
        let conn = try PGConnection(configuration: configuration)
        defer { conn.close() }
        try conn.execute(PGQuery(unsafeSQL: header))
        // A valid tree to hang the failing rows on, and controls that valid rows are accepted.
        try conn.execute(PGQuery(unsafeSQL: """
            INSERT INTO budget_line (submission_id, level, position, code, name, pagu, realisasi) VALUES (\(submission), 'program', 0, '7.01.01', 'p', 1.50, 0)
            """))
        try conn.execute(PGQuery(unsafeSQL: """
            INSERT INTO budget_line (submission_id, parent_id, level, position, code, name, pagu, realisasi)
            VALUES (\(submission), \(program), 'kegiatan', 0, '7.01.01.2.01', 'k', 1, 1)
            """))
        try conn.execute(PGQuery(unsafeSQL: """
            INSERT INTO submission_indicator (submission_id, position, code, name, polarity, target, realisasi) VALUES (\(submission), 0, 'IKM', 'i', 'lower', 1, 1)
            """))
        try conn.execute(PGQuery(unsafeSQL: line(pagu: "999999999999999999.99")))
        try conn.execute(PGQuery(unsafeSQL: pbb(position: 0, ketetapan: "'1250000000.10'")))
        #expect(try conn.queryValue(String.self, "SELECT string_agg(pagu::text, ' ' ORDER BY position) FROM budget_line WHERE level = 'program'")
                == "1.50 999999999999999999.99")

        for violation in violations {
            let state: SQLState?
            do {
                try conn.execute(PGQuery(unsafeSQL: violation.sql))
                state = nil
            } catch {
                state = error.sqlState
            }
            #expect(state == violation.state, "\(violation): got \(state.map(\.rawValue) ?? "success")")
        }
        // Nothing of the failed statements was stored.
        #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM submission") == 1)
        #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM budget_line") == 3)
    }
}
