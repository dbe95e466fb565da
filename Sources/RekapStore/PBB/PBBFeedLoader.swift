import PostgresLibPQ
import RekapDomain

/// Bulk-loads PBB-P2 ketetapan and pembayaran feeds (contract §2) in one transaction.
///
/// Each feed is streamed once through ``CSVReader``: every line is checked on its bytes
/// (``PBBFeedRowChecker``, with the registry's kelurahan codes read once), valid records go to
/// `COPY ... FROM STDIN (FORMAT csv)`, and the bytes are hashed on the way. Memory stays flat
/// whatever the file size: no rows are collected, and the listing of bad lines is capped.
/// Where the rows go:
///
/// - Straight into `pbb_ketetapan` / `pbb_pembayaran` (``loadDirectly(_:knownKelurahan:on:)``),
///   each record with its load id (and a payment with its occurrence number) appended: one write,
///   and into an empty table without its keys, which are built afterwards. This holds whenever the
///   file is clean and adds only rows the table does not have, which the table's keys check.
/// - Otherwise (a bad line, a repeated object, rows already stored, row-level security or a role
///   not owning the table, a feed that can be read only once) through a temporary staging table, each record prefixed with its
///   line number; set-based SQL then finds the lines at fault or merges with
///   `INSERT ... SELECT ... ON CONFLICT` (``stage(_:table:knownKelurahan:on:)``).
///
/// The promises, whichever way a feed goes:
/// - Any bad line in any feed: everything is rolled back, and ``PBBFeedRejection`` lists the bad
///   lines (line number and reason; at most ``maxListedBadLines`` per file, then "and N more").
/// - A feed whose bytes were loaded before (same kind and SHA-256; in a revenue scope, by the same
///   city) is reported as ``PBBFeedOutcome/Status/alreadyLoaded(loadID:loadedAt:)`` and changes nothing.
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
    /// A staged load of at least this many rows into an empty table drops the table's indexes and
    /// keys and builds them afterwards (see ``TableKeys``); readers of the table wait until it
    /// commits. A feed copied straight into an empty table always does so (its size is known only
    /// at its end).
    public var bulkThreshold: Int
    /// Called first inside the load's transaction, before anything else in it: the HTTP API enters
    /// the caller's access scope there. When row-level security then applies to a PBB table, its
    /// feeds go through staging and `INSERT ... SELECT` (COPY FROM is refused on such a table), and
    /// keys are dropped only by the table's owner.
    public var prepareTransaction: (@Sendable (PGConnection) throws -> Void)?

    public init(
        maxListedBadLines: Int = 50, analyzeThreshold: Int = 100_000, bulkThreshold: Int = 100_000,
        prepareTransaction: (@Sendable (PGConnection) throws -> Void)? = nil,
        progress: (@Sendable (PBBLoadProgress) -> Void)? = nil
    ) {
        self.maxListedBadLines = max(1, maxListedBadLines)
        self.analyzeThreshold = analyzeThreshold
        self.bulkThreshold = bulkThreshold
        self.prepareTransaction = prepareTransaction
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
        // Read before the transaction, as the connection's own role (the registry is public
        // knowledge whatever scope the transaction enters): lines are checked against it while
        // they stream, when the connection is busy with the COPY.
        let knownKelurahan = ordered.contains { $0.kind == .ketetapan } ? try Self.knownKelurahan(on: connection) : nil
        return try connection.transaction { conn in
            try prepareTransaction?(conn)
            // Loads take turns (this mode conflicts with itself, not with readers), so what a load
            // finds stored (an empty table, the next load id) stays true until it commits.
            try conn.execute("LOCK TABLE pbb_load, pbb_ketetapan, pbb_pembayaran IN SHARE ROW EXCLUSIVE MODE")
            // Sorting for the occurrence numbers and the checks is done in memory, not on disk,
            // and so are index builds of a bulk load.
            try conn.execute("SET LOCAL work_mem = '256MB'")
            try conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
            // Staging tables of a province (hundreds of MB) stay in memory rather than go through
            // 8 MB of local buffers. Possible only before the session's first temporary table (the
            // savepoint keeps a refusal from aborting the load). LOCAL: the connection goes back to
            // a pool, and the next user of the session must not inherit the setting.
            _ = try? conn.transaction { try $0.execute("SET LOCAL temp_buffers = '256MB'") }

            var outcomes: [PBBFeedOutcome] = []
            var rejections: [RejectedFile] = []
            var cities = Set<String>()
            var years = Set<Int>()
            for (index, feed) in ordered.enumerated() {
                let access = try TableAccess(of: feed.kind.table, on: conn)
                // Once the load is rejected, the other feeds are only read for their bad lines.
                if rejections.isEmpty, feed.canReopen, access.ownsTable, !access.rowSecurity,
                    let direct = try loadDirectly(feed, knownKelurahan: knownKelurahan, on: conn)
                {
                    let (read, status) = direct
                    outcomes.append(read.outcome(status))
                    if case .loaded = status {
                        cities.formUnion(read.cities)
                        years.formUnion(read.years)
                    }
                    continue
                }
                var staged = try stage(feed, table: "pbb_stage_\(index)", knownKelurahan: knownKelurahan, on: conn)
                if staged.badLines.isEmpty, let previous = try previousLoad(of: staged, on: conn) {
                    outcomes.append(staged.outcome(.alreadyLoaded(loadID: previous.id, loadedAt: previous.loadedAt)))
                    continue
                }
                if !rejections.isEmpty || !staged.badLines.isEmpty {
                    // Rejected anyway: list the repeated objects too, which a clean file learns at merge.
                    if feed.kind == .ketetapan { try findRepeatedObjects(&staged, on: conn) }
                } else {
                    report(staged, merging: true)
                    if let status = try merge(&staged, access: access, on: conn) {
                        outcomes.append(staged.outcome(status))
                        cities.formUnion(staged.cities)
                        years.formUnion(staged.years)
                        continue
                    }
                }
                if !staged.badLines.isEmpty { rejections.append(staged.badLines.rejection(file: feed.name)) }
            }
            if !rejections.isEmpty { throw PBBFeedRejection(files: rejections) }

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

    /// The registry's kelurahan and desa codes (some 84,000 for the whole country: about 2 MB).
    static func knownKelurahan(on conn: PGConnection) throws -> Set<String> {
        var codes = Set<String>()
        for row in try conn.query("SELECT code FROM region WHERE level = 4") {
            codes.insert(try row.decode(String.self, at: 0))
        }
        return codes
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

    func report(_ read: ReadFeed, merging: Bool) {
        progress?(PBBLoadProgress(kind: read.feed.kind, name: read.feed.name, rows: read.rows, bytes: read.bytes,
                                  elapsed: .zero, merging: merging))
    }

    // MARK: - Shared by both ways

    /// The load (id and time) that stored these bytes of this kind before, if any. In a revenue
    /// scope only the city's own loads are visible (row-level security): another city's load of
    /// the same bytes is not reported, nor told to exist.
    func previousLoad(of read: ReadFeed, on conn: PGConnection) throws -> (id: Int64, loadedAt: String)? {
        let rows = try conn.query("""
            SELECT id, to_char(loaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS loaded_at
            FROM pbb_load WHERE kind = \(read.feed.kind.rawValue) AND sha256 = \(read.sha256)
            ORDER BY id LIMIT 1
            """)
        guard let row = rows.first else { return nil }
        return (try row.decode(Int64.self, column: "id"), try row.decode(String.self, column: "loaded_at"))
    }

    /// Records the load of `read` in `pbb_load` and returns its id: `id` when given (written into
    /// the rows already), the next of the identity otherwise. The load belongs to the city of the
    /// transaction's access scope (a revenue token's), to no city for the owner (`rekap pbb load`).
    func recordLoad(_ read: ReadFeed, id: Int64? = nil, on conn: PGConnection) throws -> Int64 {
        guard let id else {
            return try conn.queryValue(Int64.self, """
                INSERT INTO pbb_load (kind, file_name, sha256, row_count, city_code)
                VALUES (\(read.feed.kind.rawValue), \(read.feed.name), \(read.sha256), \(read.rows), nullif(rekap_scope_region(), ''))
                RETURNING id
                """)!
        }
        try conn.execute("""
            INSERT INTO pbb_load (id, kind, file_name, sha256, row_count, city_code) OVERRIDING SYSTEM VALUE
            VALUES (\(id), \(read.feed.kind.rawValue), \(read.feed.name), \(read.sha256), \(read.rows), nullif(rekap_scope_region(), ''))
            """)
        _ = try conn.query("SELECT setval(pg_get_serial_sequence('pbb_load', 'id'), \(id))")
        return id
    }

    /// Drops `table`'s keys and indexes for a bulk load, to be rebuilt with ``TableKeys/recreate(on:)``;
    /// nil, with nothing dropped, when another table's foreign key needs them.
    func droppedKeys(of table: String, on conn: PGConnection) throws -> TableKeys? {
        do {
            return try conn.transaction { conn in
                let keys = try TableKeys(of: table, on: conn)
                try keys.drop(on: conn)
                return keys
            }
        } catch let error as PGError where error.sqlState == "2BP01" {
            return nil
        }
    }

    func isEmpty(_ table: String, on conn: PGConnection) throws -> Bool {
        try conn.queryValue(Bool.self, "SELECT NOT EXISTS (SELECT 1 FROM \(identifier: table))") ?? false
    }
}

/// What the transaction's role may do with a PBB table.
struct TableAccess {
    /// Row-level security applies to the role: COPY FROM is refused, and rows it cannot see may exist.
    let rowSecurity: Bool
    /// The role owns the table: it may drop and rebuild its keys, and ANALYZE it.
    let ownsTable: Bool

    init(of table: String, on conn: PGConnection) throws {
        let row = try conn.query("""
            SELECT row_security_active(c.oid) AS rls, pg_has_role(c.relowner, 'USAGE') AS owner
            FROM pg_class c WHERE c.oid = \(table)::regclass
            """)[0]
        rowSecurity = try row.decode(Bool.self, column: "rls")
        ownsTable = try row.decode(Bool.self, column: "owner")
    }
}
