import Foundation
import PostgresLibPQ
import RekapDomain

/// The latest stored revision of every document of one region's year that findings across documents
/// look at, decoded from the stored bytes by the same domain code that accepted them.
public struct RegionPlanDocuments: Sendable, Hashable {
    /// The year's reports, by period (FY and the quarters filed).
    public var reports: [Period: Filed<Submission>] = [:]
    /// Last year's FY report, for `previous` (contract §1.1).
    public var previousReport: Filed<Submission>?
    public var pkMurni: Filed<PerjanjianKinerja>?
    public var pkPerubahan: Filed<PerjanjianKinerja>?
    /// The Renstra covering the year; of several stored periods covering it, the one stored last.
    public var renstra: Filed<Renstra>?

    public init() {}

    /// What `CrossDocumentRules` and `PlanCapaian` take for the report of `period` (FY by default);
    /// `previous` is only given with the FY report.
    public func documents(for period: Period = .fy) -> PlanDocuments {
        PlanDocuments(report: reports[period], pkMurni: pkMurni, pkPerubahan: pkPerubahan, renstra: renstra,
                      previousReport: period == .fy ? previousReport : nil)
    }
}

/// Reads ``RegionPlanDocuments`` for one region or every region of a city, in two queries whatever the
/// number of regions; each document's `DocumentReference.id` is its stored id as text.
enum PlanDocumentLoader {
    /// Which regions to read.
    enum Regions {
        case region(RegionCode)
        case city(RegionCode)

        var condition: PGQuery {
            switch self {
            case .region(let code): "region_code = \(code.text)"
            case .city(let code): "city_code = \(code.text)"
            }
        }
    }

    /// The documents of `year` (and last year's FY report) per region, and each loaded id's revision number.
    static func load(_ regions: Regions, year: Int, on conn: PGConnection) throws -> (documents: [RegionCode: RegionPlanDocuments], revisions: [Int64: Int]) {
        var result: [RegionCode: RegionPlanDocuments] = [:]
        var revisions: [Int64: Int] = [:]
        let reports = try conn.query("""
            SELECT DISTINCT ON (region_code, year, period) id, region_code, year, period, revision, document
            FROM submission
            WHERE \(regions.condition) AND (year = \(year)::int OR (year = \(year)::int - 1 AND period = 'FY'))
            ORDER BY region_code, year, period, revision DESC
            """)
        var checker = SubmissionChecker()
        checker.knownRegion = nil
        for row in reports {
            let id = try row.decode(Int64.self, column: "id")
            revisions[id] = try row.decode(Int.self, column: "revision")
            let bytes = try row.decode([UInt8].self, column: "document")
            guard case .accepted(let submission, _, _, _) = checker.check(bytes) else {
                throw SubmissionStoreError.storedDocumentUnreadable(id: id, problems: checker.check(bytes).problems)
            }
            let filed = Filed(submission, id: String(id))
            if submission.year == year {
                result[submission.region, default: RegionPlanDocuments()].reports[submission.period] = filed
            } else {
                result[submission.region, default: RegionPlanDocuments()].previousReport = filed
            }
        }
        // Ordered by id within a region, so of several Renstra periods covering the year the last stored wins.
        let plans = try conn.query("""
            SELECT id, revision, document FROM (
                SELECT DISTINCT ON (region_code, kind, year_from, year_to) id, region_code, revision, document
                FROM plan_document
                WHERE \(regions.condition) AND year_from <= \(year)::int AND \(year)::int <= year_to
                ORDER BY region_code, kind, year_from, year_to, revision DESC
            ) AS latest
            ORDER BY region_code, id
            """)
        let planChecker = DocumentChecker(submissions: checker)
        for row in plans {
            let id = try row.decode(Int64.self, column: "id")
            revisions[id] = try row.decode(Int.self, column: "revision")
            let bytes = try row.decode([UInt8].self, column: "document")
            guard case .planAccepted(let plan, _, _) = planChecker.check(bytes) else {
                throw SubmissionStoreError.storedDocumentUnreadable(id: id, problems: planChecker.check(bytes).problems)
            }
            switch plan {
            case .renstra(let renstra):
                result[renstra.region, default: RegionPlanDocuments()].renstra = Filed(renstra, id: String(id))
            case .pk(let pk) where pk.kind == .murni:
                result[pk.region, default: RegionPlanDocuments()].pkMurni = Filed(pk, id: String(id))
            case .pk(let pk):
                result[pk.region, default: RegionPlanDocuments()].pkPerubahan = Filed(pk, id: String(id))
            }
        }
        return (result, revisions)
    }
}
