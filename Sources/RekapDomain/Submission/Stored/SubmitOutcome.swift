/// What became of a submitted document.
public enum SubmitOutcome: Sendable {
    /// Not stored: every problem found, each with its JSON pointer and reason.
    case rejected([Problem])
    /// Stored whole as a new revision, with the findings attached to it and the figures computed from it.
    case stored(SubmissionRevision, findings: [Finding], summary: SubmissionSummary)
    /// Byte-identical to the latest revision of the same region, year and period: nothing new stored.
    /// (An earlier revision's bytes are a revert: `.stored` as a new revision.)
    case unchanged(SubmissionRevision)

    /// The stored or matching revision; nil for a rejection.
    public var revision: SubmissionRevision? {
        switch self {
        case .rejected: nil
        case .stored(let revision, _, _), .unchanged(let revision): revision
        }
    }

    public var problems: [Problem] {
        if case .rejected(let problems) = self { return problems }
        return []
    }
}
