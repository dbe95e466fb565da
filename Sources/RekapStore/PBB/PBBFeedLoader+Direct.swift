import PostgresLibPQ
import RekapDomain

/// The direct way: COPY straight into the feed's table, one write of each row.
extension PBBFeedLoader {
    /// The table's columns, in the order ``CopyTarget/table(loadID:)`` writes them.
    private static func tableColumns(_ kind: PBBFeedKind) -> String {
        switch kind {
        case .ketetapan: "nop, tahun, kelurahan_code, pokok, load_id"
        case .pembayaran: "nop, tahun, tanggal, pokok, denda, seq, load_id"
        }
    }

    /// The rows were loaded before: the copy is undone and the earlier load reported.
    private struct LoadedBefore: Error {
        let id: Int64
        let loadedAt: String
    }

    /// Copies `feed` straight into its table, in a savepoint, when that is correct; nil, with
    /// nothing of it left, when the feed has to be staged instead. Only for the table's owner
    /// without row-level security: it may drop keys and sets the load id sequence.
    ///
    /// Correct when the file is clean (the checker, with the registry's kelurahan, found no bad
    /// line) and every row is new to the table: then the staged merge would add exactly these
    /// rows. The table's keys check the second part: a stored or repeated object or payment
    /// (`seq` counted on the way by ``PaymentOccurrences``) is a unique violation, on the row or
    /// when the keys of an empty table are rebuilt, and the staged way sorts it out. So does a bad
    /// line, which stops the copy at once. The SHA-256 is known only at the end of the file: bytes
    /// loaded before are then undone and reported as such.
    func loadDirectly(
        _ feed: PBBFeed, knownKelurahan: Set<String>?, on conn: PGConnection
    ) throws -> (read: ReadFeed, status: PBBFeedOutcome.Status)? {
        let target = feed.kind.table
        let loadID = try nextLoadID(on: conn)
        var read = ReadFeed(feed: feed, table: target, maxListedBadLines: maxListedBadLines)
        do {
            return try conn.transaction { conn in
                // Into an empty table the way pg_restore does it: its indexes built and its foreign
                // keys checked once the rows are in, each in one pass.
                let keys = try isEmpty(target, on: conn) ? droppedKeys(of: target, on: conn) : nil
                try conn.copyIn("COPY \(identifier: target) (\(unsafeRaw: Self.tableColumns(feed.kind))) FROM STDIN (FORMAT csv)") { writer in
                    try stream(feed.open(), into: writer, &read, target: .table(loadID: loadID), knownKelurahan: knownKelurahan)
                }
                if let previous = try previousLoad(of: read, on: conn) {
                    throw LoadedBefore(id: previous.id, loadedAt: previous.loadedAt)
                }
                report(read, merging: true)
                try keys?.recreate(on: conn)
                _ = try recordLoad(read, id: loadID, on: conn)
                if read.rows >= analyzeThreshold {
                    try conn.execute("ANALYZE \(identifier: target)")
                }
                return (read, .loaded(loadID: loadID, added: read.rows, replaced: 0, unchanged: 0))
            }
        } catch let loaded as LoadedBefore {
            return (read, .alreadyLoaded(loadID: loaded.id, loadedAt: loaded.loadedAt))
        } catch is NeedsStaging {
            return nil
        } catch let error as PGError where error.sqlState == .uniqueViolation || error.sqlState == .foreignKeyViolation {
            // A foreign key: a kelurahan removed from the registry since it was read.
            return nil
        }
    }

    /// The id the next `pbb_load` row gets, without taking it (loads take turns under the table
    /// lock): the rows carry it before the row exists, which needs the file's SHA-256. Taking it
    /// with nextval would leave a gap whenever the copy is undone.
    private func nextLoadID(on conn: PGConnection) throws -> Int64 {
        try conn.queryValue(Int64.self, """
            SELECT coalesce(pg_sequence_last_value(s.seqrelid) + s.seqincrement, s.seqstart)
            FROM pg_sequence s WHERE s.seqrelid = pg_get_serial_sequence('pbb_load', 'id')::regclass
            """)!
    }
}
