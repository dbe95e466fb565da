import Foundation

/// One line of a region's revisions (`rekap submissions list`): a revision with when it came and how
/// many findings it has.
public struct SubmissionListing: Sendable, Hashable {
    public let revision: SubmissionRevision
    public let submittedAt: Date
    public let findings: FindingCounts

    public init(revision: SubmissionRevision, submittedAt: Date, findings: FindingCounts) {
        self.revision = revision
        self.submittedAt = submittedAt
        self.findings = findings
    }
}
