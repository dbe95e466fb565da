import Foundation
import PostgresLibPQ
import RekapDomain

/// Recomputes and replaces the findings across documents (contract §1.3) of one region for some
/// years, inside the transaction that stored a document, so they always describe the latest
/// revisions whatever the order of arrival.
///
/// Only that region's documents of those years are read (and last year's FY report), so the cost does
/// not grow with the number of other regions' documents.
struct CrossFindingEvaluation {
    var rules = CrossDocumentRules()

    /// The years a stored report touches: its own, and for an FY report next year's too (whose
    /// `previous` it is).
    static func years(of submission: Submission) -> [Int] {
        submission.period == .fy ? [submission.year, submission.year + 1] : [submission.year]
    }

    /// Evaluates `region` for each of `years` (ascending, each under its own lock) and returns the
    /// findings now stored for them.
    func evaluate(region: RegionCode, years: [Int], on conn: PGConnection) throws -> [StoredCrossFinding] {
        var stored: [StoredCrossFinding] = []
        for year in Set(years).sorted() {
            // After this lock, the next statement's snapshot sees everything an earlier evaluation of the
            // same region and year committed, so the last one to commit has seen every document.
            try conn.execute(AdvisoryLock.crossFindings.lock("\(region.text)/\(year)"))
            let (loaded, revisions) = try PlanDocumentLoader.load(.region(region), year: year, on: conn)
            let findings = findings(loaded[region] ?? RegionPlanDocuments())
            let named = try findings.map { try Self.named($0, revisions: revisions) }
            try replace(region: region, year: year, with: named, on: conn)
            stored += named
        }
        return stored
    }

    /// The findings of one region's year: the FY report's (or, without one, those among plan documents),
    /// then each quarter's report's own.
    func findings(_ documents: RegionPlanDocuments) -> [CrossFinding] {
        var result = rules.findings(documents.documents(for: .fy))
        for period in Period.allCases where period != .fy {
            guard let report = documents.reports[period] else { continue }
            // PK-vs-Renstra findings come with the FY evaluation already; keep what names this report.
            result += rules.findings(documents.documents(for: period))
                .filter { $0.subject.document == report.reference || $0.against.document == report.reference }
        }
        return result
    }

    static func named(_ finding: CrossFinding, revisions: [Int64: Int]) throws -> StoredCrossFinding {
        func name(_ reference: DocumentReference) throws -> StoredDocumentName {
            guard let id = reference.id.flatMap(Int64.init), let revision = revisions[id] else {
                throw PGError(kind: .decoding, message: "cross finding names \(reference) that was not loaded")
            }
            return StoredDocumentName(id: id, revision: revision)
        }
        return StoredCrossFinding(finding, subject: try name(finding.subject.document), against: try name(finding.against.document))
    }

    private func replace(region: RegionCode, year: Int, with findings: [StoredCrossFinding], on conn: PGConnection) throws {
        try conn.execute("DELETE FROM cross_finding WHERE region_code = \(region.text) AND year = \(year)")
        guard !findings.isEmpty else { return }
        let subjects = findings.map { (place: $0.finding.subject, name: $0.subject) }
        let againsts = findings.map { (place: $0.finding.against, name: $0.against) }
        func kinds(_ sides: [(place: DocumentPlace, name: StoredDocumentName)]) -> PGArray<String> {
            PGArray(sides.map { CrossFindingRows.kindText($0.place.document.kind) })
        }
        func submissionIDs(_ sides: [(place: DocumentPlace, name: StoredDocumentName)]) -> PGArray<Int64?> {
            PGArray(sides.map { side -> Int64? in
                if case .report = side.place.document.kind { return side.name.id }
                return nil
            })
        }
        func planIDs(_ sides: [(place: DocumentPlace, name: StoredDocumentName)]) -> PGArray<Int64?> {
            PGArray(sides.map { side -> Int64? in
                if case .report = side.place.document.kind { return nil }
                return side.name.id
            })
        }
        let inserted = try conn.execute("""
            INSERT INTO cross_finding (region_code, year, position, city_code, severity, rule, message, message_id,
                                       subject_kind, subject_submission_id, subject_plan_id, subject_revision, subject_pointer,
                                       against_kind, against_submission_id, against_plan_id, against_revision, against_pointer)
            SELECT \(region.text), \(year), x.n - 1, \(region.ancestor(at: .kabupatenKota)?.text), x.severity, x.rule, x.message, x.message_id,
                   x.s_kind, x.s_submission, x.s_plan, x.s_revision, x.s_pointer,
                   x.a_kind, x.a_submission, x.a_plan, x.a_revision, x.a_pointer
            FROM unnest(\(PGArray(findings.map(\.finding.severity.rawValue)))::text[], \(PGArray(findings.map(\.finding.rule)))::text[],
                        \(PGArray(findings.map(\.finding.text.en)))::text[], \(PGArray(findings.map(\.finding.text.id)))::text[],
                        \(kinds(subjects))::text[], \(submissionIDs(subjects))::bigint[], \(planIDs(subjects))::bigint[],
                        \(PGArray(subjects.map(\.name.revision)))::int[], \(PGArray(subjects.map(\.place.pointer.description)))::text[],
                        \(kinds(againsts))::text[], \(submissionIDs(againsts))::bigint[], \(planIDs(againsts))::bigint[],
                        \(PGArray(againsts.map(\.name.revision)))::int[], \(PGArray(againsts.map(\.place.pointer.description)))::text[])
                 WITH ORDINALITY AS x(severity, rule, message, message_id, s_kind, s_submission, s_plan, s_revision, s_pointer,
                                      a_kind, a_submission, a_plan, a_revision, a_pointer, n)
            """)
        guard inserted == findings.count else {
            throw SubmissionStoreError.incompleteWrite(table: "cross_finding", stored: inserted, expected: findings.count)
        }
    }
}
