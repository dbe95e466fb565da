import Foundation
import RekapDomain

/// Plan documents and findings across documents as JSON, as `rekap submit / validate / submissions
/// list / submissions show --format json` print them and the HTTP API answers them (one writer for both).
public enum PlanJSON {
    /// Any document's outcome: a report's exactly as ``SubmissionJSON/outcome(_:)`` writes it, plus
    /// `cross_findings` when stored; a plan document's `{"status", "id", "region", "city", "kind", "from",
    /// "to", "revision", "findings", "cross_findings"}`; a rejection `{"status": "rejected", "problems"}`.
    public static func outcome(_ outcome: DocumentSubmitOutcome) -> JSONValue {
        switch outcome {
        case .report(let outcome, let cross):
            let json = SubmissionJSON.outcome(outcome)
            guard case .stored = outcome, case .object(let members) = json else { return json }
            return .object(members + [JSONMember(key: "cross_findings", value: crossFindings(cross))])
        case .plan(.rejected(let problems)):
            return CheckReport.json(.rejected(problems))
        case .plan(.stored(let revision, _, let findings, let cross)):
            return .object([JSONMember(key: "status", value: .string("stored"))] + revisionMembers(revision) + [
                JSONMember(key: "findings", value: CheckReport.findings(findings)),
                JSONMember(key: "cross_findings", value: crossFindings(cross)),
            ])
        case .plan(.unchanged(let revision)):
            return .object([JSONMember(key: "status", value: .string("unchanged"))] + revisionMembers(revision))
        }
    }

    /// A plan document checked without storing (`rekap validate`): `{"status": "accepted", "region",
    /// "kind", "from", "to", "findings"}`.
    public static func accepted(_ plan: PlanDocument, findings: [Finding]) -> JSONValue {
        let (from, to) = years(plan)
        return .object([
            JSONMember(key: "status", value: .string("accepted")),
            JSONMember(key: "region", value: .string(plan.region.text)),
            JSONMember(key: "kind", value: .string(PlanKind(plan).rawValue)),
            JSONMember(key: "from", value: .number(String(from))),
            JSONMember(key: "to", value: .number(String(to))),
            JSONMember(key: "findings", value: CheckReport.findings(findings)),
        ])
    }

    /// A Renstra's period, a PK's year twice.
    public static func years(_ plan: PlanDocument) -> (from: Int, to: Int) {
        switch plan {
        case .renstra(let renstra): (renstra.from, renstra.to)
        case .pk(let pk): (pk.year, pk.year)
        }
    }

    /// A stored report as ``SubmissionJSON/stored(_:)`` writes it, plus the `cross_findings` naming it.
    public static func storedReport(_ shown: StoredSubmission, crossFindings cross: [StoredCrossFinding]) -> JSONValue {
        let json = SubmissionJSON.stored(shown)
        guard case .object(let members) = json else { return json }
        return .object(members + [JSONMember(key: "cross_findings", value: crossFindings(cross))])
    }

    /// Report and plan listings in one array: the reports' as ``SubmissionJSON/listings(_:)`` writes them,
    /// then the plan revisions' (with `kind`, `from` and `to`).
    public static func listings(reports: [SubmissionListing], plans: [PlanListing]) -> JSONValue {
        guard case .array(let reportItems) = SubmissionJSON.listings(reports), case .array(let planItems) = listings(plans) else {
            return SubmissionJSON.listings(reports)
        }
        return .array(reportItems + planItems)
    }

    /// The plan revisions of a listing, each with its findings counted and its open cross findings.
    public static func listings(_ listings: [PlanListing]) -> JSONValue {
        .array(listings.map { listing in
            .object(revisionMembers(listing.revision) + [
                JSONMember(key: "submitted_at", value: .string(ReportFormat.timestamp(listing.submittedAt))),
                JSONMember(key: "findings", value: .object([
                    JSONMember(key: "error", value: .number(String(listing.findings.errors))),
                    JSONMember(key: "warning", value: .number(String(listing.findings.warnings))),
                    JSONMember(key: "info", value: .number(String(listing.findings.infos))),
                ])),
                JSONMember(key: "cross_findings", value: .number(String(listing.crossFindings))),
            ])
        })
    }

    /// One stored plan revision: metadata, its own findings, the cross findings naming it.
    public static func stored(_ shown: StoredPlan) -> JSONValue {
        .object(revisionMembers(shown.revision) + [
            JSONMember(key: "submitted_at", value: .string(ReportFormat.timestamp(shown.submittedAt))),
            JSONMember(key: "format", value: .string(shown.revision.kind == .renstra ? Renstra.formatV1 : PerjanjianKinerja.formatV1)),
            JSONMember(key: "document_bytes", value: .number(String(shown.document.count))),
            JSONMember(key: "document_sha256", value: .string(shown.documentSHA256)),
            JSONMember(key: "findings", value: CheckReport.findings(shown.findings)),
            JSONMember(key: "cross_findings", value: crossFindings(shown.crossFindings)),
        ])
    }

    /// `[{"severity", "rule", "message", "message_id", "subject": {…}, "against": {…}}]` (`message` in
    /// English, `message_id` in Bahasa Indonesia), each side naming its document:
    /// `{"kind", "region", "year", "to" (a Renstra's last year), "id", "revision", "pointer", "document"}`,
    /// `document` being its name in plain words ("PK murni 2023 14.72.02").
    public static func crossFindings(_ findings: [StoredCrossFinding]) -> JSONValue {
        .array(findings.map { stored in
            .object([
                JSONMember(key: "severity", value: .string(stored.finding.severity.rawValue)),
                JSONMember(key: "rule", value: .string(stored.finding.rule)),
                JSONMember(key: "message", value: .string(stored.finding.message)),
                JSONMember(key: "message_id", value: .string(stored.finding.text.id)),
                JSONMember(key: "subject", value: side(stored.finding.subject, stored.subject)),
                JSONMember(key: "against", value: side(stored.finding.against, stored.against)),
            ])
        })
    }

    private static func side(_ place: DocumentPlace, _ name: StoredDocumentName) -> JSONValue {
        let reference = place.document
        var members = [JSONMember(key: "kind", value: .string(kindText(reference.kind)))]
        if case .report(let period) = reference.kind {
            members.append(JSONMember(key: "period", value: .string(period.rawValue)))
        }
        members += [
            JSONMember(key: "region", value: .string(reference.region.text)),
            JSONMember(key: "year", value: .number(String(reference.year))),
        ]
        if case .renstra(let to) = reference.kind { members.append(JSONMember(key: "to", value: .number(String(to)))) }
        members += [
            JSONMember(key: "id", value: .number(String(name.id))),
            JSONMember(key: "revision", value: .number(String(name.revision))),
            JSONMember(key: "pointer", value: .string(place.pointer.description)),
            JSONMember(key: "document", value: .string(reference.description)),
        ]
        return .object(members)
    }

    /// `report`, `renstra`, `pk_murni`, `pk_perubahan`.
    public static func kindText(_ kind: DocumentReference.Kind) -> String {
        switch kind {
        case .report: "report"
        case .renstra: PlanKind.renstra.rawValue
        case .pk(.murni): PlanKind.pkMurni.rawValue
        case .pk(.perubahan): PlanKind.pkPerubahan.rawValue
        }
    }

    /// `"id", "region", "city", "kind", "from", "to", "revision"` of a stored plan revision.
    public static func revisionMembers(_ revision: PlanRevision) -> [JSONMember] {
        [
            JSONMember(key: "id", value: .number(String(revision.id))),
            JSONMember(key: "region", value: .string(revision.region.text)),
            JSONMember(key: "city", value: .string(revision.city.text)),
            JSONMember(key: "kind", value: .string(revision.kind.rawValue)),
            JSONMember(key: "from", value: .number(String(revision.from))),
            JSONMember(key: "to", value: .number(String(revision.to))),
            JSONMember(key: "revision", value: .number(String(revision.revision))),
        ]
    }
}
