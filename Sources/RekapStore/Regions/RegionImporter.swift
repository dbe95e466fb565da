import PostgresLibPQ
import RekapDomain

/// What a region import did.
public struct RegionImportResult: Sendable, Hashable {
    /// Data lines in the file (the header and empty lines not counted).
    public let rows: Int
    /// Regions new to the registry.
    public let inserted: Int
    /// Regions already known whose name changed.
    public let renamed: Int
    /// Regions already known with the same name.
    public let unchanged: Int

    public init(rows: Int, inserted: Int, renamed: Int, unchanged: Int) {
        self.rows = rows
        self.inserted = inserted
        self.renamed = renamed
        self.unchanged = unchanged
    }
}

/// Loads a region file (`code,name,level,parent_code`, header row, RFC 4180, UTF-8) into the
/// registry, all or nothing.
///
/// The file is streamed once through ``CSVReader``: every line is checked on its own (column count,
/// UTF-8, the code's shape with ``RegionCode``, level = number of segments, parent_code = the code
/// minus its last segment, a non-empty name), and every line goes, with its line number, through
/// `COPY` into a temporary staging table. Set-based SQL then finds what needs the whole file or the
/// registry: codes given twice, and parents that are neither in the file nor in the registry.
///
/// - Any bad line: the transaction is rolled back and ``RejectedFile`` lists the bad lines (line
///   number and reason; the first ``maxListedProblems``, then how many more).
/// - Otherwise every row is upserted: new codes are inserted, known codes get the file's name
///   (a rename), and nothing is duplicated. Regions missing from the file are kept (a file may
///   hold one city only).
///
/// Imports are serialised (a `SHARE ROW EXCLUSIVE` lock on `region`), so the counts are exact;
/// readers are never blocked.
public struct RegionImporter: Sendable {
    /// The header a region file must start with.
    public static let columns = ["code", "name", "level", "parent_code"]

    /// Bad lines listed before "and N more".
    public var maxListedProblems: Int

    public init(maxListedProblems: Int = 50) {
        self.maxListedProblems = max(1, maxListedProblems)
    }

    /// Imports the file at `path` on a pooled connection; see ``importFile(at:displayName:on:)``.
    public func importFile(at path: String, displayName: String? = nil, client: PGClient) async throws -> RegionImportResult {
        try await client.withConnection { conn in try importFile(at: path, displayName: displayName, on: conn) }
    }

    /// Imports the file at `path` in one transaction on `conn` (or a savepoint, inside one).
    ///
    /// - Parameter displayName: how messages name the file (default: `path`).
    /// - Throws: ``RejectedFile`` when any line is bad (nothing stored); ``ByteSourceError`` when
    ///   the file cannot be read; `PGError`.
    public func importFile(at path: String, displayName: String? = nil, on conn: PGConnection) throws -> RegionImportResult {
        var source = try FileSource(path: path)
        return try importCSV(from: &source, name: displayName ?? path, on: conn)
    }

    /// Imports CSV bytes from any source (a file, a pipe, memory).
    public func importCSV<Source: ByteSource>(
        from source: inout Source, name: String, on conn: PGConnection
    ) throws -> RegionImportResult {
        try conn.transaction { conn in
            try conn.execute("LOCK TABLE region IN SHARE ROW EXCLUSIVE MODE")
            try conn.execute(
                """
                CREATE TEMP TABLE region_import (
                    line integer NOT NULL, code text, name text, level smallint, parent_code text, ok boolean NOT NULL
                ) ON COMMIT DROP
                """)
            var problems = LineProblemList(cap: maxListedProblems)
            var rows = 0
            try conn.copyIn("COPY pg_temp.region_import (line, code, name, level, parent_code, ok) FROM STDIN") { writer in
                rows = try stage(&source, into: writer, &problems)
            }
            try conn.execute("CREATE INDEX ON pg_temp.region_import (code)")
            try conn.execute("ANALYZE pg_temp.region_import")
            try findDuplicates(&problems, on: conn)
            try findMissingParents(&problems, on: conn)
            if !problems.isEmpty { throw problems.rejection(file: name) }
            let result = try merge(rows: rows, on: conn)
            // Dropped now rather than at commit, in case this runs inside a caller's transaction.
            try conn.execute("DROP TABLE pg_temp.region_import")
            return result
        }
    }

    // MARK: Reading

    /// Reads the file, checks each line, and sends every line to the staging table; returns the
    /// number of data lines.
    private func stage<Source: ByteSource>(
        _ source: inout Source, into writer: PGCopyWriter, _ problems: inout LineProblemList
    ) throws -> Int {
        var rows = 0
        var headerSeen = false
        var badHeader = false
        try CSVReader().forEachRecord(from: &source) { record in
            if !headerSeen {
                headerSeen = true
                if record.problem != nil || record.count != Self.columns.count
                    || (0..<record.count).contains(where: { record.string($0) != Self.columns[$0] })
                {
                    let found = record.problem == nil ? record.strings.joined(separator: ",") : "a malformed line"
                    problems.add(line: record.line, "the header must be \(Self.columns.joined(separator: ",")); found \(found)")
                    badHeader = true
                }
                return
            }
            // The columns are unknown: checking rows against them would only list noise.
            if badHeader || record.isEmptyLine { return }
            rows += 1
            let check = RegionLineCheck(record)
            if let reason = check.problem { problems.add(line: record.line, reason) }
            try writer.writeRow([
                String(record.line), check.code, check.name, check.level.map(String.init), check.parentCode,
                check.problem == nil ? "t" : "f",
            ])
        }
        if !headerSeen { problems.add(line: 1, "the file is empty; it must start with the header \(Self.columns.joined(separator: ","))") }
        return rows
    }

    // MARK: Set-based checks

    private func findDuplicates(_ problems: inout LineProblemList, on conn: PGConnection) throws {
        let result = try conn.query(
            """
            SELECT line, code, first_line, count(*) OVER () AS total
            FROM (SELECT line, code, min(line) OVER (PARTITION BY code) AS first_line
                  FROM pg_temp.region_import WHERE ok) AS d
            WHERE line <> first_line
            ORDER BY line
            LIMIT \(maxListedProblems)
            """)
        var found: [LineProblem] = []
        for row in result {
            let code = try row.decode(String.self, column: "code")
            let first = try row.decode(Int.self, column: "first_line")
            found.append(LineProblem(line: try row.decode(Int.self, column: "line"), reason: "code \(code) is already on line \(first)"))
        }
        problems.merge(found, total: try result.first?.decode(Int.self, column: "total") ?? 0)
    }

    private func findMissingParents(_ problems: inout LineProblemList, on conn: PGConnection) throws {
        // A parent on a bad line counts as present: that line is reported for itself.
        let result = try conn.query(
            """
            SELECT i.line, i.code, i.parent_code, count(*) OVER () AS total
            FROM pg_temp.region_import i
            WHERE i.ok AND i.parent_code IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM pg_temp.region_import p WHERE p.code = i.parent_code)
              AND NOT EXISTS (SELECT 1 FROM region r WHERE r.code = i.parent_code)
            ORDER BY i.line
            LIMIT \(maxListedProblems)
            """)
        var found: [LineProblem] = []
        for row in result {
            let parent = try row.decode(String.self, column: "parent_code")
            let code = try row.decode(String.self, column: "code")
            found.append(LineProblem(
                line: try row.decode(Int.self, column: "line"),
                reason: "the parent \(parent) of \(code) is neither in the file nor in the registry"))
        }
        problems.merge(found, total: try result.first?.decode(Int.self, column: "total") ?? 0)
    }

    // MARK: Merge

    private func merge(rows: Int, on conn: PGConnection) throws -> RegionImportResult {
        let counts = try conn.query(
            """
            SELECT count(*) FILTER (WHERE r.code IS NULL) AS inserted,
                   count(*) FILTER (WHERE r.name <> i.name) AS renamed,
                   count(*) FILTER (WHERE r.name = i.name) AS unchanged
            FROM pg_temp.region_import i LEFT JOIN region r ON r.code = i.code
            """)[0]
        let inserted = try counts.decode(Int.self, column: "inserted")
        // Unchanged rows are left alone (a re-import of the same file writes nothing). Parents
        // first is not needed (the foreign key is deferred), but sorted rows fill the indexes in order.
        try conn.execute(
            """
            INSERT INTO region (code, name, level, parent_code)
            SELECT i.code, i.name, i.level, i.parent_code FROM pg_temp.region_import i
            WHERE NOT EXISTS (SELECT 1 FROM region r WHERE r.code = i.code AND r.name = i.name)
            ORDER BY i.code
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
                WHERE region.name IS DISTINCT FROM EXCLUDED.name
            """)
        // Plans for "regions under X" should know the table's new size at once.
        if inserted >= 1000 { try conn.execute("ANALYZE region") }
        return RegionImportResult(
            rows: rows, inserted: inserted, renamed: try counts.decode(Int.self, column: "renamed"),
            unchanged: try counts.decode(Int.self, column: "unchanged"))
    }
}

/// The checks of one line of a region file that need nothing but the line itself.
struct RegionLineCheck {
    var code: String?
    var name: String?
    var level: Int?
    var parentCode: String?
    /// Every problem of the line, joined; nil when the line is good.
    var problem: String?

    init(_ record: CSVRecord) {
        if let malformed = record.problem {
            // The fields are a best effort; the code is kept so that children of this line are
            // not also reported as orphans.
            code = record.count > 0 ? record.string(0) : nil
            problem = malformed.reason.description
            return
        }
        let expected = RegionImporter.columns.count
        guard record.count == expected else {
            code = record.string(0)
            problem = "it has \(record.count) field\(record.count == 1 ? "" : "s"); expected \(expected) "
                + "(\(RegionImporter.columns.joined(separator: ",")))"
                + (record.count > expected ? "; a name with a comma must be in double quotes" : "")
            return
        }
        let fields = record.strings
        var problems: [String] = []
        code = fields[0]
        name = fields[1]
        parentCode = fields[3].isEmpty ? nil : fields[3]

        let regionCode: RegionCode?
        do {
            regionCode = try RegionCode(parsing: fields[0])
        } catch {
            regionCode = nil
            problems.append("code \(error.description)")
        }
        if fields[1].allSatisfy(\.isWhitespace) {
            problems.append("the name is empty")
        } else if fields[1].unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems.append("the name has a control character (a line break or tab)")
        }
        if let number = Int(fields[2]), (1...4).contains(number), fields[2].utf8.count == 1 {
            level = number
            if let regionCode, regionCode.level.rawValue != number {
                problems.append(
                    "level is \(number), but the code \(regionCode) has \(regionCode.segments.count) segment"
                        + "\(regionCode.segments.count == 1 ? "" : "s") (level \(regionCode.level.rawValue))")
            }
        } else {
            problems.append("level \"\(fields[2])\" is not 1, 2, 3 or 4")
        }
        if let regionCode {
            switch (regionCode.parent, fields[3]) {
            case (nil, ""):
                break
            case (nil, let given):
                problems.append("parent_code must be empty for a provinsi, not \"\(given)\"")
            case (let parent?, let given) where parent.text != given:
                problems.append(
                    given.isEmpty
                        ? "parent_code is empty, but the parent of \(regionCode) is \(parent)"
                        : "parent_code is \"\(given)\", but the parent of \(regionCode) is \(parent)")
            default:
                break
            }
        }
        if !problems.isEmpty { problem = problems.joined(separator: "; ") }
    }
}
