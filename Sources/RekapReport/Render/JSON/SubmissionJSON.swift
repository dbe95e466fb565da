import Foundation
import RekapDomain

/// Submissions as JSON, as `rekap submit / submissions list / submissions show --format json` print
/// them and the HTTP API answers them: one writer for both, so they never drift apart.
public enum SubmissionJSON {
    /// `{"status": "stored" | "unchanged" | "rejected", …}`; a rejection as `rekap validate` prints it.
    public static func outcome(_ outcome: SubmitOutcome) -> JSONValue {
        switch outcome {
        case .rejected(let problems):
            CheckReport.json(.rejected(problems))
        case .stored(let revision, let findings, let summary):
            .object([JSONMember(key: "status", value: .string("stored"))] + revisionMembers(revision) + [
                JSONMember(key: "findings", value: CheckReport.findings(findings)),
                JSONMember(key: "computed", value: CheckReport.computed(summary)),
            ])
        case .unchanged(let revision):
            .object([JSONMember(key: "status", value: .string("unchanged"))] + revisionMembers(revision))
        }
    }

    /// The revisions of a listing, each with its findings counted by severity.
    public static func listings(_ listings: [SubmissionListing]) -> JSONValue {
        .array(listings.map { listing in
            .object(revisionMembers(listing.revision) + [
                JSONMember(key: "submitted_at", value: .string(ReportFormat.timestamp(listing.submittedAt))),
                JSONMember(key: "findings", value: .object([
                    JSONMember(key: "error", value: .number(String(listing.findings.errors))),
                    JSONMember(key: "warning", value: .number(String(listing.findings.warnings))),
                    JSONMember(key: "info", value: .number(String(listing.findings.infos))),
                ])),
            ])
        })
    }

    /// One stored revision: metadata, who signed it, its findings and computed figures.
    public static func stored(_ shown: StoredSubmission) -> JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        let signed = shown.submission.signed.map { signed in
            JSONValue.object([
                JSONMember(key: "by", value: optional(signed.by)),
                JSONMember(key: "nip", value: optional(signed.nip)),
                JSONMember(key: "role", value: optional(signed.role)),
                JSONMember(key: "date", value: optional(signed.date?.description)),
            ])
        } ?? .null
        return .object(revisionMembers(shown.revision) + [
            JSONMember(key: "submitted_at", value: .string(ReportFormat.timestamp(shown.submittedAt))),
            JSONMember(key: "format", value: .string(shown.submission.format)),
            JSONMember(key: "document_bytes", value: .number(String(shown.document.count))),
            JSONMember(key: "document_sha256", value: .string(shown.documentSHA256)),
            JSONMember(key: "signed", value: signed),
            JSONMember(key: "findings", value: CheckReport.findings(shown.findings)),
            JSONMember(key: "computed", value: CheckReport.computed(shown.summary)),
        ])
    }

    /// `"id", "region", "city", "year", "period", "revision"` of a stored revision.
    public static func revisionMembers(_ revision: SubmissionRevision) -> [JSONMember] {
        [
            JSONMember(key: "id", value: .number(String(revision.id))),
            JSONMember(key: "region", value: .string(revision.region.text)),
            JSONMember(key: "city", value: .string(revision.city.text)),
            JSONMember(key: "year", value: .number(String(revision.year))),
            JSONMember(key: "period", value: .string(revision.period.rawValue)),
            JSONMember(key: "revision", value: .number(String(revision.revision))),
        ]
    }
}
