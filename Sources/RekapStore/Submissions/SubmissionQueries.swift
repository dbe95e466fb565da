import Foundation
import PostgresLibPQ
import RekapDomain

extension SubmissionStore {
    /// Runs a read on a pooled connection; with a ``scope``, in a transaction inside it, so row-level
    /// security shows only what the token may read (another region's submission is simply not there).
    private func read<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        if let scope { return try await client.withTransaction(scope: scope, body) }
        return try await client.withConnection(body)
    }

    /// Every stored revision of `region` and of the regions inside it (a kecamatan lists its kelurahan's
    /// too; a city lists all), optionally of one year, ordered by region, year, period and revision.
    /// With a ``scope``, only the revisions it may read.
    public func list(region: RegionCode, year: Int? = nil) async throws -> [SubmissionListing] {
        let rows = try await read { conn in try conn.query("""
            SELECT s.id, s.region_code, s.year, s.period, s.revision, s.submitted_at,
                   count(*) FILTER (WHERE f.severity = 'error') AS errors,
                   count(*) FILTER (WHERE f.severity = 'warning') AS warnings,
                   count(*) FILTER (WHERE f.severity = 'info') AS infos
            FROM submission s
            JOIN region r ON r.code = s.region_code
            LEFT JOIN submission_finding f ON f.submission_id = s.id
            WHERE r.path <@ text2ltree(\(region.text)) AND (\(year)::int IS NULL OR s.year = \(year)::int)
            GROUP BY s.id
            ORDER BY s.region_code, s.year, s.period, s.revision
            """) }
        return try rows.map { row in
            SubmissionListing(revision: try Self.revision(row), submittedAt: try row.decode(Date.self, column: "submitted_at"),
                              findings: FindingCounts(errors: try row.decode(Int.self, column: "errors"),
                                                      warnings: try row.decode(Int.self, column: "warnings"),
                                                      infos: try row.decode(Int.self, column: "infos")))
        }
    }

    /// A stored revision with its findings and figures, or nil when there is no submission `id` (or,
    /// with a ``scope``, none it may read).
    public func show(id: Int64) async throws -> StoredSubmission? {
        let loaded = try await read { conn -> (PGResult, PGResult) in
            let header = try conn.query("""
                SELECT id, region_code, year, period, revision, submitted_at, encode(document_sha256, 'hex') AS sha256, document
                FROM submission WHERE id = \(id)
                """)
            let findings = try conn.query("""
                SELECT severity, rule, pointer, message, message_id FROM submission_finding WHERE submission_id = \(id) ORDER BY position
                """)
            return (header, findings)
        }
        guard let row = loaded.0.first else { return nil }
        let document = try row.decode([UInt8].self, column: "document")
        let findings = try loaded.1.map { row in
            let severity = try row.decode(String.self, column: "severity")
            guard let level = Finding.Severity(rawValue: severity) else {
                throw PGError(kind: .decoding, message: "unknown finding severity \"\(severity)\"")
            }
            return Finding(level, rule: try row.decode(String.self, column: "rule"),
                           at: JSONPointer(try row.decode(String.self, column: "pointer")), try StoredFindingText.decode(row))
        }
        // The figures come from the stored bytes through the same domain code that computed them
        // at submission; region existence was settled then, so no registry is needed.
        var checker = self.checker
        checker.knownRegion = nil
        guard case .accepted(let submission, _, let summary, _) = checker.check(document) else {
            throw SubmissionStoreError.storedDocumentUnreadable(id: id, problems: checker.check(document).problems)
        }
        return StoredSubmission(revision: try Self.revision(row), submittedAt: try row.decode(Date.self, column: "submitted_at"),
                                documentSHA256: try row.decode(String.self, column: "sha256"), document: document,
                                submission: submission, findings: findings, summary: summary)
    }

    /// The original bytes of submission `id`, exactly as submitted, or nil when there is none (or, with
    /// a ``scope``, none it may read).
    public func document(id: Int64) async throws -> [UInt8]? {
        try await read { conn in
            try conn.query("SELECT document FROM submission WHERE id = \(id)").first?.decode([UInt8].self, column: "document")
        }
    }

    /// Reads `id, region_code, year, period, revision`.
    static func revision(_ row: PGRow) throws -> SubmissionRevision {
        let regionText = try row.decode(String.self, column: "region_code")
        let periodText = try row.decode(String.self, column: "period")
        guard let region = RegionCode(regionText) else { throw PGError(kind: .decoding, message: "stored region \"\(regionText)\" is not a region code") }
        guard let period = Period(rawValue: periodText) else { throw PGError(kind: .decoding, message: "stored period \"\(periodText)\" is not a period") }
        return SubmissionRevision(id: try row.decode(Int64.self, column: "id"), region: region, year: try row.decode(Int.self, column: "year"),
                                  period: period, revision: try row.decode(Int.self, column: "revision"))
    }
}
