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
        /// The message in both languages (a finding stored before translations has its English text in both).
        public var text: LocalizedText
        /// The English message.
        public var message: String { text.en }

        public init(severity: Finding.Severity, rule: String, pointer: String, text: LocalizedText) {
            self.severity = severity
            self.rule = rule
            self.pointer = pointer
            self.text = text
        }

        public init(severity: Finding.Severity, rule: String, pointer: String, message: String) {
            self.init(severity: severity, rule: rule, pointer: pointer, text: LocalizedText(message))
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
