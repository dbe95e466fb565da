/// What became of a submitted plan document (contract §1.2).
public enum PlanSubmitOutcome: Sendable {
    /// Not stored: every problem found, each with its JSON pointer and reason.
    case rejected([Problem])
    /// Stored whole as a new revision, with its own findings and the findings across documents of its
    /// region and year(s) as they stand after it was stored.
    case stored(PlanRevision, document: PlanDocument, findings: [Finding], crossFindings: [StoredCrossFinding])
    /// Byte-identical to the latest revision of the same document key: nothing new stored.
    case unchanged(PlanRevision)
}

/// What became of any submitted document: a report (``SubmitOutcome``) or a plan document; the
/// `format` field decided which.
public enum DocumentSubmitOutcome: Sendable {
    /// A `rekap.submission/v1` report (or a document with no usable `format`), with the findings across
    /// documents of its region and year after it was stored (empty unless stored).
    case report(SubmitOutcome, crossFindings: [StoredCrossFinding])
    /// A `rekap.renstra/v1` or `rekap.pk/v1` document, or one of an unknown format.
    case plan(PlanSubmitOutcome)

    /// The problems of a rejection, of either kind; empty otherwise.
    public var problems: [Problem] {
        switch self {
        case .report(let outcome, _): outcome.problems
        case .plan(.rejected(let problems)): problems
        case .plan: []
        }
    }

    /// The id of the stored or matching document; nil for a rejection.
    public var id: Int64? {
        switch self {
        case .report(let outcome, _): outcome.revision?.id
        case .plan(.stored(let revision, _, _, _)), .plan(.unchanged(let revision)): revision.id
        case .plan(.rejected): nil
        }
    }
}
