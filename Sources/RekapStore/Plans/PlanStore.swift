import Foundation
import PostgresLibPQ
import RekapDomain

/// Reads stored plan documents (Renstra, PK) and the findings across documents (contract §1.2–1.3).
/// Documents are stored through ``SubmissionStore/submitDocument(bytes:)``, the path every format takes.
///
/// ```swift
/// let plans = try await PlanStore(client: client, scope: scope).cityPlans(city: "14.72", year: 2023)
/// plans.regions["14.72.02"]?.pkMurni       // Filed<PerjanjianKinerja>, latest revision
/// plans.findings                            // every open cross finding of the city's year
/// ```
///
/// With a ``scope``, reads run as `rekap_api` inside it: row-level security shows only what the token
/// may read (another kecamatan's plan documents are simply not there).
public struct PlanStore: Sendable {
    public let client: PGClient
    public var scope: AccessScope?

    public init(client: PGClient, scope: AccessScope? = nil) {
        self.client = client
        self.scope = scope
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        if let scope { return try await client.withTransaction(scope: scope, body) }
        return try await client.withConnection(body)
    }

    // MARK: - A city's year (the city report)

    /// Per region of `city`, the latest stored documents of `year` (FY and quarterly reports, PK murni and
    /// perubahan, the Renstra covering the year, last year's FY report), and the open cross findings of
    /// the city's `year`.
    public func cityPlans(city: RegionCode, year: Int) async throws -> CityPlans {
        try await read { conn in try Self.cityPlans(city: city, year: year, on: conn) }
    }

    /// ``cityPlans(city:year:)`` inside the caller's transaction (the report loader's REPEATABLE READ one,
    /// already inside its scope when it has one).
    public static func cityPlans(city: RegionCode, year: Int, on conn: PGConnection) throws -> CityPlans {
        let (documents, _) = try PlanDocumentLoader.load(.city(city), year: year, on: conn)
        let findings = try CrossFindingRows.select(where: "f.city_code = \(city.text) AND f.year = \(year)", on: conn)
        return CityPlans(regions: documents, findings: findings)
    }

    // MARK: - One region, one document

    /// The latest stored documents of `region`'s `year` (what its cross findings were computed from).
    public func documents(region: RegionCode, year: Int) async throws -> RegionPlanDocuments {
        try await read { conn in try Self.documents(region: region, year: year, on: conn) }
    }

    /// ``documents(region:year:)`` inside the caller's transaction (a template's facts).
    public static func documents(region: RegionCode, year: Int, on conn: PGConnection) throws -> RegionPlanDocuments {
        try PlanDocumentLoader.load(.region(region), year: year, on: conn).documents[region] ?? RegionPlanDocuments()
    }

    /// The latest stored revision of `region`'s plan document of `kind` for exactly `from`…`to` (a PK's
    /// year twice), decoded as it was accepted, and its number; nil when there is none.
    public static func latest(region: RegionCode, kind: PlanKind, from: Int, to: Int, on conn: PGConnection) throws -> (revision: Int, plan: PlanDocument)? {
        guard let row = try conn.query("""
            SELECT id, revision, document FROM plan_document
            WHERE region_code = \(region.text) AND kind = \(kind.rawValue) AND year_from = \(from) AND year_to = \(to)
            ORDER BY revision DESC LIMIT 1
            """).first else { return nil }
        let bytes = try row.decode([UInt8].self, column: "document")
        guard case .planAccepted(let plan, _, _) = DocumentChecker().check(bytes) else {
            throw SubmissionStoreError.storedDocumentUnreadable(id: try row.decode(Int64.self, column: "id"), problems: DocumentChecker().check(bytes).problems)
        }
        return (try row.decode(Int.self, column: "revision"), plan)
    }

    /// Every stored plan revision of `region` and the regions inside it, optionally of those covering
    /// `year`, ordered by region, kind, years and revision.
    public func list(region: RegionCode, year: Int? = nil) async throws -> [PlanListing] {
        let rows = try await read { conn in try conn.query("""
            SELECT d.id, d.region_code, d.kind, d.year_from, d.year_to, d.revision, d.submitted_at,
                   (SELECT count(*) FROM plan_finding f WHERE f.plan_id = d.id AND f.severity = 'error') AS errors,
                   (SELECT count(*) FROM plan_finding f WHERE f.plan_id = d.id AND f.severity = 'warning') AS warnings,
                   (SELECT count(*) FROM plan_finding f WHERE f.plan_id = d.id AND f.severity = 'info') AS infos,
                   (SELECT count(*) FROM cross_finding c WHERE c.subject_plan_id = d.id OR c.against_plan_id = d.id) AS cross_findings
            FROM plan_document d
            JOIN region r ON r.code = d.region_code
            WHERE r.path <@ text2ltree(\(region.text))
              AND (\(year)::int IS NULL OR (d.year_from <= \(year)::int AND \(year)::int <= d.year_to))
            ORDER BY d.region_code, d.kind, d.year_from, d.year_to, d.revision
            """) }
        return try rows.map { row in
            PlanListing(revision: try Self.revision(row), submittedAt: try row.decode(Date.self, column: "submitted_at"),
                        findings: FindingCounts(errors: try row.decode(Int.self, column: "errors"),
                                                warnings: try row.decode(Int.self, column: "warnings"),
                                                infos: try row.decode(Int.self, column: "infos")),
                        crossFindings: try row.decode(Int.self, column: "cross_findings"))
        }
    }

    /// A stored plan revision with its findings and the cross findings naming it, or nil when there is
    /// no plan document `id` (or none the scope may read).
    public func show(id: Int64) async throws -> StoredPlan? {
        let loaded = try await read { conn -> (PGResult, PGResult, [StoredCrossFinding]) in
            let header = try conn.query("""
                SELECT id, region_code, kind, year_from, year_to, revision, submitted_at, encode(document_sha256, 'hex') AS sha256, document
                FROM plan_document WHERE id = \(id)
                """)
            let findings = try conn.query("SELECT severity, rule, pointer, message, message_id FROM plan_finding WHERE plan_id = \(id) ORDER BY position")
            let cross = try CrossFindingRows.select(where: "f.subject_plan_id = \(id) OR f.against_plan_id = \(id)", on: conn)
            return (header, findings, cross)
        }
        guard let row = loaded.0.first else { return nil }
        let document = try row.decode([UInt8].self, column: "document")
        guard case .planAccepted(let plan, _, _) = DocumentChecker().check(document) else {
            throw SubmissionStoreError.storedDocumentUnreadable(id: id, problems: DocumentChecker().check(document).problems)
        }
        let findings = try loaded.1.map { row in
            let severity = try row.decode(String.self, column: "severity")
            guard let level = Finding.Severity(rawValue: severity) else {
                throw PGError(kind: .decoding, message: "unknown finding severity \"\(severity)\"")
            }
            return Finding(level, rule: try row.decode(String.self, column: "rule"),
                           at: JSONPointer(try row.decode(String.self, column: "pointer")), try StoredFindingText.decode(row))
        }
        return StoredPlan(revision: try Self.revision(row), submittedAt: try row.decode(Date.self, column: "submitted_at"),
                          documentSHA256: try row.decode(String.self, column: "sha256"), document: document, plan: plan,
                          findings: findings, crossFindings: loaded.2)
    }

    /// The open cross findings naming stored document `id` (a report or a plan document) on either side.
    public func crossFindings(involving id: Int64) async throws -> [StoredCrossFinding] {
        try await read { conn in
            try CrossFindingRows.select(where: """
                f.subject_submission_id = \(id) OR f.against_submission_id = \(id) OR f.subject_plan_id = \(id) OR f.against_plan_id = \(id)
                """, on: conn)
        }
    }

    /// The original bytes of plan document `id`, or nil.
    public func document(id: Int64) async throws -> [UInt8]? {
        try await read { conn in
            try conn.query("SELECT document FROM plan_document WHERE id = \(id)").first?.decode([UInt8].self, column: "document")
        }
    }

    /// Reads `id, region_code, kind, year_from, year_to, revision`.
    static func revision(_ row: PGRow) throws -> PlanRevision {
        let regionText = try row.decode(String.self, column: "region_code")
        let kindText = try row.decode(String.self, column: "kind")
        guard let region = RegionCode(regionText) else { throw PGError(kind: .decoding, message: "stored region \"\(regionText)\" is not a region code") }
        guard let kind = PlanKind(rawValue: kindText) else { throw PGError(kind: .decoding, message: "stored plan kind \"\(kindText)\" is unknown") }
        return PlanRevision(id: try row.decode(Int64.self, column: "id"), region: region, kind: kind,
                            from: try row.decode(Int.self, column: "year_from"), to: try row.decode(Int.self, column: "year_to"),
                            revision: try row.decode(Int.self, column: "revision"))
    }
}

/// A city's year as plan documents see it (``PlanStore/cityPlans(city:year:)``).
public struct CityPlans: Sendable {
    /// The latest documents per region that has any.
    public var regions: [RegionCode: RegionPlanDocuments]
    /// The open findings across documents of the city's year, by region and position.
    public var findings: [StoredCrossFinding]

    public init(regions: [RegionCode: RegionPlanDocuments], findings: [StoredCrossFinding]) {
        self.regions = regions
        self.findings = findings
    }
}
