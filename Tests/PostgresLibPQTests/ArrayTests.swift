import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

@Suite(.freshDatabase)
struct ArrayTests {
    static let awkward = [
        "plain", "it's", "\"quoted\"", "back\\slash", "\\\"", "a,b", "{braces}", "NULL", "null", "", " padded ",
        "tab\tnew\nline", "Ünïcödé 🎉 日本語", "'; DROP TABLE t; --",
    ]

    @Test func textElementsRoundTripInOrder() throws {
        let conn = try TestDatabase.connect()
        let result = try conn.query("SELECT v, n FROM unnest(\(PGArray(Self.awkward))::text[]) WITH ORDINALITY AS x(v, n) ORDER BY n")
        #expect(try result.map { try $0.decode(String.self, column: "v") } == Self.awkward)
        // The literal string "NULL" is text, not a NULL.
        #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM unnest(\(PGArray(Self.awkward))::text[]) v WHERE v IS NULL") == 0)
    }

    @Test func nilElementsAreNulls() throws {
        let conn = try TestDatabase.connect()
        let values: [String?] = ["a", nil, "NULL", nil]
        let result = try conn.query("SELECT v IS NULL AS missing, v FROM unnest(\(PGArray(values))::text[]) WITH ORDINALITY AS x(v, n) ORDER BY n")
        #expect(try result.map { try $0.decode(Bool.self, column: "missing") } == [false, true, false, true])
        #expect(try result.map { try $0.decode(String?.self, column: "v") } == values)
    }

    @Test func numericElementsStayExact() throws {
        let conn = try TestDatabase.connect()
        let values: [Decimal?] = [Decimal(string: "12763150960.00")!, Decimal(string: "0.1")!, nil, Decimal(string: "-99999999999999999.99")!]
        let sum = try conn.queryValue(Decimal.self, "SELECT sum(v) FROM unnest(\(PGArray(values))::numeric[]) v")
        #expect(sum == Decimal(string: "-99999987236849039.89"))
        #expect(try conn.queryValue(String.self, "SELECT (\(PGArray(values))::numeric[])[2]::text") == "0.1")
    }

    @Test func severalArraysUnnestSideBySide() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TEMP TABLE line (position int, code text, amount numeric)")
        let inserted = try conn.execute("""
            INSERT INTO line SELECT * FROM unnest(\(PGArray([0, 1, 2]))::int[], \(PGArray(["7.01", "7.02", "7.03"]))::text[],
                                                 \(PGArray<Decimal>([1, 2.5, 3]))::numeric[])
            """)
        #expect(inserted == 3)
        #expect(try conn.queryValue(String.self, "SELECT string_agg(code || '=' || amount, ' ' ORDER BY position) FROM line") == "7.01=1 7.02=2.5 7.03=3")
    }

    @Test func emptyArrayInsertsNothing() throws {
        let conn = try TestDatabase.connect()
        #expect(try PGArray<String>([]).pgEncode() == "{}")
        #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM unnest(\(PGArray<String>([]))::text[])") == 0)
    }
}
