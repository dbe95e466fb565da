import Foundation
import PostgresLibPQ
import RekapDomain
import RekapWorkbook

/// Why no template can be made for a region.
public struct TemplateFactsError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
}

/// What rekap already knows for a template (``RekapWorkbook/ReportTemplate``, ``RekapWorkbook/RenstraTemplate``,
/// ``RekapWorkbook/PKTemplate``): the region and its kelurahan, the latest revision of the report,
/// last year's FY report, the PK's targets, the latest revision of a stored Renstra or PK. Read in one
/// transaction, inside the caller's access scope when given (row-level security shows only what the
/// token may read).
public struct TemplateFacts: Sendable {
    public let client: PGClient
    public let scope: AccessScope?

    public init(client: PGClient, scope: AccessScope? = nil) {
        self.client = client
        self.scope = scope
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        if let scope { return try await client.withTransaction(scope: scope, body) }
        return try await client.withConnection(body)
    }

    /// The inputs of a report's template.
    public func report(region: RegionCode, year: Int, period: Period) async throws -> ReportTemplateInput {
        try await read { conn in
            let (place, kelurahan) = try Self.region(region, on: conn)
            let latest = try Self.latestDocument(region: region, year: year, period: period, on: conn)
            let lastYear = latest == nil ? try Self.latestDocument(region: region, year: year - 1, period: .fy, on: conn)?.document : nil
            // The indicators the template lists, each with the PK target its report is measured against.
            let plans = try PlanStore.documents(region: region, year: year, on: conn).documents(for: period)
            var pkTargets: [String: Decimal] = [:]
            for indicator in (latest?.document ?? lastYear)?.indicators ?? [] {
                if let (target, _) = PlanCapaian.target(for: indicator, period: period, in: plans) { pkTargets[indicator.code] = target }
            }
            return ReportTemplateInput(region: place, year: year, period: period, kelurahan: kelurahan, latest: latest, lastYear: lastYear,
                                       pkTargets: pkTargets)
        }
    }

    /// The inputs of a Renstra's template: the latest revision of the stored Renstra for `from`…`to`, if any.
    public func renstra(region: RegionCode, from: Int, to: Int) async throws -> RenstraTemplateInput {
        try await read { conn in
            let place = try Self.region(region, on: conn).place
            var latest: LatestRevision<Renstra>?
            if let (revision, plan) = try PlanStore.latest(region: region, kind: .renstra, from: from, to: to, on: conn),
               case .renstra(let renstra) = plan {
                latest = LatestRevision(revision: revision, document: renstra)
            }
            return RenstraTemplateInput(region: place, from: from, to: to, latest: latest)
        }
    }

    /// The inputs of a PK's template: the latest revision of the stored PK of that year and kind, if any.
    public func pk(region: RegionCode, year: Int, kind: PKKind) async throws -> PKTemplateInput {
        try await read { conn in
            let place = try Self.region(region, on: conn).place
            var latest: LatestRevision<PerjanjianKinerja>?
            if let (revision, plan) = try PlanStore.latest(region: region, kind: kind == .murni ? .pkMurni : .pkPerubahan, from: year, to: year, on: conn),
               case .pk(let pk) = plan {
                latest = LatestRevision(revision: revision, document: pk)
            }
            return PKTemplateInput(region: place, year: year, kind: kind, latest: latest)
        }
    }

    /// The region (a kecamatan, kelurahan or desa) and the kelurahan and desa a template lists for it:
    /// a kecamatan's own, or the kelurahan itself.
    static func region(_ code: RegionCode, on conn: PGConnection) throws -> (place: TemplateRegion, kelurahan: [TemplateRegion]) {
        guard code.level >= .kecamatan else {
            throw TemplateFactsError(description: "\(code.text) is not a kecamatan, kelurahan or desa; templates are for the offices that report")
        }
        guard let region = try RegionRegistry.region(code, on: conn) else {
            throw TemplateFactsError(description: "unknown region \(code.text)")
        }
        let place = TemplateRegion(code: region.code, name: region.name)
        guard code.level == .kecamatan else { return (place, [place]) }
        return (place, try RegionRegistry.children(of: code, on: conn).map { TemplateRegion(code: $0.code, name: $0.name) })
    }

    /// The latest stored revision of (region, year, period), decoded as it was accepted.
    static func latestDocument(region: RegionCode, year: Int, period: Period, on conn: PGConnection) throws -> LatestRevision<Submission>? {
        guard let row = try conn.query("""
            SELECT revision, document FROM submission
            WHERE region_code = \(region.text) AND year = \(year) AND period = \(period.rawValue)
            ORDER BY revision DESC LIMIT 1
            """).first else { return nil }
        let document = try row.decode([UInt8].self, column: "document")
        var checker = SubmissionChecker()
        // Regions were settled when it was accepted: no registry needed to read it back.
        checker.knownRegion = nil
        guard case .accepted(let submission, _, _, _) = checker.check(document) else {
            throw TemplateFactsError(description: "the stored revision of \(region.text) \(year) \(period.rawValue) cannot be read back")
        }
        return LatestRevision(revision: try row.decode(Int.self, column: "revision"), document: submission)
    }
}
