/// A stored finding across documents: the domain finding (whose two ``DocumentReference``s carry the
/// stored ids as text) and, for each side, the stored document's id and revision number.
public struct StoredCrossFinding: Sendable, Hashable, CustomStringConvertible {
    public let finding: CrossFinding
    public let subject: StoredDocumentName
    public let against: StoredDocumentName

    public init(_ finding: CrossFinding, subject: StoredDocumentName, against: StoredDocumentName) {
        self.finding = finding
        self.subject = subject
        self.against = against
    }

    /// "warning plan.pk-target-vs-report: LKjIP 2023 14.72.02 (id 17, revisi 1) /indicators/0/target ↔
    /// PK murni 2023 14.72.02 (id 18, revisi 1) /indicators/0/target: …".
    public var description: String {
        "\(finding.severity.rawValue) \(finding.rule): \(side(finding.subject, subject)) ↔ \(side(finding.against, against)): \(finding.message)"
    }

    private func side(_ place: DocumentPlace, _ name: StoredDocumentName) -> String {
        "\(place.document) (id \(name.id), revisi \(name.revision)) \(place.pointer.description.isEmpty ? "/" : place.pointer.description)"
    }
}

/// A stored document named by a cross finding: its id (a submission's or a plan document's; they
/// share one sequence) and its revision number.
public struct StoredDocumentName: Sendable, Hashable {
    public let id: Int64
    public let revision: Int

    public init(id: Int64, revision: Int) {
        self.id = id
        self.revision = revision
    }
}
