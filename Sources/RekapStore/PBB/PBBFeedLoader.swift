import PostgresLibPQ
import RekapDomain

/// Bulk-loads PBB-P2 ketetapan and pembayaran feeds (contract §2) in one transaction.
///
/// Each feed is streamed once through ``CSVReader``: every line is checked on its bytes
/// (``PBBFeedRowChecker``), valid records go unchanged, prefixed with their line number, to
/// `COPY ... FROM STDIN (FORMAT csv)` into a temporary staging table, and the bytes are hashed
/// on the way. Then set-based SQL checks what needs the database (kelurahan known to the
/// registry, one ketetapan per object and year) and merges into `pbb_ketetapan` /
/// `pbb_pembayaran` with `INSERT ... SELECT ... ON CONFLICT`. Memory stays flat whatever the
/// file size: no rows are collected, and the listing of bad lines is capped.
///
/// - Any bad line in any feed: everything is rolled back, and ``PBBFeedRejection`` lists the bad
///   lines (line number and reason; at most ``maxListedBadLines`` per file, then "and N more").
/// - A feed whose bytes were loaded before (same kind and SHA-256) is reported as
///   ``PBBFeedOutcome/Status/alreadyLoaded(loadID:loadedAt:)`` and changes nothing.
/// - A ketetapan replaces the stored one for the same NOP and tahun. A payment is stored once
///   however often it is loaded: identical rows within one file are told apart by their
///   occurrence number `seq`, so a cumulative re-export adds only the new payments.
/// - After a load that stored something, `pg_notify('rekap_pbb_load', '{"cities":[...],"years":[...]}')`
///   is sent (on commit) so the consolidation daemon recomputes.
public struct PBBFeedLoader: Sendable {
    /// The notification channel told about every successful load.
    public static let channel = "rekap_pbb_load"

    /// Bad lines listed per file before "and N more".
    public var maxListedBadLines: Int
    /// Called now and then from the loading thread while feeds are read and merged.
    public var progress: (@Sendable (PBBLoadProgress) -> Void)?
    /// A load that adds at least this many rows to a table ANALYZEs it, so plans fit at once.
    public var analyzeThreshold: Int
    /// A load of at least this many rows into an empty table drops the table's indexes and keys
    /// and builds them afterwards (see ``TableKeys``); readers of the table wait until it commits.
    public var bulkThreshold: Int

    public init(
        maxListedBadLines: Int = 50, analyzeThreshold: Int = 100_000, bulkThreshold: Int = 100_000,
        progress: (@Sendable (PBBLoadProgress) -> Void)? = nil
    ) {
        self.maxListedBadLines = max(1, maxListedBadLines)
        self.analyzeThreshold = analyzeThreshold
        self.bulkThreshold = bulkThreshold
        self.progress = progress
    }

    /// Loads `feeds` on a pooled connection; see ``load(_:on:)``.
    public func load(_ feeds: [PBBFeed], client: PGClient) async throws -> PBBLoadResult {
        try await client.withConnection { connection in try self.load(feeds, on: connection) }
    }

    /// Loads `feeds` (ketetapan first, whatever the order given) in one transaction on
    /// `connection`, which must not be inside a transaction already.
    ///
    /// Throws ``PBBFeedRejection`` when any line is bad (nothing stored), a
    /// ``ByteSourceError`` when a feed cannot be read, or a `PGError`.
    public func load(_ feeds: [PBBFeed], on connection: PGConnection) throws -> PBBLoadResult {
        let ordered = feeds.filter { $0.kind == .ketetapan } + feeds.filter { $0.kind == .pembayaran }
        return try connection.transaction { conn in
            // Loads take turns (this mode conflicts with itself, not with readers), so what a load
            // finds stored ("nothing yet for these years": the plain INSERT of `insertRows`) stays true
            // until it commits.
            try conn.execute("LOCK TABLE pbb_load, pbb_ketetapan, pbb_pembayaran IN SHARE ROW EXCLUSIVE MODE")
            // Sorting for the occurrence numbers and the checks is done in memory, not on disk,
            // and so are index builds of a bulk load.
            try conn.execute("SET LOCAL work_mem = '256MB'")
            try conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
            // Staging tables of a province (hundreds of MB) stay in memory rather than go through
            // 8 MB of local buffers. Possible only before the session's first temporary table.
            _ = try? conn.transaction { try $0.execute("SET temp_buffers = '256MB'") }
            var staged: [StagedFeed] = []
            for (index, feed) in ordered.enumerated() {
                staged.append(try stage(feed, table: "pbb_stage_\(index)", on: conn))
            }
            // Lines are all checked before anything is merged, so every bad line is reported.
            for index in staged.indices {
                if staged[index].badLines.isEmpty {
                    staged[index].previousLoad = try previousLoad(of: staged[index], on: conn)
                }
                if staged[index].previousLoad == nil, staged[index].feed.kind == .ketetapan {
                    try checkKelurahanKnown(&staged[index], on: conn)
                }
            }
            if staged.contains(where: { !$0.badLines.isEmpty }) {
                // Rejected anyway: list the repeated objects too, which a clean file learns at merge.
                for index in staged.indices where staged[index].feed.kind == .ketetapan && staged[index].previousLoad == nil {
                    try findRepeatedObjects(&staged[index], on: conn)
                }
            }
            try rejectIfBad(staged)

            var outcomes: [PBBFeedOutcome] = []
            var cities = Set<String>()
            var years = Set<Int>()
            for index in staged.indices {
                // Asked again: an earlier feed of this same load may have had the same bytes.
                staged[index].previousLoad = try staged[index].previousLoad ?? previousLoad(of: staged[index], on: conn)
                let feed = staged[index]
                if let previous = feed.previousLoad {
                    outcomes.append(feed.outcome(.alreadyLoaded(loadID: previous.id, loadedAt: previous.loadedAt)))
                    continue
                }
                report(feed, merging: true)
                guard let status = try merge(&staged[index], on: conn) else { continue }
                outcomes.append(feed.outcome(status))
                cities.formUnion(feed.cities)
                years.formUnion(feed.years)
            }
            try rejectIfBad(staged)

            // Only cities the registry knows: a payment's NOP may name no real city.
            let knownCities = cities.isEmpty ? [] : try conn.query("""
                SELECT code FROM region WHERE level = 2 AND code = ANY (string_to_array(\(cities.sorted().joined(separator: ",")), ','))
                ORDER BY code
                """).map { try $0.decode(String.self, at: 0) }
            let result = PBBLoadResult(feeds: outcomes, cities: knownCities, years: knownCities.isEmpty ? [] : years.sorted())
            try notify(cities: result.cities, years: result.years, on: conn)
            return result
        }
    }

    /// Tells the consolidation daemon which cities and years to recompute (delivered on commit);
    /// split by year when one message would name more than the daemon takes at once.
    private func notify(cities: [String], years: [Int], on conn: PGConnection) throws {
        guard !cities.isEmpty, !years.isEmpty else { return }
        let yearGroups = cities.count * years.count <= Self.maxTargetsPerNotification ? [years] : years.map { [$0] }
        for group in yearGroups {
            let payload = JSONWriter.string(.object([
                JSONMember(key: "cities", value: .array(cities.map { .string($0) })),
                JSONMember(key: "years", value: .array(group.map { .number(String($0)) })),
            ]), indent: nil)
            try conn.notify(channel: Self.channel, payload: payload)
        }
    }

    /// The most cities × years `rekapd` accepts in one notification.
    static let maxTargetsPerNotification = ConsolidationTrigger.maximumTargets

    // MARK: - Staging

    /// One feed read into its staging table.
    struct StagedFeed {
        let feed: PBBFeed
        let table: String
        var rows = 0
        var bytes = 0
        var sha256: [UInt8] = []
        var badLines: LineProblemList
        var cities = Set<String>()
        var years = Set<Int>()
        /// Distinct kelurahan codes (ketetapan); nil when too many to keep, then SQL finds them.
        var kelurahan: Set<String>? = []
        var previousLoad: (id: Int64, loadedAt: String)?

        func outcome(_ status: PBBFeedOutcome.Status) -> PBBFeedOutcome {
            PBBFeedOutcome(kind: feed.kind, name: feed.name, sha256: SHA256.hexString(sha256), rows: rows, bytes: bytes, status: status)
        }
    }

    private static func stagingColumns(_ kind: PBBFeedKind) -> String {
        switch kind {
        case .ketetapan: "line bigint, nop text, tahun integer, kelurahan text, pokok numeric"
        case .pembayaran: "line bigint, nop text, tahun integer, tanggal date, pokok numeric, denda numeric"
        }
    }

    private func stage(_ feed: PBBFeed, table: String, on conn: PGConnection) throws -> StagedFeed {
        try conn.execute("CREATE TEMP TABLE \(identifier: table) (\(unsafeRaw: Self.stagingColumns(feed.kind))) ON COMMIT DROP")
        var staged = StagedFeed(feed: feed, table: table, badLines: LineProblemList(cap: maxListedBadLines))
        let columns = "line, " + feed.kind.columns.joined(separator: ", ")
        let copy: PGQuery = "COPY pg_temp.\(identifier: table) (\(unsafeRaw: columns)) FROM STDIN (FORMAT csv)"
        try conn.copyIn(copy) { writer in
            try stream(feed.open(), into: writer, &staged)
        }
        return staged
    }

    /// Why reading stops before the end of a file.
    private struct StopReading: Error {}

    /// Reads, checks and forwards one feed; `source` is generic so the reader's loop is specialised.
    private func stream<Source: ByteSource>(_ source: Source, into writer: PGCopyWriter, _ staged: inout StagedFeed) throws {
        var hashing = HashingSource(source)
        var checker = PBBFeedRowChecker(kind: staged.feed.kind)
        let reader = CSVReader()
        var batch: [UInt8] = []
        let batchSize = 256 * 1024
        batch.reserveCapacity(batchSize + 4096)
        var headerSeen = false
        let clock = ContinuousClock()
        let started = clock.now
        var lastReport = started
        let isKetetapan = staged.feed.kind == .ketetapan
        // The last city and year seen: files are grouped by region, so the sets are rarely touched.
        var lastCity = ""
        var lastYear = -1

        do {
            try reader.forEachRecord(from: &hashing) { record in
                if !headerSeen {
                    headerSeen = true
                    if let reason = checker.checkHeader(record) {
                        // The columns are unknown: checking rows against them would only list noise.
                        staged.badLines.add(line: record.line, reason + "; reading stopped there")
                        throw StopReading()
                    }
                    return
                }
                if record.isEmptyLine { return }
                switch checker.check(record) {
                case .failure(let problem):
                    staged.badLines.add(line: record.line, problem.reason)
                case .success(let row):
                    staged.rows += 1
                    if row.city != lastCity {
                        lastCity = row.city
                        staged.cities.insert(row.city)
                    }
                    if row.tahun != lastYear {
                        lastYear = row.tahun
                        staged.years.insert(row.tahun)
                    }
                    if isKetetapan, let code = row.kelurahan, staged.kelurahan != nil {
                        staged.kelurahan!.insert(code)
                        if staged.kelurahan!.count > 100_000 { staged.kelurahan = nil }
                    }
                    // Forwarded even after a bad line, so the registry check covers every line.
                    Self.appendDecimal(record.line, to: &batch)
                    batch.append(UInt8(ascii: ","))
                    batch.append(contentsOf: record.raw)
                    batch.append(UInt8(ascii: "\n"))
                    if batch.count >= batchSize {
                        try writer.write(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                    if staged.rows & 0xFFFF == 0, let progress {
                        let now = clock.now
                        if now - lastReport >= .milliseconds(250) {
                            lastReport = now
                            progress(PBBLoadProgress(kind: staged.feed.kind, name: staged.feed.name, rows: staged.rows,
                                                     bytes: record.byteOffset, elapsed: now - started, merging: false))
                        }
                    }
                }
            }
        } catch is StopReading {
        } catch let error as CSVError {
            staged.badLines.add(line: error.line, "\(error.reason)")
        }
        if !headerSeen {
            staged.badLines.add(line: 1, "the file is empty; its first line must be the header \(staged.feed.kind.header)")
        }
        if !batch.isEmpty { try writer.write(batch) }
        staged.bytes = reader.bytesRead
        staged.sha256 = hashing.digest
    }

    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        let start = bytes.count
        var rest = value
        repeat {
            bytes.append(UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0"))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    private func report(_ staged: StagedFeed, merging: Bool) {
        progress?(PBBLoadProgress(kind: staged.feed.kind, name: staged.feed.name, rows: staged.rows, bytes: staged.bytes,
                                  elapsed: .zero, merging: merging))
    }

    // MARK: - Checks that need the database

    private func previousLoad(of staged: StagedFeed, on conn: PGConnection) throws -> (id: Int64, loadedAt: String)? {
        let rows = try conn.query("""
            SELECT id, to_char(loaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS loaded_at
            FROM pbb_load WHERE kind = \(staged.feed.kind.rawValue) AND sha256 = \(staged.sha256)
            """)
        guard let row = rows.first else { return nil }
        return (try row.decode(Int64.self, column: "id"), try row.decode(String.self, column: "loaded_at"))
    }

    /// Lines whose kelurahan is not a level-4 region in the registry are bad lines too.
    private func checkKelurahanKnown(_ staged: inout StagedFeed, on conn: PGConnection) throws {
        let table = staged.table
        let condition: PGQuery
        if let codes = staged.kelurahan {
            // A handful of distinct codes: ask the registry about them, not about every line.
            let list = codes.sorted().joined(separator: ",")
            let unknown = try conn.query("""
                SELECT c FROM unnest(string_to_array(\(list), ',')) AS c
                WHERE NOT EXISTS (SELECT 1 FROM region r WHERE r.code = c AND r.level = 4)
                """).map { try $0.decode(String.self, at: 0) }
            guard !unknown.isEmpty else { return }
            condition = "s.kelurahan = ANY (string_to_array(\(unknown.joined(separator: ",")), ','))"
        } else {
            condition = "NOT EXISTS (SELECT 1 FROM region r WHERE r.code = s.kelurahan AND r.level = 4)"
        }
        let rows = try conn.query("""
            SELECT line, kelurahan, count(*) OVER () AS total FROM pg_temp.\(identifier: table) s
            WHERE \(condition) ORDER BY line LIMIT \(maxListedBadLines)
            """)
        let lines = try rows.map { row in
            LineProblem(line: Int(try row.decode(Int64.self, column: "line")),
                        reason: "kelurahan \(try row.decode(String.self, column: "kelurahan")) is not a kelurahan or desa in the region registry")
        }
        let total = try rows.first.map { Int(try $0.decode(Int64.self, column: "total")) } ?? 0
        staged.badLines.merge(lines, total: total)
    }

    /// Inserts the staged rows into the final table, the cheapest way that is correct for what the
    /// table already holds. Returns how many rows were added and replaced, or nil when a ketetapan
    /// names an object twice (each attempt runs in a savepoint, so nothing of it remains).
    private func insertRows(of staged: StagedFeed, loadID: Int64, on conn: PGConnection) throws -> (added: Int, replaced: Int)? {
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
            // afterwards, each in one pass.
            if try staged.rows >= bulkThreshold
                && conn.queryValue(Bool.self, "SELECT NOT EXISTS (SELECT 1 FROM \(identifier: target))") ?? false
            {
                do {
                    return try conn.transaction { conn in
                        let keys = try TableKeys(of: target, on: conn)
                        try keys.drop(on: conn)
                        let inserted = try conn.execute(plainInsert)
                        try keys.recreate(on: conn)
                        return (inserted, 0)
                    }
                } catch let error as PGError where error.sqlState == "2BP01" {
                    // Another table's foreign key needs this table's key: go row by row below.
                }
            }
            // Nothing stored yet for these years (a year's first load): nothing to conflict with
            // but the file's own repeated objects, so a plain INSERT does, at half the cost of ON CONFLICT.
            let years = staged.years.sorted().map(String.init).joined(separator: ",")
            if try conn.queryValue(Bool.self, """
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

    /// A ketetapan file naming the same NOP and tahun twice contradicts itself: the later lines are bad.
    private func findRepeatedObjects(_ staged: inout StagedFeed, on conn: PGConnection) throws {
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

    private func rejectIfBad(_ staged: [StagedFeed]) throws {
        guard staged.contains(where: { !$0.badLines.isEmpty }) else { return }
        throw PBBFeedRejection(files: staged.filter { !$0.badLines.isEmpty }.map { $0.badLines.rejection(file: $0.feed.name) })
    }

    // MARK: - Merge

    /// Merges a staged feed into its table; nil (with bad lines added) when the feed
    /// contradicts itself.
    private func merge(_ staged: inout StagedFeed, on conn: PGConnection) throws -> PBBFeedOutcome.Status? {
        let loadID = try conn.queryValue(Int64.self, """
            INSERT INTO pbb_load (kind, file_name, sha256, row_count)
            VALUES (\(staged.feed.kind.rawValue), \(staged.feed.name), \(staged.sha256), \(staged.rows))
            RETURNING id
            """)!
        guard let (added, replaced) = try insertRows(of: staged, loadID: loadID, on: conn) else {
            try findRepeatedObjects(&staged, on: conn)
            return nil
        }
        if added + replaced >= analyzeThreshold {
            try conn.execute("ANALYZE \(identifier: staged.feed.kind.table)")
        }
        try conn.execute("DROP TABLE pg_temp.\(identifier: staged.table)")
        return .loaded(loadID: loadID, added: added, replaced: replaced, unchanged: staged.rows - added - replaced)
    }
}
