import Foundation

/// A stored plan document revision in full (`rekap submissions show ID` for a Renstra or a PK): the
/// original bytes, the decoded document, its own findings and the findings across documents that
/// name it.
public struct StoredPlan: Sendable {
    public let revision: PlanRevision
    public let submittedAt: Date
    /// SHA-256 of the original bytes, lowercase hex, as PostgreSQL computed it.
    public let documentSHA256: String
    public let document: [UInt8]
    public let plan: PlanDocument
    public let findings: [Finding]
    /// Open findings across documents naming this revision, on either side.
    public let crossFindings: [StoredCrossFinding]

    public init(revision: PlanRevision, submittedAt: Date, documentSHA256: String, document: [UInt8], plan: PlanDocument,
                findings: [Finding], crossFindings: [StoredCrossFinding]) {
        self.revision = revision
        self.submittedAt = submittedAt
        self.documentSHA256 = documentSHA256
        self.document = document
        self.plan = plan
        self.findings = findings
        self.crossFindings = crossFindings
    }
}

/// One stored plan revision in a listing, with counts of its own findings.
public struct PlanListing: Sendable, Hashable {
    public let revision: PlanRevision
    public let submittedAt: Date
    public let findings: FindingCounts
    /// Open findings across documents naming this revision.
    public let crossFindings: Int

    public init(revision: PlanRevision, submittedAt: Date, findings: FindingCounts, crossFindings: Int) {
        self.revision = revision
        self.submittedAt = submittedAt
        self.findings = findings
        self.crossFindings = crossFindings
    }
}
