import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Synchronization
import Testing

/// Every test runs on its own fresh database with the schema and Kota Dumai's regions.
@Suite(.timeLimit(.minutes(10))) struct PBBFeedLoaderTests {
    static let ketetapanHeader = PBBFeedKind.ketetapan.header
    static let pembayaranHeader = PBBFeedKind.pembayaran.header

    /// Sums over a table, as text (exact).
    func totals(_ conn: PGConnection) throws -> [String] {
        let row = try conn.query("""
            SELECT (SELECT count(*) FROM pbb_ketetapan)::text AS k, (SELECT coalesce(sum(pokok), 0)::text FROM pbb_ketetapan) AS kp,
                   (SELECT count(*) FROM pbb_pembayaran)::text AS p, (SELECT coalesce(sum(pokok), 0)::text FROM pbb_pembayaran) AS pp,
                   (SELECT count(*) FROM pbb_load)::text AS l
            """)[0]
        return try ["k", "kp", "p", "pp", "l"].map { try row.decode(String.self, column: $0) }
    }

    /// The ways a load into empty tables can go.
    enum LoadWay: String, CaseIterable, Sendable {
        /// Feeds that can be read again, copied straight into the tables (keys rebuilt afterwards).
        case direct
        /// Feeds read once (a request body), staged, then inserted in bulk (keys rebuilt afterwards).
        case stagedBulk
        /// Feeds read once, staged, then inserted row by row (below the bulk threshold).
        case stagedRowByRow
    }

    @Test(.dumaiDatabase, arguments: LoadWay.allCases)
    func generatedFeedsLoadAndRealisasiMatchesAnIndependentSum(way: LoadWay) throws {
        let feeds = GeneratedFeeds(objects: 3000, seed: 11)
        let conn = try TestDatabase.connect()
        let bulkThreshold = way == .stagedBulk ? 1 : 100_000
        let canReopen = way == .direct
        let keys = "SELECT string_agg(indexdef, '; ' ORDER BY indexname) FROM pg_indexes WHERE tablename LIKE 'pbb%'"
        let constraints = "SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' ORDER BY conname) FROM pg_constraint WHERE conrelid::regclass::text LIKE 'pbb%'"
        let keysBefore = try conn.queryValue(String.self, PGQuery(unsafeSQL: keys))
        let constraintsBefore = try conn.queryValue(String.self, PGQuery(unsafeSQL: constraints))
        let result = try PBBFeedLoader(bulkThreshold: bulkThreshold).load(
            [memoryFeed(.pembayaran, "pembayaran.csv", feeds.pembayaran, canReopen: canReopen),
             memoryFeed(.ketetapan, "ketetapan.csv", feeds.ketetapan, canReopen: canReopen)],
            on: conn)
        #expect(result.feeds.map(\.kind) == [.ketetapan, .pembayaran])
        #expect(result.feeds[0].status == .loaded(loadID: 1, added: 3000, replaced: 0, unchanged: 0))
        #expect(result.feeds[1].rows == feeds.pembayaran.count - 1)
        #expect(result.feeds[1].status == .loaded(loadID: 2, added: feeds.pembayaran.count - 1, replaced: 0, unchanged: 0))
        #expect(result.cities == ["14.72"] && result.years == [2023])
        #expect(try conn.queryValue(String.self, PGQuery(unsafeSQL: keys)) == keysBefore)
        #expect(try conn.queryValue(String.self, PGQuery(unsafeSQL: constraints)) == constraintsBefore)

        // Realisasi per kelurahan as of a date, from the generated rows in Swift.
        var assessed: [String: (kelurahan: String, pokok: Int)] = [:]
        for row in GeneratedFeeds.rows(feeds.ketetapan) { assessed[row[0]] = (row[2], Int(row[3])!) }
        let payments = GeneratedFeeds.rows(feeds.pembayaran)
        for asOf in ["2023-03-31", "2023-08-31", "2023-10-15", "2023-12-31"] {
            var realisasi: [String: Int] = [:]
            var paidPerObject: [String: Int] = [:]
            for p in payments where p[2] <= asOf {
                guard let object = assessed[p[0]] else { continue }  // orphans count nowhere
                realisasi[object.kelurahan, default: 0] += Int(p[3])!
                paidPerObject[p[0], default: 0] += Int(p[3])!
            }
            var lunas: [String: Int] = [:]
            for (nop, paid) in paidPerObject where paid >= assessed[nop]!.pokok { lunas[assessed[nop]!.kelurahan, default: 0] += 1 }

            let rows = try conn.query("""
                SELECT k.kelurahan_code, sum(p.pokok)::numeric(20, 0)::text AS realisasi
                FROM pbb_pembayaran p JOIN pbb_ketetapan k USING (nop, tahun)
                WHERE p.tahun = 2023 AND p.tanggal <= \(asOf)::date
                GROUP BY k.kelurahan_code
                """)
            let sql = Dictionary(uniqueKeysWithValues: try rows.map {
                (try $0.decode(String.self, column: "kelurahan_code"), Int(try $0.decode(String.self, column: "realisasi"))!)
            })
            #expect(sql == realisasi, "as of \(asOf)")

            let lunasRows = try conn.query("""
                SELECT k.kelurahan_code, count(*) AS lunas FROM pbb_ketetapan k
                JOIN (SELECT nop, tahun, sum(pokok) AS paid FROM pbb_pembayaran WHERE tanggal <= \(asOf)::date GROUP BY nop, tahun) p
                  USING (nop, tahun)
                WHERE p.paid >= k.pokok AND k.tahun = 2023
                GROUP BY k.kelurahan_code
                """)
            let sqlLunas = Dictionary(uniqueKeysWithValues: try lunasRows.map {
                (try $0.decode(String.self, column: "kelurahan_code"), Int(try $0.decode(Int64.self, column: "lunas")))
            })
            #expect(sqlLunas == lunas, "as of \(asOf)")
        }
        // The generator's promise: some kelurahan reach 100 % by the year's end.
        let complete = try conn.queryValue(Int64.self, """
            SELECT count(*) FROM (
                SELECT k.kelurahan_code FROM pbb_ketetapan k
                LEFT JOIN (SELECT nop, tahun, sum(pokok) AS paid FROM pbb_pembayaran GROUP BY nop, tahun) p USING (nop, tahun)
                GROUP BY k.kelurahan_code HAVING sum(coalesce(p.paid, 0)) = sum(k.pokok)) full_kelurahan
            """)
        #expect((complete ?? 0) > 0)
    }

    static let badKetetapan: [(line: String, reason: String)] = [
        ("12345,2023,14.72.01.1003,1000", "nop \"12345\" is not 18 digits"),
        ("14720010030010001X,2023,14.72.01.1003,1000", "is not 18 digits"),
        ("147200100300100010,23,14.72.01.1003,1000", "tahun \"23\" is not a year"),
        ("147200100300100010,1900,14.72.01.1003,1000", "tahun \"1900\" is not a year"),
        ("147200100300100010,2023,14.72.01,1000", "is a kecamatan code"),
        ("147200100300100010,2023,14.72.01.5003,1000", "must start with 1 (kelurahan), 2 (desa) or 3"),
        ("147200100300100010,2023,14.72.09.1001,1000", "kelurahan 14.72.09.1001 is not a kelurahan or desa in the region registry"),
        ("147200100300100010,2023,14.72.01.1003,-5", "pokok \"-5\" is not whole rupiah"),
        ("147200100300100010,2023,14.72.01.1003,1.5", "pokok \"1.5\" is not whole rupiah"),
        ("147200100300100010,2023,14.72.01.1003,", "pokok \"\" is not whole rupiah"),
        ("147200100300100010,2023,14.72.01.1003,1000000000000000000", "is 10^18 or more"),
        ("147200100300100010,2023,14.72.01.1003", "3 fields where nop,tahun,kelurahan,pokok has 4"),
        // Pekanbaru's object under a Dumai kelurahan (hardening item 4).
        ("147100100300100010,2023,14.72.01.1003,1000",
         "nop \"147100100300100010\" is a tax object of kota/kabupaten 14.71 (its first 4 digits), but kelurahan 14.72.01.1003 lies in 14.72"),
        ("147200100300100010,2023,14.72.01.1003,1000,5", "5 fields where"),
        ("147200100300100010,2023,14.72.01.1003,10\"00", "has a quote"),
        ("147200100300100010,2023,\"14.72.01.1003,1000", "opens a quote that is never closed"),
    ]

    @Test(.dumaiDatabase, arguments: badKetetapan)
    func badKetetapanLineRejectsTheWholeFile(bad: (line: String, reason: String)) throws {
        let conn = try TestDatabase.connect()
        let before = try totals(conn)
        let lines = [Self.ketetapanHeader, "147200100300100020,2023,14.72.01.1003,5000", bad.line, "147200100300100030,2023,14.72.01.1003,7000"]
        do {
            _ = try PBBFeedLoader().load([memoryFeed(.ketetapan, "k.csv", lines)], on: conn)
            Issue.record("accepted a file with \(bad.line)")
        } catch let rejection as PBBFeedRejection {
            #expect(rejection.problems.count == 1)
            #expect(rejection.problems.first?.line == 3)
            #expect(rejection.problems.first?.reason.contains(bad.reason) == true, "\(rejection)")
            #expect(rejection.description.contains("\nk.csv:3: "))
        }
        #expect(try totals(conn) == before)
    }

    /// `temp_buffers` is set for the load's transaction only: the connection goes back to a pool,
    /// and its next user must not inherit 256 MB of local buffers as its setting.
    @Test(.dumaiDatabase) func theLoadLeavesTheSessionsSettingsAsTheyWere() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let before = try conn.queryValue(String.self, "SHOW temp_buffers")
        let lines = [Self.ketetapanHeader, "147200100300100020,2023,14.72.01.1003,5000"]
        _ = try PBBFeedLoader().load([memoryFeed(.ketetapan, "k.csv", lines, canReopen: false)], on: conn)
        #expect(try conn.queryValue(String.self, "SHOW temp_buffers") == before)
        #expect(before == "8MB")
    }

    static let badPembayaran: [(line: String, reason: String)] = [
        ("147200100300100010,2023,2023-02-29,1000,0", "month 2 of 2023 has 28 days"),
        ("147200100300100010,2023,2023-13-01,1000,0", "there is no month 13"),
        ("147200100300100010,2023,2023-1-5,1000,0", "write dates as YYYY-MM-DD"),
        ("147200100300100010,2023,05/01/2023,1000,0", "write dates as YYYY-MM-DD"),
        ("147200100300100010,2023,2023-05-01,1000,-1", "denda \"-1\" is not whole rupiah"),
        ("147200100300100010,2023,2023-05-01,1.000,0", "pokok \"1.000\" is not whole rupiah"),
        ("147200100300100010,2023,2023-05-01,1000", "4 fields where nop,tahun,tanggal,pokok,denda has 5"),
        ("1472001003001000100,2023,2023-05-01,1000,0", "is not 18 digits"),
    ]

    @Test(.dumaiDatabase, arguments: badPembayaran)
    func badPembayaranLineRejectsBothFiles(bad: (line: String, reason: String)) throws {
        let conn = try TestDatabase.connect()
        let before = try totals(conn)
        let ketetapan = [Self.ketetapanHeader, "147200100300100010,2023,14.72.01.1003,5000"]
        let pembayaran = [Self.pembayaranHeader, "147200100300100010,2023,2023-05-01,5000,0", "147200100300100010,2023,2023-05-02,5000,0", bad.line]
        do {
            _ = try PBBFeedLoader().load([memoryFeed(.ketetapan, "k.csv", ketetapan), memoryFeed(.pembayaran, "p.csv", pembayaran)], on: conn)
            Issue.record("accepted a file with \(bad.line)")
        } catch let rejection as PBBFeedRejection {
            #expect(rejection.problems.map(\.line) == [4])
            #expect(rejection.files.map(\.file) == ["p.csv"])
            #expect(rejection.problems.first?.reason.contains(bad.reason) == true, "\(rejection)")
        }
        #expect(try totals(conn) == before)  // the good ketetapan file was not stored either
    }

    @Test(.dumaiDatabase) func headerEmptyFileInvalidUTF8AndRepeatedObjectsAreBadLines() throws {
        let conn = try TestDatabase.connect()
        func rejection(_ feed: PBBFeed) throws -> PBBFeedRejection? {
            do {
                _ = try PBBFeedLoader().load([feed], on: conn)
                return nil
            } catch let rejection as PBBFeedRejection {
                return rejection
            }
        }
        let wrongHeader = try rejection(memoryFeed(.ketetapan, "k.csv", ["nop,tahun,pokok,kelurahan", "147200100300100010,2023,5000,14.72.01.1003"]))
        #expect(wrongHeader?.problems.map(\.line) == [1])
        #expect(wrongHeader?.problems.first?.reason.contains("the header must be exactly nop,tahun,kelurahan,pokok") == true)
        #expect(wrongHeader?.problems.first?.reason.hasSuffix("reading stopped there") == true)

        let empty = try rejection(memoryFeed(.pembayaran, "p.csv", text: ""))
        #expect(empty?.problems.first?.reason.contains("the file is empty") == true)

        let invalid = PBBFeed(kind: .ketetapan, name: "k.csv") {
            MemorySource(Array("nop,tahun,kelurahan,pokok\n147200100300100010,2023,14.72.01.1003,5000\n".utf8) + [0x31, 0xFF, 0x0A])
        }
        let utf8 = try rejection(invalid)
        #expect(utf8?.problems.map(\.line) == [3])
        #expect(utf8?.problems.first?.reason == "the line is not valid UTF-8")

        // The same object and year twice in one ketetapan: the later line is bad, wherever it is,
        // whether found by the primary key of a bulk load or by ON CONFLICT.
        let twice = [
            Self.ketetapanHeader, "147200100300100010,2023,14.72.01.1003,5000", "147200100300100011,2023,14.72.01.1003,5000",
            "147200100300100010,2023,14.72.01.1003,5000",
        ]
        do {
            _ = try PBBFeedLoader(bulkThreshold: 1).load([memoryFeed(.ketetapan, "k.csv", twice)], on: conn)
            Issue.record("accepted a repeated object in bulk")
        } catch let rejection as PBBFeedRejection {
            #expect(rejection.problems.map(\.line) == [4])
        }
        let repeated = try rejection(memoryFeed(.ketetapan, "k.csv", [
            Self.ketetapanHeader, "147200100300100010,2023,14.72.01.1003,5000", "147200100300100011,2023,14.72.01.1003,5000",
            "147200100300100010,2023,14.72.01.1003,5000",
        ]))
        #expect(repeated?.problems.map(\.line) == [4])
        #expect(repeated?.problems.first?.reason == "nop 147200100300100010 tahun 2023 is assessed already on line 2")
        #expect(try totals(conn) == ["0", "0", "0", "0", "0"])
    }

    @Test(.dumaiDatabase) func everyBadLineIsCountedAndTheListingIsCapped() throws {
        let conn = try TestDatabase.connect()
        var lines = [Self.pembayaranHeader]
        for i in 0..<120 { lines.append(i % 2 == 0 ? "147200100300100010,2023,2023-05-01,\(i),0" : "bad,\(i)") }
        do {
            _ = try PBBFeedLoader().load([memoryFeed(.pembayaran, "p.csv", lines)], on: conn)
            Issue.record("accepted")
        } catch let rejection as PBBFeedRejection {
            #expect(rejection.problems.count == 50)
            #expect(rejection.problems.map(\.line) == Array(stride(from: 3, to: 103, by: 2)))
            #expect(rejection.files.map(\.total) == [60])
            #expect(rejection.description.hasSuffix("… and 10 more"))
        }
    }

    @Test(.dumaiDatabase) func loadingTwiceDoesNotCountTwice() throws {
        let feeds = GeneratedFeeds(objects: 500, seed: 5)
        let conn = try TestDatabase.connect()
        let all = [memoryFeed(.ketetapan, "k.csv", feeds.ketetapan), memoryFeed(.pembayaran, "p.csv", feeds.pembayaran)]
        _ = try PBBFeedLoader().load(all, on: conn)
        let once = try totals(conn)

        let again = try PBBFeedLoader().load(all, on: conn)
        #expect(again.feeds.map(\.status) == [.alreadyLoaded(loadID: 1, loadedAt: again.feeds[0].status.loadedAt!),
                                              .alreadyLoaded(loadID: 2, loadedAt: again.feeds[1].status.loadedAt!)])
        #expect(again.cities.isEmpty)
        #expect(try totals(conn) == once)

        // The same rows in other bytes (CRLF line ends): a new load that adds nothing.
        let crlf = try PBBFeedLoader().load([memoryFeed(.ketetapan, "k2.csv", feeds.ketetapan, lineEnd: "\r\n"),
                                             memoryFeed(.pembayaran, "p2.csv", feeds.pembayaran, lineEnd: "\r\n")], on: conn)
        let rows = (feeds.ketetapan.count - 1, feeds.pembayaran.count - 1)
        #expect(crlf.feeds.map(\.status) == [.loaded(loadID: 3, added: 0, replaced: 0, unchanged: rows.0),
                                             .loaded(loadID: 4, added: 0, replaced: 0, unchanged: rows.1)])
        var expected = once
        expected[4] = "4"
        #expect(try totals(conn) == expected)
    }

    @Test(.dumaiDatabase) func cumulativeReExportAddsOnlyTheNewPayments() throws {
        let conn = try TestDatabase.connect()
        _ = try PBBFeedLoader().load([memoryFeed(.ketetapan, "k.csv", [
            Self.ketetapanHeader, "147200100300100010,2023,14.72.01.1003,900000", "147200100300100020,2023,14.72.01.1003,500000",
        ])], on: conn)
        // Two real instalments of the same amount on the same day: identical rows, both count.
        let june = [Self.pembayaranHeader, "147200100300100010,2023,2023-06-01,300000,0", "147200100300100010,2023,2023-06-01,300000,0",
                    "147200100300100020,2023,2023-06-03,100000,0"]
        let july = june + ["147200100300100010,2023,2023-07-01,300000,0", "147200100300100020,2023,2023-06-03,100000,0"]
        let first = try PBBFeedLoader().load([memoryFeed(.pembayaran, "juni.csv", june)], on: conn)
        #expect(first.feeds[0].status == .loaded(loadID: 2, added: 3, replaced: 0, unchanged: 0))
        let second = try PBBFeedLoader().load([memoryFeed(.pembayaran, "juli.csv", july)], on: conn)
        #expect(second.feeds[0].status == .loaded(loadID: 3, added: 2, replaced: 0, unchanged: 3))
        #expect(try conn.queryValue(String.self, "SELECT sum(pokok)::numeric(20, 0)::text FROM pbb_pembayaran") == "1100000")
        #expect(try conn.query("SELECT seq FROM pbb_pembayaran WHERE nop = '147200100300100020' ORDER BY seq").map { try $0.decode(Int.self, at: 0) } == [1, 2])
        // The June file once more changes nothing.
        let repeated = try PBBFeedLoader().load([memoryFeed(.pembayaran, "juni-lagi.csv", june)], on: conn)
        #expect(repeated.feeds[0].status.loadedAt != nil)
    }

    /// Copied straight into the table, a payment's occurrence number is counted among the lines
    /// of its object next to it; identical payments elsewhere (or equal only in value) are found
    /// by the key and numbered in SQL instead, with the same result.
    @Test(.dumaiDatabase) func identicalPaymentsApartOrWrittenDifferentlyAreStillBothKept() throws {
        let conn = try TestDatabase.connect()
        let a = "147200100300100010,2023,2023-06-01,300000,0", b = "147200100300100020,2023,2023-06-03,100000,0"
        let apart = try PBBFeedLoader().load([memoryFeed(.pembayaran, "apart.csv", [
            Self.pembayaranHeader, a, b, a, "147200100300100030,2023,2023-06-05,0100,0", "147200100300100030,2023,2023-06-05,100,0",
        ])], on: conn)
        #expect(apart.feeds[0].status == .loaded(loadID: 1, added: 5, replaced: 0, unchanged: 0))
        // Next to each other: numbered on the way.
        let together = try PBBFeedLoader().load([memoryFeed(.pembayaran, "together.csv", [
            Self.pembayaranHeader, "147200100300100040,2023,2023-07-01,5000,0", "147200100300100040,2023,2023-07-01,5000,0",
            "147200100300100040,2023,2023-07-01,5000,0",
        ])], on: conn)
        #expect(together.feeds[0].status == .loaded(loadID: 2, added: 3, replaced: 0, unchanged: 0))
        let seqs = try conn.query("SELECT nop, seq FROM pbb_pembayaran ORDER BY nop, seq").map {
            "\(try $0.decode(String.self, column: "nop").suffix(2)):\(try $0.decode(Int.self, column: "seq"))"
        }
        #expect(seqs == ["10:1", "10:2", "20:1", "30:1", "30:2", "40:1", "40:2", "40:3"])
    }

    /// The SHA-256 of a feed copied straight into its table is known at its end: bytes loaded
    /// before are then undone and reported, and no load id is used up on the way.
    @Test(.dumaiDatabase) func bytesLoadedBeforeAreRecognisedAfterTheCopy() throws {
        let conn = try TestDatabase.connect()
        let lines = [Self.ketetapanHeader, "147200100300100010,2023,14.72.01.1003,900000", "147200100300100020,2023,14.72.01.1003,500000"]
        let first = try PBBFeedLoader().load([memoryFeed(.ketetapan, "k.csv", lines)], on: conn)
        #expect(first.feeds[0].status == .loaded(loadID: 1, added: 2, replaced: 0, unchanged: 0))
        // The rows gone (as after a restore of an older dump): the table is empty, the load known.
        try conn.execute("DELETE FROM pbb_ketetapan")
        let again = try PBBFeedLoader().load([memoryFeed(.ketetapan, "k-again.csv", lines)], on: conn)
        #expect(again.feeds[0].status == .alreadyLoaded(loadID: 1, loadedAt: again.feeds[0].status.loadedAt ?? "?"))
        #expect(again.cities.isEmpty)
        #expect(try conn.queryValue(Int64.self, "SELECT count(*) FROM pbb_ketetapan") == 0)
        let headerOnly = try PBBFeedLoader().load([memoryFeed(.ketetapan, "empty.csv", [Self.ketetapanHeader])], on: conn)
        #expect(headerOnly.feeds[0].status == .loaded(loadID: 2, added: 0, replaced: 0, unchanged: 0))
        let headerAgain = try PBBFeedLoader().load([memoryFeed(.ketetapan, "empty-again.csv", [Self.ketetapanHeader])], on: conn)
        #expect(headerAgain.feeds[0].status.loadedAt != nil)
        let next = try PBBFeedLoader().load([memoryFeed(.ketetapan, "k2.csv", [Self.ketetapanHeader, lines[1]])], on: conn)
        #expect(next.feeds[0].status == .loaded(loadID: 3, added: 1, replaced: 0, unchanged: 0))
    }

    /// The HTTP API loads in the caller's access scope (`prepareTransaction`), where row-level
    /// security applies to the PBB tables: COPY FROM is refused there and the role may not drop
    /// keys, so the feeds are staged and merged with INSERT ... SELECT, policies checking each row.
    @Test(.dumaiDatabase) func underRowLevelSecurityFeedsAreStagedAndChecked() throws {
        let conn = try TestDatabase.connect()
        let role = "rekap_pbb_rls_test"
        // Roles belong to the cluster, which parallel suites share.
        try conn.execute(PGQuery(unsafeSQL: """
            DO $$ BEGIN CREATE ROLE \(role) NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
            """))
        for statement in [
            "GRANT SELECT, INSERT, UPDATE ON pbb_load, pbb_ketetapan, pbb_pembayaran TO \(role)",
            "GRANT SELECT ON region TO \(role)",
            "ALTER TABLE pbb_ketetapan ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE pbb_pembayaran ENABLE ROW LEVEL SECURITY",
            // Everything but the year 2099, so the test can see the policies at work.
            "CREATE POLICY pbb_test ON pbb_ketetapan TO \(role) USING (true) WITH CHECK (tahun <> 2099)",
            "CREATE POLICY pbb_test ON pbb_pembayaran TO \(role) USING (true) WITH CHECK (tahun <> 2099)",
            // 0006_access puts pbb_load under row-level security too (for rekap_api).
            "CREATE POLICY pbb_test ON pbb_load TO \(role) USING (true) WITH CHECK (true)",
        ] {
            try conn.execute(PGQuery(unsafeSQL: statement))
        }
        let constraints = "SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' ORDER BY conname) FROM pg_constraint WHERE conrelid::regclass::text LIKE 'pbb%'"
        let constraintsBefore = try conn.queryValue(String.self, PGQuery(unsafeSQL: constraints))
        // Bulk threshold 1 and feeds that could be read again: the owner would copy them straight
        // into the tables without their keys.
        let loader = PBBFeedLoader(bulkThreshold: 1, prepareTransaction: { conn in
            try conn.execute(PGQuery(unsafeSQL: "SET LOCAL ROLE \(role)"))
            #expect(try conn.queryValue(Bool.self, "SELECT row_security_active('pbb_ketetapan')") == true)
        })
        let feeds = GeneratedFeeds(objects: 300, seed: 8)
        let result = try loader.load([memoryFeed(.ketetapan, "k.csv", feeds.ketetapan), memoryFeed(.pembayaran, "p.csv", feeds.pembayaran)], on: conn)
        #expect(result.feeds.map(\.status) == [.loaded(loadID: 1, added: 300, replaced: 0, unchanged: 0),
                                              .loaded(loadID: 2, added: feeds.pembayaran.count - 1, replaced: 0, unchanged: 0)])
        #expect(try conn.queryValue(String.self, PGQuery(unsafeSQL: constraints)) == constraintsBefore)
        #expect(try totals(conn)[0] == "300")

        // Replacing an assessment and a cumulative re-export go through the policies too.
        let replaced = feeds.ketetapan[1].split(separator: ",").prefix(3).joined(separator: ",") + ",123000"
        let again = try loader.load([memoryFeed(.ketetapan, "k2.csv", [Self.ketetapanHeader, replaced]),
                                     memoryFeed(.pembayaran, "p2.csv", feeds.pembayaran + [feeds.pembayaran[1]])], on: conn)
        #expect(again.feeds.map(\.status) == [.loaded(loadID: 3, added: 0, replaced: 1, unchanged: 0),
                                             .loaded(loadID: 4, added: 1, replaced: 0, unchanged: feeds.pembayaran.count - 1)])

        let before = try totals(conn)
        do {
            _ = try loader.load([memoryFeed(.ketetapan, "k2099.csv", [Self.ketetapanHeader, "147200100300100010,2099,14.72.01.1003,5000"])], on: conn)
            Issue.record("a row the policy refuses was stored")
        } catch let error as PGError {
            #expect(error.sqlState == .insufficientPrivilege, "\(error)")
        }
        #expect(try totals(conn) == before)
    }

    @Test(.dumaiDatabase) func laterKetetapanReplacesTheAssessment() throws {
        let conn = try TestDatabase.connect()
        _ = try PBBFeedLoader().load([memoryFeed(.ketetapan, "k1.csv", [
            Self.ketetapanHeader, "147200100300100010,2023,14.72.01.1003,900000", "147200100300100020,2023,14.72.01.1003,500000",
        ])], on: conn)
        let result = try PBBFeedLoader().load([memoryFeed(.ketetapan, "k2.csv", [
            Self.ketetapanHeader, "147200100300100010,2023,14.72.01.1003,950000", "147200100300100020,2023,14.72.01.1003,500000",
            "147200100300100030,2023,14.72.01.1003,70000", "147200100300100010,2024,14.72.01.1003,990000",
        ])], on: conn)
        #expect(result.feeds[0].status == .loaded(loadID: 2, added: 2, replaced: 1, unchanged: 1))
        #expect(result.years == [2023, 2024])
        let rows = try conn.query("SELECT nop, tahun, pokok::numeric(20, 0)::text AS pokok, load_id FROM pbb_ketetapan ORDER BY nop, tahun").map {
            "\(try $0.decode(String.self, column: "nop")) \(try $0.decode(Int.self, column: "tahun")) \(try $0.decode(String.self, column: "pokok")) \(try $0.decode(Int.self, column: "load_id"))"
        }
        #expect(rows == [
            "147200100300100010 2023 950000 2", "147200100300100010 2024 990000 2",
            "147200100300100020 2023 500000 1", "147200100300100030 2023 70000 2",
        ])
    }

    @Test(.dumaiDatabase) func orphanPaymentsAreKeptListedAndResolvedByTheirKetetapan() throws {
        let conn = try TestDatabase.connect()
        _ = try PBBFeedLoader().load([memoryFeed(.pembayaran, "p.csv", [
            Self.pembayaranHeader, "147200100300100010,2023,2023-05-01,100000,0", "147200100300100010,2023,2023-09-20,50000,1000",
            "147200200100100010,2023,2023-05-02,70000,0", "147200100300100010,2022,2023-01-10,80000,4000",
            "147300100100100010,2023,2023-05-02,10000,0",
        ])], on: conn)
        let orphans = try PBBOrphans.list(city: "14.72", year: 2023, on: conn)
        #expect(orphans.payments.map(\.nop) == ["147200100300100010", "147200100300100010", "147200200100100010"])
        #expect(orphans.payments.map(\.pokok) == ["100000", "50000", "70000"])
        #expect(orphans.totalPokok == "220000" && orphans.totalDenda == "1000")

        _ = try PBBFeedLoader().load([memoryFeed(.ketetapan, "k.csv", [
            Self.ketetapanHeader, "147200100300100010,2023,14.72.01.1003,150000",
        ])], on: conn)
        let after = try PBBOrphans.list(city: "14.72", year: 2023, on: conn)
        #expect(after.payments.map(\.nop) == ["147200200100100010"])
        #expect(after.totalPokok == "70000" && after.totalDenda == "0")
        #expect(try PBBOrphans.list(city: "14.72", year: 2022, on: conn).payments.count == 1)
        #expect(try conn.queryValue(Int64.self, "SELECT count(*) FROM pbb_pembayaran") == 5)
    }

    @Test(.dumaiDatabase) func aLoadNotifiesTheConsolidationDaemon() async throws {
        let client = PGClient(configuration: try TestDatabase.configuration)
        let notifications = try await client.notifications(channels: [PBBFeedLoader.channel])
        let feeds = GeneratedFeeds(objects: 50, seed: 3, year: 2024)
        // A payment naming a city that does not exist (99.99) is kept but triggers no recompute.
        let result = try await PBBFeedLoader().load([
            memoryFeed(.ketetapan, "k.csv", feeds.ketetapan),
            memoryFeed(.pembayaran, "p.csv", feeds.pembayaran + ["999900100300100010,2023,2023-05-01,1000,0"]),
        ], client: client)
        #expect(result.cities == ["14.72"] && result.years == [2023, 2024])
        for try await note in notifications {
            #expect(note.payload == #"{"cities":["14.72"],"years":[2023,2024]}"#)
            break
        }
        notifications.stop()
        await client.close()
    }

    @Test(.dumaiDatabase) func progressIsReported() throws {
        // Small, so it stays light next to tests that measure this process's memory.
        let feeds = GeneratedFeeds(objects: 5_000, seed: 9)
        let conn = try TestDatabase.connect()
        let seen = ProgressLog()
        _ = try PBBFeedLoader(progress: { seen.append($0) }).load([memoryFeed(.ketetapan, "k.csv", feeds.ketetapan)], on: conn)
        let merges = seen.all.filter(\.merging)
        #expect(merges.map(\.rows) == [5_000])
        #expect(seen.all.allSatisfy { $0.name == "k.csv" && $0.kind == .ketetapan })
    }
}

/// Progress reports collected across threads.
final class ProgressLog: Sendable {
    private let items = Mutex<[PBBLoadProgress]>([])
    func append(_ item: PBBLoadProgress) { items.withLock { $0.append(item) } }
    var all: [PBBLoadProgress] { items.withLock { $0 } }
}

extension PBBFeedRejection {
    /// The listed bad lines of every file.
    var problems: [LineProblem] { files.flatMap(\.problems) }
}

extension PBBFeedOutcome.Status {
    var loadedAt: String? {
        if case .alreadyLoaded(_, let at) = self { return at }
        return nil
    }
}
