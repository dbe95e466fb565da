import Foundation
import PostgresLibPQ
import RekapDomain

/// Reads stored `cross_finding` rows back into `StoredCrossFinding`s, each side's document named
/// from the row it points to (a report's region, year and period; a plan document's kind and years).
enum CrossFindingRows {
    /// The `*_kind` text of a document kind: the report's period, `renstra`, `pk_murni`, `pk_perubahan`.
    static func kindText(_ kind: DocumentReference.Kind) -> String {
        switch kind {
        case .report(let period): period.rawValue
        case .renstra: PlanKind.renstra.rawValue
        case .pk(.murni): PlanKind.pkMurni.rawValue
        case .pk(.perubahan): PlanKind.pkPerubahan.rawValue
        }
    }

    /// The findings matching `condition` (on `f`, the cross_finding row), ordered by region, year and position.
    static func select(where condition: PGQuery, on conn: PGConnection) throws -> [StoredCrossFinding] {
        let rows = try conn.query("""
            SELECT f.severity, f.rule, f.message,
                   f.subject_kind, coalesce(f.subject_submission_id, f.subject_plan_id) AS subject_id, f.subject_revision,
                   f.subject_pointer, coalesce(ss.region_code, sp.region_code) AS subject_region,
                   coalesce(ss.year, sp.year_from) AS subject_year, sp.year_to AS subject_to,
                   f.against_kind, coalesce(f.against_submission_id, f.against_plan_id) AS against_id, f.against_revision,
                   f.against_pointer, coalesce(sa.region_code, pa.region_code) AS against_region,
                   coalesce(sa.year, pa.year_from) AS against_year, pa.year_to AS against_to
            FROM cross_finding f
            LEFT JOIN submission ss ON ss.id = f.subject_submission_id
            LEFT JOIN plan_document sp ON sp.id = f.subject_plan_id
            LEFT JOIN submission sa ON sa.id = f.against_submission_id
            LEFT JOIN plan_document pa ON pa.id = f.against_plan_id
            WHERE \(condition)
            ORDER BY f.region_code, f.year, f.position
            """)
        return try rows.map { row in
            let severityText = try row.decode(String.self, column: "severity")
            let ruleText = try row.decode(String.self, column: "rule")
            guard let severity = Finding.Severity(rawValue: severityText), let rule = CrossDocumentRule(rawValue: ruleText) else {
                throw PGError(kind: .decoding, message: "stored cross finding has severity \"\(severityText)\" and rule \"\(ruleText)\"")
            }
            let (subject, subjectName) = try side(row, "subject")
            let (against, againstName) = try side(row, "against")
            return StoredCrossFinding(CrossFinding(severity, rule, subject, against: against, try row.decode(String.self, column: "message")),
                                      subject: subjectName, against: againstName)
        }
    }

    private static func side(_ row: PGRow, _ prefix: String) throws -> (DocumentPlace, StoredDocumentName) {
        let kindText = try row.decode(String.self, column: "\(prefix)_kind")
        let id = try row.decode(Int64.self, column: "\(prefix)_id")
        let regionText = try row.decode(String.self, column: "\(prefix)_region")
        let year = try row.decode(Int.self, column: "\(prefix)_year")
        guard let region = RegionCode(regionText) else { throw PGError(kind: .decoding, message: "stored region \"\(regionText)\" is not a region code") }
        let kind: DocumentReference.Kind
        if let period = Period(rawValue: kindText) {
            kind = .report(period)
        } else {
            switch PlanKind(rawValue: kindText) {
            case .renstra?: kind = .renstra(to: try row.decode(Int.self, column: "\(prefix)_to"))
            case .pkMurni?: kind = .pk(.murni)
            case .pkPerubahan?: kind = .pk(.perubahan)
            case nil: throw PGError(kind: .decoding, message: "stored cross finding names a document of kind \"\(kindText)\"")
            }
        }
        let reference = DocumentReference(kind: kind, region: region, year: year, id: String(id))
        let place = DocumentPlace(reference, JSONPointer(try row.decode(String.self, column: "\(prefix)_pointer")))
        return (place, StoredDocumentName(id: id, revision: try row.decode(Int.self, column: "\(prefix)_revision")))
    }
}
