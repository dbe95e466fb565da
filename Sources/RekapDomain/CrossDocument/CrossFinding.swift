/// A finding between two documents (contract §1.3): it names both, with the place in each.
public struct CrossFinding: Sendable, Hashable, CustomStringConvertible {
    public let severity: Finding.Severity
    /// A stable id; see `CrossDocumentRule`.
    public let rule: String
    /// The figure found wrong or missing (in a report or a PK).
    public let subject: DocumentPlace
    /// The document it is measured against.
    public let against: DocumentPlace
    /// The message in both languages; Bahasa Indonesia is what pages show by default.
    public let text: LocalizedText
    /// The English message (the API's and the CLI's).
    public var message: String { text.en }

    public init(_ severity: Finding.Severity, _ rule: CrossDocumentRule, _ subject: DocumentPlace, against: DocumentPlace, _ text: LocalizedText) {
        self.severity = severity
        self.rule = rule.rawValue
        self.subject = subject
        self.against = against
        self.text = text
    }

    /// Both documents the finding involves.
    public var documents: [DocumentReference] { [subject.document, against.document] }

    public var description: String { "\(severity.rawValue) \(rule) \(subject) ↔ \(against): \(message)" }
}

/// The rule ids of cross-document findings. Raw values are stable: stored findings refer to them.
public enum CrossDocumentRule: String, Sendable, Hashable, CaseIterable {
    /// An FY report's `target` differs from the PK's (perubahan where it has the indicator, else murni).
    case pkTargetVsReport = "plan.pk-target-vs-report"
    /// A PK target differs from the Renstra's target for that year.
    case pkVsRenstra = "plan.pk-vs-renstra"
    /// A report's `renstra_target` differs from the Renstra's end target.
    case renstraEndVsReport = "plan.renstra-end-vs-report"
    /// An indicator of the FY report is missing from a PK of that year.
    case reportIndicatorNotInPK = "plan.iku-not-in-pk"
    /// An indicator of a PK is missing from the FY report.
    case pkIndicatorNotInReport = "plan.pk-iku-not-in-report"
    /// A murni PK program's `anggaran` differs from the report's `pagu_murni`; a perubahan PK's from `pagu`.
    case pkVsBudget = "plan.pk-vs-budget"
    /// A PK program the report's budget does not have.
    case pkProgramNotInBudget = "plan.pk-program-not-in-budget"
    /// A program of the report's budget (with an allocation) that the PK does not list.
    case budgetProgramNotInPK = "plan.program-not-in-pk"
    /// `previous` target or realisasi differs from last year's stored FY report.
    case previousYear = "plan.previous-year"
    /// A Q submission's target differs from the PK's target for that quarter; capaian is computed against the PK's.
    case quarterTarget = "plan.quarter-target"
}
