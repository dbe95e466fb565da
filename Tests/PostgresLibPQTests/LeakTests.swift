import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

@Suite(.freshDatabase)
struct LeakTests {
    /// One round of everything that allocates in libpq or in the wrapper.
    func round(_ conn: PGConnection, _ i: Int, _ insert: PGPreparedStatement) throws {
        let text = "row \(i) é'\"\\"
        let r = try conn.query("SELECT \(i)::int8 AS n, \(text) AS t, \(Decimal(i) / 100) AS d, NULL::text AS z")
        _ = try r.first?.decode(Int.self, column: "n")
        _ = try r.first?.decode(String.self, column: "t")
        _ = try r.first?.decode(Decimal.self, column: "d")
        _ = try r.first?.decode(String?.self, column: "z")
        if i.isMultiple(of: 3) {
            _ = try? conn.execute("SELECT \(i) / 0")  // failed statement: error result cleared
            _ = try? r.first?.decode(Int.self, column: "z")  // decoding error
        }
        if i.isMultiple(of: 10) {
            try conn.copyIn("COPY leak (id, v) FROM STDIN") { w in
                for k in 0..<10 { try w.writeRow([String(k), text]) }
            }
            _ = try? conn.copyIn("COPY leak (id, v) FROM STDIN") { w in try w.writeRow(["x", "bad"]) }
            try conn.copyOut("COPY (SELECT 1, 'a') TO STDOUT") { _ in }
            try conn.execute("TRUNCATE leak")
        }
        try conn.execute(insert, i, text)
        if i.isMultiple(of: 1000) { try conn.execute("TRUNCATE leak") }
    }

    static let allowedGrowth = 64 * 1024 * 1024

    @Test func memoryStaysFlatOverManyStatements() async throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE leak (id int, v text)")
        let insert = try conn.prepare("INSERT INTO leak VALUES ($1, $2)")
        for i in 0..<3_000 { try round(conn, i, insert) }  // warm-up: caches, arenas
        let before = residentMemory()
        for i in 0..<20_000 { try round(conn, i, insert) }
        let after = residentMemory()
        let growth = after - before
        #expect(before > 0)
        // RSS is the whole process's, and other suites run in parallel, so the bound is loose:
        // leaking even one result or notice per round (5 statements × 20,000 rounds) would grow
        // it by well over 100 MB, which this still catches.
        #expect(growth < Self.allowedGrowth, "RSS grew by \(growth / 1024) KiB")

        // The async path: actor hops, pool check-in/out, cancellation handlers.
        let client = PGClient(configuration: try TestDatabase.configuration, options: .init(maxConnections: 2))
        for i in 0..<1_000 { _ = try await client.query("SELECT \(i)") }
        let beforePool = residentMemory()
        for i in 0..<5_000 {
            _ = try await client.query("SELECT \(i)")
            if i.isMultiple(of: 5) { _ = try? await client.execute("SELECT 1/0") }
        }
        let afterPool = residentMemory()
        #expect(afterPool - beforePool < Self.allowedGrowth, "RSS grew by \((afterPool - beforePool) / 1024) KiB")
        await client.close()
    }
}
