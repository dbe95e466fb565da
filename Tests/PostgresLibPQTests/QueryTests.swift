import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

@Suite(.freshDatabase)
struct QueryTests {
    @Test func interpolationBindsParameters() throws {
        let name = "x"
        let id = 42
        let q: PGQuery = "SELECT * FROM \(identifier: "My \"Table\"") WHERE name = \(name) AND id > \(id) \(unsafeRaw: "ORDER BY 1")"
        #expect(q.sql == #"SELECT * FROM "My ""Table""" WHERE name = $1 AND id > $2 ORDER BY 1"#)
        #expect(q.parameterCount == 2)
        let tail: PGQuery = " AND code = \("c")"
        let combined: PGQuery = "WHERE a = \(1)\(tail) AND b = \(2)"
        #expect(combined.sql == "WHERE a = $1 AND code = $2 AND b = $3")
        #expect((q + tail).sql.hasSuffix("code = $3"))
    }

    @Test(arguments: [
        "plain", "it's", "'; DROP TABLE t; --", "Robert'); DROP TABLE students;--", "back\\slash", "tab\tnew\nline",
        "Ünïcödé 🎉 日本語 ä", "$1", "\"quoted\"", "",
    ])
    func textRoundTrips(text: String) throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TEMP TABLE t (v text)")
        try conn.execute("INSERT INTO t VALUES (\(text))")
        #expect(try conn.queryValue(String.self, "SELECT v FROM t") == text)
        #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM t WHERE v = \(text)") == 1)
        #expect(try conn.queryValue(Int.self, "SELECT length(\(text))") == text.count)
    }

    @Test func nullAndVeryLongTextRoundTrip() throws {
        let conn = try TestDatabase.connect()
        let missing: String? = nil
        let row = try #require(try conn.query("SELECT \(missing)::text AS a, \(missing)::text IS NULL AS b").first)
        #expect(try row.decode(String?.self, at: 0) == nil)
        #expect(try row.decode(Bool.self, column: "b"))

        var big = String(repeating: "abcdefghij'\"\\é", count: 400_000)  // ~5.6 MB
        big += "end"
        try conn.execute("CREATE TEMP TABLE big (v text)")
        try conn.execute("INSERT INTO big VALUES (\(big))")
        let back = try conn.queryValue(String.self, "SELECT v FROM big")
        #expect(back == big)
        #expect(try conn.queryValue(Int.self, "SELECT octet_length(v) FROM big") == big.utf8.count)
    }

    @Test func identifiersAreQuoted() throws {
        let conn = try TestDatabase.connect()
        let table = "Mixed \"Case\"; DROP"
        try conn.execute("CREATE TEMP TABLE \(identifier: table) (\(identifier: "Id") int)")
        try conn.execute("INSERT INTO \(identifier: table) VALUES (\(7))")
        #expect(try conn.queryValue(Int.self, "SELECT \(identifier: "Id") FROM \(identifier: table)") == 7)
        #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM \(identifier: "pg_catalog", "pg_class") WHERE relname = \(table)") == 1)
    }

    @Test func affectedRowsAndCommandTag() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TEMP TABLE n (v int)")
        #expect(try conn.execute("INSERT INTO n SELECT generate_series(1, 5)") == 5)
        #expect(try conn.execute("UPDATE n SET v = v + 1 WHERE v > \(2)") == 3)
        let r = try conn.query("DELETE FROM n")
        #expect(r.commandTag == "DELETE 5")
        #expect(r.affectedRows == 5)
    }

    @Test func preparedStatementsAreReusable() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TEMP TABLE p (id int, name text)")
        let insert = try conn.prepare("INSERT INTO p VALUES ($1, $2)")
        #expect(insert.parameterCount == 2)
        for i in 0..<100 {
            try conn.execute(insert, i, i.isMultiple(of: 10) ? nil : "n'\(i)")
        }
        let select = try conn.prepare("SELECT name FROM p WHERE id = $1")
        #expect(try conn.query(select, 5).first?.decode(String.self, at: 0) == "n'5")
        #expect(try conn.query(select, 10).first?.decode(String?.self, at: 0) == .some(nil))
        #expect(throws: PGError.self) { try conn.query(select) }  // wrong arity: usage error
        try conn.deallocate(select)
        #expect(throws: PGError.self) { try conn.query(select, 1) }
        #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM p") == 100)
    }

    @Test func cachedQueriesArePreparedOnceAndSurviveSchemaChanges() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE cached_q (id int, name text)")
        defer { _ = try? conn.execute("DROP TABLE cached_q") }
        try conn.execute("INSERT INTO cached_q VALUES (1, 'satu'), (2, 'dua'), (3, NULL)")
        func prepared() throws -> Int {
            try conn.queryValue(Int.self, "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'pglibpq_cached_%'") ?? -1
        }
        for id in 1...3 {
            let name = try conn.cachedQuery("SELECT name FROM cached_q WHERE id = \(id)").first?.decode(String?.self, at: 0)
            #expect(name == [1: "satu", 2: "dua", 3: nil][id])
        }
        #expect(try prepared() == 1)  // one text, three runs
        // Another parameter type is another statement.
        #expect(try conn.cachedQuery("SELECT name FROM cached_q WHERE id = \(Int32(2))").first?.decode(String.self, at: 0) == "dua")
        #expect(try prepared() == 2)
        let byName: (String?) throws -> Int = { name in
            try conn.cachedQuery("SELECT count(*) FROM cached_q WHERE name IS NOT DISTINCT FROM \(name)").first?.decode(Int.self, at: 0) ?? -1
        }
        #expect(try byName("dua") == 1 && byName("satu") == 1 && byName(nil) == 1)
        #expect(try prepared() == 3)  // a typed NULL shares its type's statement

        // The table changes shape: "cached plan must not change result type"; prepared anew, the new answer.
        let wholeRow: PGQuery = "SELECT * FROM cached_q WHERE id = \(1)"
        #expect(try conn.cachedQuery(wholeRow).first?.columnCount == 2)
        try conn.execute("ALTER TABLE cached_q ADD COLUMN note text DEFAULT 'baru'")
        let row = try conn.cachedQuery(wholeRow).first
        #expect(row?.columnCount == 3)
        #expect(try row?.decode(String.self, column: "note") == "baru")
        // Deallocated behind the cache's back: prepared anew.
        try conn.execute("DEALLOCATE ALL")
        #expect(try conn.cachedQuery(wholeRow).count == 1)
        // Errors are the statement's, values redacted as for query().
        #expect(throws: PGError.self) { try conn.cachedQuery("SELECT 1 / \(0)") }
        #expect(try conn.cachedQuery("SELECT 1 / \(1)").first?.decode(Int.self, at: 0) == 1)
    }

    @Test func multiStatementScripts() throws {
        let conn = try TestDatabase.connect()
        try conn.executeScript("CREATE TEMP TABLE s (v int); INSERT INTO s VALUES (1); INSERT INTO s VALUES (2);")
        #expect(try conn.queryValue(Int.self, "SELECT sum(v) FROM s") == 3)
        // PQexecParams refuses two statements: interpolated queries can't be stacked.
        #expect(throws: PGError.self) { try conn.execute("SELECT 1; SELECT 2") }
    }

    @Test func tupleDecoding() throws {
        let conn = try TestDatabase.connect()
        let row = try #require(try conn.query("SELECT 1::int, 'a'::text, NULL::numeric").first)
        let (a, b, c) = try row.decode((Int, String, Decimal?).self)
        #expect(a == 1 && b == "a" && c == nil)
    }
}
