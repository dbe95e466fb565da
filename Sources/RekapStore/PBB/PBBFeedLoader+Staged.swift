import PostgresLibPQ
import RekapDomain

/// The staged way: lines with their numbers in a temporary table, then set-based SQL.
extension PBBFeedLoader {
    /// The final tables' types (whole rupiah as bigint): a numeric staging column would be
    /// rounded by the cast into bigint where a fraction has to be refused.
    private static func stagingColumns(_ kind: PBBFeedKind) -> String {
        switch kind {
        case .ketetapan: "line bigint, nop text, tahun integer, kelurahan text, pokok bigint"
        case .pembayaran: "line bigint, nop text, tahun integer, tanggal date, pokok bigint, denda bigint"
        }
    }

    /// Reads `feed` into a new temporary table `table`, each valid line with its line number.
    func stage(_ feed: PBBFeed, table: String, knownKelurahan: Set<String>?, on conn: PGConnection) throws -> ReadFeed {
        try conn.execute("CREATE TEMP TABLE \(identifier: table) (\(unsafeRaw: Self.stagingColumns(feed.kind))) ON COMMIT DROP")
        var staged = ReadFeed(feed: feed, table: table, maxListedBadLines: maxListedBadLines)
        let columns = "line, " + feed.kind.columns.joined(separator: ", ")
        let copy: PGQuery = "COPY pg_temp.\(identifier: table) (\(unsafeRaw: columns)) FROM STDIN (FORMAT csv)"
        try conn.copyIn(copy) { writer in
            try stream(feed.open(), into: writer, &staged, target: .staging, knownKelurahan: knownKelurahan)
        }
        return staged
    }

    /// A ketetapan file naming the same NOP and tahun twice contradicts itself: the later lines are bad.
    func findRepeatedObjects(_ staged: inout ReadFeed, on conn: PGConnection) throws {
        let rows = try conn.query("""
            SELECT line, nop, tahun, first_line, count(*) OVER () AS total FROM (
                SELECT line, nop, tahun, min(line) OVER (PARTITION BY nop, tahun) AS first_line FROM pg_temp.\(identifier: staged.table)
            ) d
            WHERE line > first_line ORDER BY line LIMIT \(maxListedBadLines)
            """)
        let lines = try rows.map { row in
            LineProblem(line: Int(try row.decode(Int64.self, column: "line")),
                        reason: "nop \(try row.decode(String.self, column: "nop")) tahun \(try row.decode(Int.self, column: "tahun")) "
                            + "is assessed already on line \(try row.decode(Int64.self, column: "first_line"))")
        }
        staged.badLines.merge(lines, total: try rows.first.map { Int(try $0.decode(Int64.self, column: "total")) } ?? 0)
    }

    /// Merges a staged feed into its table; nil (with bad lines added) when the feed
    /// contradicts itself.
    func merge(_ staged: inout ReadFeed, access: TableAccess, on conn: PGConnection) throws -> PBBFeedOutcome.Status? {
        let loadID = try recordLoad(staged, on: conn)
        guard let (added, replaced) = try insertRows(of: staged, loadID: loadID, access: access, on: conn) else {
            try findRepeatedObjects(&staged, on: conn)
            return nil
        }
        if added + replaced >= analyzeThreshold && access.ownsTable {
            try conn.execute("ANALYZE \(identifier: staged.feed.kind.table)")
        }
        try conn.execute("DROP TABLE pg_temp.\(identifier: staged.table)")
        return .loaded(loadID: loadID, added: added, replaced: replaced, unchanged: staged.rows - added - replaced)
    }

    /// Inserts the staged rows into the final table, the cheapest way that is correct for what the
    /// table already holds. Returns how many rows were added and replaced, or nil when a ketetapan
    /// names an object twice (each attempt runs in a savepoint, so nothing of it remains).
    private func insertRows(of staged: ReadFeed, loadID: Int64, access: TableAccess, on conn: PGConnection) throws -> (added: Int, replaced: Int)? {
        let table = staged.table
        let target = staged.feed.kind.table
        let plainInsert: PGQuery = staged.feed.kind == .ketetapan
            ? """
                INSERT INTO pbb_ketetapan (nop, tahun, kelurahan_code, pokok, load_id)
                SELECT nop, tahun, kelurahan, pokok, \(loadID) FROM pg_temp.\(identifier: table)
                """
            : """
                INSERT INTO pbb_pembayaran (nop, tahun, tanggal, pokok, denda, seq, load_id)
                SELECT nop, tahun, tanggal, pokok, denda,
                       row_number() OVER (PARTITION BY nop, tahun, tanggal, pokok, denda ORDER BY line), \(loadID)
                FROM pg_temp.\(identifier: table)
                """
        do {
            // A big load into an empty table: its indexes are built and its foreign keys checked
            // afterwards, each in one pass. Only by the owner, and never under row-level security.
            if staged.rows >= bulkThreshold, access.ownsTable, !access.rowSecurity, try isEmpty(target, on: conn) {
                let inserted: Int? = try conn.transaction { conn in
                    guard let keys = try droppedKeys(of: target, on: conn) else { return nil }
                    let inserted = try conn.execute(plainInsert)
                    try keys.recreate(on: conn)
                    return inserted
                }
                if let inserted { return (inserted, 0) }
                // Another table's foreign key needs this table's key: go row by row below.
            }
            // Nothing stored yet for these years (a year's first load): nothing to conflict with
            // but the file's own repeated objects, so a plain INSERT does, at half the cost of ON
            // CONFLICT. Not under row-level security, where stored rows may be hidden from the role.
            let years = staged.years.sorted().map(String.init).joined(separator: ",")
            if try !access.rowSecurity && conn.queryValue(Bool.self, """
                SELECT NOT EXISTS (SELECT 1 FROM \(identifier: target) WHERE tahun = ANY (string_to_array(\(years), ',')::int[]))
                """) ?? false
            {
                return (try conn.transaction { conn in try conn.execute(plainInsert) }, 0)
            }
            switch staged.feed.kind {
            case .ketetapan:
                // A later ketetapan replaces the stored one; an unchanged one is left alone.
                let counts = try conn.transaction { conn in
                    try conn.query("""
                        WITH merged AS (
                            INSERT INTO pbb_ketetapan AS k (nop, tahun, kelurahan_code, pokok, load_id)
                            SELECT nop, tahun, kelurahan, pokok, \(loadID) FROM pg_temp.\(identifier: table)
                            ON CONFLICT (nop, tahun) DO UPDATE
                                SET kelurahan_code = EXCLUDED.kelurahan_code, pokok = EXCLUDED.pokok, load_id = EXCLUDED.load_id
                                WHERE (k.kelurahan_code, k.pokok) IS DISTINCT FROM (EXCLUDED.kelurahan_code, EXCLUDED.pokok)
                            RETURNING (xmax = 0) AS inserted)
                        SELECT count(*) FILTER (WHERE inserted) AS added, count(*) FILTER (WHERE NOT inserted) AS replaced
                        FROM merged
                        """)
                }
                return (Int(try counts[0].decode(Int64.self, column: "added")), Int(try counts[0].decode(Int64.self, column: "replaced")))
            case .pembayaran:
                // A payment already stored (same content and occurrence number) is not added again.
                return (try conn.execute(plainInsert + " ON CONFLICT (nop, tahun, tanggal, pokok, denda, seq) DO NOTHING"), 0)
            }
        } catch let error as PGError where staged.feed.kind == .ketetapan && (error.sqlState == .uniqueViolation || error.sqlState == "21000") {
            // The primary key (plain INSERT, bulk) or ON CONFLICT (21000: a row affected twice)
            // met the same NOP and tahun twice in the file.
            return nil
        }
    }
}
