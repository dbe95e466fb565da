import Foundation

/// A stored revision in full (`rekap submissions show`): what was submitted, byte for byte, and what
/// rekap found and computed.
public struct StoredSubmission: Sendable {
    public let revision: SubmissionRevision
    public let submittedAt: Date
    /// SHA-256 of the original bytes, lowercase hex, as PostgreSQL computed it.
    public let documentSHA256: String
    /// The original document, byte for byte as submitted.
    public let document: [UInt8]
    /// The document decoded (format, signature, indicators, budget, PBB rows, awards).
    public let submission: Submission
    /// The findings stored with the revision, in the order the checker produced them.
    public let findings: [Finding]
    /// Capaian, predikat, pagu, realisasi and penyerapan, computed from the stored document by the same
    /// domain code that computed them (and the stored capaian and predikat) when it was submitted.
    public let summary: SubmissionSummary

    public init(revision: SubmissionRevision, submittedAt: Date, documentSHA256: String, document: [UInt8],
                submission: Submission, findings: [Finding], summary: SubmissionSummary) {
        self.revision = revision
        self.submittedAt = submittedAt
        self.documentSHA256 = documentSHA256
        self.document = document
        self.submission = submission
        self.findings = findings
        self.summary = summary
    }
}
