import PostgresLibPQ
import RekapDomain

extension PBBFeedLoader {
    /// One feed as read: what its lines said, and its bad lines.
    struct ReadFeed {
        let feed: PBBFeed
        /// The table its rows were copied into: a staging table, or the feed's own table.
        let table: String
        var rows = 0
        var bytes = 0
        var sha256: [UInt8] = []
        var badLines: LineProblemList
        var cities = Set<String>()
        var years = Set<Int>()

        init(feed: PBBFeed, table: String, maxListedBadLines: Int) {
            self.feed = feed
            self.table = table
            badLines = LineProblemList(cap: maxListedBadLines)
        }

        func outcome(_ status: PBBFeedOutcome.Status) -> PBBFeedOutcome {
            PBBFeedOutcome(kind: feed.kind, name: feed.name, sha256: HexText.lowercase(sha256), rows: rows, bytes: bytes, status: status)
        }
    }

    /// What each valid record becomes on its way to COPY.
    enum CopyTarget {
        /// `line,record`: the staging table's columns (see ``stagingColumns(_:)``).
        case staging
        /// `record,load_id` for a ketetapan, `record,seq,load_id` for a payment: the table's columns.
        case table(loadID: Int64)
    }

    /// Why reading stops before the end of a file.
    struct StopReading: Error {}

    /// Why a feed copied straight into its table is staged after all: it has a bad line.
    struct NeedsStaging: Error {}

    /// Reads, checks and forwards one feed; `source` is generic so the reader's loop is specialised.
    ///
    /// Copying to staging, bad lines are collected and every valid line forwarded, so the checks in
    /// SQL cover them all. Copying to the table, the first bad line throws ``NeedsStaging``.
    func stream<Source: ByteSource>(
        _ source: Source, into writer: PGCopyWriter, _ read: inout ReadFeed, target: CopyTarget, knownKelurahan: Set<String>?
    ) throws {
        var hashing = HashingSource(source)
        var checker = PBBFeedRowChecker(kind: read.feed.kind, knownKelurahan: knownKelurahan)
        let reader = CSVReader()
        var batch: [UInt8] = []
        let batchSize = 256 * 1024
        batch.reserveCapacity(batchSize + 4096)
        var headerSeen = false
        let clock = ContinuousClock()
        let started = clock.now
        var lastReport = started
        let isKetetapan = read.feed.kind == .ketetapan
        // The last city and year seen: files are grouped by region, so the sets are rarely touched.
        var lastCity = ""
        var lastYear = -1
        // For the table: ",<load id>\n" after each record (and a payment's occurrence number before it).
        var loadIDSuffix: [UInt8] = []
        var occurrences = PaymentOccurrences()
        let toStaging: Bool
        switch target {
        case .staging:
            toStaging = true
        case .table(let loadID):
            toStaging = false
            loadIDSuffix.append(UInt8(ascii: ","))
            Self.appendDecimal(Int(loadID), to: &loadIDSuffix)
            loadIDSuffix.append(UInt8(ascii: "\n"))
        }

        do {
            try reader.forEachRecord(from: &hashing) { record in
                if !headerSeen {
                    headerSeen = true
                    if let reason = checker.checkHeader(record) {
                        // The columns are unknown: checking rows against them would only list noise.
                        read.badLines.add(line: record.line, reason + "; reading stopped there")
                        throw StopReading()
                    }
                    return
                }
                if record.isEmptyLine { return }
                switch checker.check(record) {
                case .failure(let problem):
                    if !toStaging { throw NeedsStaging() }
                    read.badLines.add(line: record.line, problem.reason)
                case .success(let row):
                    read.rows += 1
                    if row.city != lastCity {
                        lastCity = row.city
                        read.cities.insert(row.city)
                    }
                    if row.tahun != lastYear {
                        lastYear = row.tahun
                        read.years.insert(row.tahun)
                    }
                    if toStaging {
                        // Forwarded even after a bad line, so the checks in SQL cover every line.
                        Self.appendDecimal(record.line, to: &batch)
                        batch.append(UInt8(ascii: ","))
                        batch.append(contentsOf: record.raw)
                        batch.append(UInt8(ascii: "\n"))
                    } else {
                        batch.append(contentsOf: record.raw)
                        if !isKetetapan {
                            batch.append(UInt8(ascii: ","))
                            Self.appendDecimal(occurrences.next(record), to: &batch)
                        }
                        batch.append(contentsOf: loadIDSuffix)
                    }
                    if batch.count >= batchSize {
                        try writer.write(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                    if read.rows & 0xFFFF == 0, let progress {
                        let now = clock.now
                        if now - lastReport >= .milliseconds(250) {
                            lastReport = now
                            progress(PBBLoadProgress(kind: read.feed.kind, name: read.feed.name, rows: read.rows,
                                                     bytes: record.byteOffset, elapsed: now - started, merging: false))
                        }
                    }
                }
            }
        } catch is StopReading {
        } catch let error as CSVError {
            read.badLines.add(line: error.line, "\(error.reason)")
        }
        if !headerSeen {
            read.badLines.add(line: 1, "the file is empty; its first line must be the header \(read.feed.kind.header)")
        }
        if !toStaging && !read.badLines.isEmpty { throw NeedsStaging() }
        if !batch.isEmpty { try writer.write(batch) }
        read.bytes = reader.bytesRead
        read.sha256 = hashing.digest
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
}
