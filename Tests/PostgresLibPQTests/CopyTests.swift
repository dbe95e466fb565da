import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

@Suite(.freshDatabase)
struct CopyTests {
    static let tricky: [String?] = [
        "plain", "", nil, "tab\there", "new\nline", "cr\rhere", "back\\slash", "\\N", "\\.", "comma, here",
        "\"quoted\"", "Ünïcödé 日本語 🎉", " leading space", "trailing space ",
    ]

    @Test(arguments: [PGCopyFormat.text, .csv])
    func rowWriterEscapesFields(format: PGCopyFormat) throws {
        let conn = try TestDatabase.connect()
        let table = format == .csv ? "rows_csv" : "rows_text"
        try conn.execute("CREATE TABLE \(identifier: table) (n int, v text)")
        let options = format == .csv ? "(FORMAT csv)" : "(FORMAT text)"
        let copied = try conn.copyIn("COPY \(identifier: table) (n, v) FROM STDIN \(unsafeRaw: options)", format: format) { w in
            for (i, field) in Self.tricky.enumerated() {
                try w.writeRow([String(i), field])
            }
        }
        #expect(copied == Self.tricky.count)
        let back = try conn.query("SELECT v FROM \(identifier: table) ORDER BY n").map { try $0.decode(String?.self, at: 0) }
        #expect(back == Self.tricky)
    }

    @Test func typedRowsAndNonASCIIByteCounts() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE typed (id int, code text, amount numeric(14,2), at timestamptz)")
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let rows = try conn.copyIn("COPY typed FROM STDIN") { w in
            for i in 0..<1000 {
                try w.writeRow(values: [i, "kode-ß-\(i)-日本", Decimal(i) / 100 + Decimal(string: "12763150960")!, at])
            }
        }
        #expect(rows == 1000)
        #expect(try conn.queryValue(Decimal.self, "SELECT sum(amount) FROM typed") == Decimal(string: "12763150964995.00")!)
        #expect(try conn.queryValue(String.self, "SELECT code FROM typed WHERE id = 7") == "kode-ß-7-日本")
        #expect(try conn.queryValue(Date.self, "SELECT max(at) FROM typed") == at)
    }

    @Test func streamsAFileInChunks() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE csv_file (id int, code text, amount numeric(14,2))")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-copy-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var csv = ""
        let n = 50_000
        for i in 0..<n { csv += "\(i),\"Ågé, \"\"\(i)\"\"\",\(i).25\n" }
        try csv.write(to: url, atomically: false, encoding: .utf8)

        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var chunks = 0
        let rows = try conn.copyIn("COPY csv_file FROM STDIN (FORMAT csv)") { w in
            while let chunk = try handle.read(upToCount: 256 * 1024), !chunk.isEmpty {
                try w.write(chunk)  // a chunk may end mid-row and mid-character: bytes are bytes
                chunks += 1
            }
        }
        #expect(rows == n)
        #expect(chunks > 1)
        #expect(try conn.queryValue(String.self, "SELECT code FROM csv_file WHERE id = 123") == "Ågé, \"123\"")
        #expect(try conn.queryValue(Decimal.self, "SELECT sum(amount) FROM csv_file") == Decimal(n * (n - 1) / 2) + Decimal(n) / 4)
    }

    @Test func aBadRowAbortsEverythingAndTheConnectionSurvives() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE bad (id int)")
        do {
            try conn.copyIn("COPY bad FROM STDIN") { w in
                for i in 0..<10_000 { try w.writeRow([String(i)]) }
                try w.writeRow(["not a number"])
                for i in 0..<10_000 { try w.writeRow([String(i)]) }
            }
            Issue.record("bad row accepted")
        } catch let error as PGError {
            #expect(error.sqlState == .invalidTextRepresentation)
        }
        #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM bad") == 0)
        #expect(conn.transactionStatus == .idle)
        #expect(try conn.copyIn("COPY bad FROM STDIN") { try $0.writeRow(["1"]) } == 1)
    }

    @Test func aThrowingClosureAbortsTheCopy() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE aborted (id int)")
        #expect(throws: Boom.self) {
            try conn.copyIn("COPY aborted FROM STDIN") { w in
                for i in 0..<5000 { try w.writeRow([String(i)]) }
                try w.flush()  // some data already went to the server
                throw Boom()
            }
        }
        #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM aborted") == 0)
        // Inside a transaction: the COPY fails, the transaction rolls back as a whole.
        #expect(throws: Boom.self) {
            try conn.transaction { c in
                try c.execute("INSERT INTO aborted VALUES (-1)")
                try c.copyIn("COPY aborted FROM STDIN") { _ in throw Boom() }
            }
        }
        #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM aborted") == 0)
        #expect(try conn.queryValue(Int.self, "SELECT 1") == 1)
    }

    @Test func copyOutStreamsChunks() throws {
        let conn = try TestDatabase.connect()
        var chunks = 0
        var bytes = [UInt8]()
        let rows = try conn.copyOut("COPY (SELECT i, 'é' || i FROM generate_series(1, 1000) i) TO STDOUT (FORMAT csv)") { chunk in
            chunks += 1
            bytes.append(contentsOf: chunk)
        }
        #expect(rows == 1000)
        #expect(chunks == 1000)  // one chunk per row
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("1,é1\n2,é2\n"))
        #expect(text.hasSuffix("1000,é1000\n"))

        // A throwing consumer stops it; the connection is usable afterwards.
        var seen = 0
        #expect(throws: Boom.self) {
            try conn.copyOut("COPY (SELECT generate_series(1, 1000000)) TO STDOUT") { _ in
                seen += 1
                if seen == 10 { throw Boom() }
            }
        }
        #expect(try conn.queryValue(Int.self, "SELECT 2") == 2)
        #expect(conn.transactionStatus == .idle)
    }

    @Test func copyThroughQueryIsRefusedCleanly() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE wrong (id int)")
        #expect(throws: PGError.self) { try conn.execute("COPY wrong FROM STDIN") }
        #expect(throws: PGError.self) { try conn.execute("COPY wrong TO STDOUT") }
        #expect(try conn.queryValue(Int.self, "SELECT 3") == 3)
    }
}
