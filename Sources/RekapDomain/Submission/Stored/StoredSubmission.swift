import Foundation
import RekapDomain

/// One line of `SubmissionStore.list`: a revision with when it came and how many findings it has.
public struct SubmissionListing: Sendable, Hashable {
    public let revision: SubmissionRevision
    public let submittedAt: Date
    public let findings: FindingCounts
}

/// Findings of one submission counted by severity.
public struct FindingCounts: Sendable, Hashable {
    public let errors: Int
    public let warnings: Int
    public let infos: Int

    public init(errors: Int, warnings: Int, infos: Int) {
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
    }

    public var total: Int { errors + warnings + infos }
}

/// A stored revision in full, as `SubmissionStore.show` returns it.
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
}
