import Foundation
import RekapDomain

/// The findings attached to one stored submission (its latest revision for its period).
public struct SubmissionFindings: Sendable, Hashable {
    public var submissionID: Int64
    public var region: ReportRegion
    public var period: Period
    public var revision: Int
    public var submittedAt: Date?
    /// Worst first, as stored.
    public var findings: [Item]

    /// One finding as stored: the rule id is kept as text, so rules added later still show.
    public struct Item: Sendable, Hashable {
        public var severity: Finding.Severity
        public var rule: String
        public var pointer: String
        public var message: String

        public init(severity: Finding.Severity, rule: String, pointer: String, message: String) {
            self.severity = severity
            self.rule = rule
            self.pointer = pointer
            self.message = message
        }
    }

    public init(submissionID: Int64, region: ReportRegion, period: Period, revision: Int, submittedAt: Date? = nil, findings: [Item]) {
        self.submissionID = submissionID
        self.region = region
        self.period = period
        self.revision = revision
        self.submittedAt = submittedAt
        self.findings = findings
    }
}
