import ExactDecimal
import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

@Suite(.freshDatabase)
struct DecodingTests {
    func row(_ conn: PGConnection, _ q: PGQuery) throws -> PGRow {
        try #require(try conn.query(q).first)
    }

    @Test func scalars() throws {
        let conn = try TestDatabase.connect()
        let r = try row(conn, "SELECT true AS b, 32767::int2 AS s, 2147483647::int4 AS i, 9223372036854775807::int8 AS l, 'héllo'::varchar AS v, 1.5::float8 AS d")
        #expect(try r.decode(Bool.self, column: "b"))
        #expect(try r.decode(Int16.self, column: "s") == 32767)
        #expect(try r.decode(Int32.self, column: "i") == 2_147_483_647)
        #expect(try r.decode(Int64.self, column: "l") == Int64.max)
        #expect(try r.decode(Int.self, at: 1) == 32767)
        #expect(try r.decode(String.self, column: "v") == "héllo")
        #expect(try r.decode(Double.self, column: "d") == 1.5)
        #expect(try r.decode(String.self, column: "i") == "2147483647")  // any text form reads as String
    }

    @Test(arguments: [
        "12763150960.00", "0.01", "99999999999999999.99", "-5.25", "0", "123456789012345678901234567890",
        "-99999999999999999999999999999999999999",
    ])
    func numericIsExact(text: String) throws {
        let conn = try TestDatabase.connect()
        let expected = try #require(Decimal(exactText: text))
        // From the server's text...
        let fromServer = try conn.queryValue(Decimal.self, "SELECT \(unsafeRaw: text)::numeric")
        #expect(fromServer == expected)
        // ...and back through a parameter, compared on the server side.
        #expect(try conn.queryValue(Bool.self, "SELECT \(expected) = \(unsafeRaw: text)::numeric") == true)
        #expect(try conn.queryValue(Decimal.self, "SELECT \(expected)") == expected)
    }

    @Test func numericIntoDoubleIsATypeMismatch() throws {
        let conn = try TestDatabase.connect()
        let r = try row(conn, "SELECT 1.5::numeric(14,2) AS amount")
        do {
            _ = try r.decode(Double.self, column: "amount")
            Issue.record("numeric decoded as Double")
        } catch {
            #expect(error.kind == .decoding)
            #expect(error.decodingFailure == .typeMismatch)
            #expect(error.column == "amount")
            #expect(error.description.contains("amount"))
            #expect(error.description.contains("numeric"))
            #expect(error.description.contains("Double"))
        }
        #expect(try r.decode(Decimal.self, column: "amount") == Decimal(string: "1.5"))
    }

    @Test func nullHandling() throws {
        let conn = try TestDatabase.connect()
        let r = try row(conn, "SELECT NULL::int AS maybe, 1 AS one")
        #expect(try r.decode(Int?.self, column: "maybe") == nil)
        #expect(try r.decode(Int?.self, column: "one") == 1)
        #expect(r.isNull(at: 0))
        #expect {
            _ = try r.decode(Int.self, column: "maybe")
        } throws: { error in
            let e = error as? PGError
            return e?.decodingFailure == .unexpectedNull && e?.column == "maybe" && e?.columnIndex == 0
        }
    }

    @Test func badColumnsAndValuesThrowInsteadOfCrashing() throws {
        let conn = try TestDatabase.connect()
        let r = try row(conn, "SELECT 100000::int4 AS big, 'x'::text AS t")
        #expect(throws: PGError.self) { _ = try r.decode(Int16.self, column: "big") }  // out of range
        #expect(throws: PGError.self) { _ = try r.decode(Int.self, column: "t") }  // text is not an integer
        #expect(throws: PGError.self) { _ = try r.decode(Int.self, at: 5) }
        #expect(throws: PGError.self) { _ = try r.decode(Int.self, at: -1) }
        #expect {
            _ = try r.decode(Int.self, column: "nope")
        } throws: { ($0 as? PGError)?.decodingFailure == .columnNotFound }
        #expect(throws: PGError.self) { _ = try r.decode(Bool.self, column: "t") }
        #expect(throws: PGError.self) { _ = try r.decode(UUID.self, column: "t") }
    }

    @Test func datesAreUTC() throws {
        let conn = try TestDatabase.connect()
        let r = try row(
            conn,
            """
            SELECT '2024-02-29'::date AS d, '2024-02-29 13:14:15.123456'::timestamp AS ts,
                   '2024-02-29 13:14:15.5+07:00'::timestamptz AS tz, '1969-12-31 23:59:59'::timestamp AS before
            """)
        let d = try r.decode(Date.self, column: "d")
        #expect(d.timeIntervalSince1970 == 1_709_164_800)
        let ts = try r.decode(Date.self, column: "ts")
        #expect(abs(ts.timeIntervalSince1970 - 1_709_212_455.123456) < 0.000001)
        let tz = try r.decode(Date.self, column: "tz")
        #expect(tz.timeIntervalSince1970 == 1_709_187_255.5)
        #expect(try r.decode(Date.self, column: "before").timeIntervalSince1970 == -1)

        // A Date parameter is an instant; it round-trips to the microsecond.
        let now = Date(timeIntervalSince1970: 1_700_000_000.25)
        #expect(try conn.queryValue(Date.self, "SELECT \(now)") == now)
        #expect(try conn.queryValue(String.self, "SELECT \(now)::text") == "2023-11-14 22:13:20.25+00")
        try conn.execute("CREATE TEMP TABLE ev (at timestamptz, day date)")
        try conn.execute("INSERT INTO ev VALUES (\(now), \(now))")
        #expect(try conn.queryValue(Date.self, "SELECT at FROM ev") == now)
        #expect(try conn.queryValue(String.self, "SELECT day::text FROM ev") == "2023-11-14")
        #expect(throws: PGError.self) { _ = try conn.queryValue(Date.self, "SELECT 'infinity'::timestamptz") }
    }

    @Test func uuidByteaAndJSON() throws {
        let conn = try TestDatabase.connect()
        let id = UUID()
        #expect(try conn.queryValue(UUID.self, "SELECT \(id)") == id)
        #expect(try conn.queryValue(UUID.self, "SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid") == UUID(uuidString: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))

        let bytes: [UInt8] = Array(0...255) + [0, 0, 92, 39]
        #expect(try conn.queryValue([UInt8].self, "SELECT \(bytes)") == bytes)
        #expect(try conn.queryValue(Data.self, "SELECT \(Data(bytes))") == Data(bytes))
        #expect(try conn.queryValue(Int.self, "SELECT octet_length(\(bytes))") == bytes.count)
        #expect(throws: PGError.self) { _ = try conn.queryValue(String.self, "SELECT \(bytes)") }

        struct Doc: Codable, Equatable { var name: String; var n: Int }
        let doc = Doc(name: "ü \"q\"", n: 3)
        let json = try PGJSON(encoding: doc)
        try conn.execute("CREATE TEMP TABLE j (a json, b jsonb)")
        try conn.execute("INSERT INTO j VALUES (\(json), \(json))")
        let r = try row(conn, "SELECT a, b, b->>'name' AS name FROM j")
        #expect(try r.decode(PGJSON.self, column: "a").decode(Doc.self) == doc)
        #expect(try r.decode(PGJSON.self, column: "b").decode(Doc.self) == doc)
        #expect(try r.decode(String.self, column: "name") == "ü \"q\"")
    }

    @Test func encodedParameterTypes() throws {
        let conn = try TestDatabase.connect()
        let r = try row(conn, "SELECT pg_typeof(\(1))::text, pg_typeof(\(Int32(1)))::text, pg_typeof(\(Decimal(1)))::text, pg_typeof(\(true))::text, pg_typeof(\(1.5))::text")
        #expect(try r.decode((String, String, String, String, String).self) == ("bigint", "integer", "numeric", "boolean", "double precision"))
    }
}

@Suite(.freshDatabase)
struct RowDecoderTests {
    struct Region: Decodable, Equatable {
        var code: String
        var name: String
        var area: Decimal?
        var population: Int
        var founded: Date?
        var id: UUID
    }

    @Test func decodesDecodableStructsByColumnName() throws {
        let conn = try TestDatabase.connect()
        let id = UUID()
        let rows = try conn.query(
            """
            SELECT 'DMI' AS code, 'Dumai' AS name, 1727.38::numeric AS area, 316782 AS population,
                   NULL::date AS founded, \(id) AS id, 'ignored' AS extra
            """
        ).map { try $0.decode(as: Region.self) }
        #expect(rows == [Region(code: "DMI", name: "Dumai", area: Decimal(string: "1727.38"), population: 316_782, founded: nil, id: id)])

        struct Missing: Decodable { var nope: Int }
        #expect(throws: PGError.self) { _ = try conn.query("SELECT 1 AS yes").first?.decode(as: Missing.self) }
        struct WrongType: Decodable { var n: Double }
        #expect {
            _ = try conn.query("SELECT 1.5::numeric AS n").first?.decode(as: WrongType.self)
        } throws: { ($0 as? PGError)?.decodingFailure == .typeMismatch }
    }

    @Test func decimalNaNIsNeverSent() {
        #expect(throws: PGError.self) { _ = try Decimal.nan.pgEncode() }
    }
}
