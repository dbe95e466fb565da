/// What decoding a plan document found (``RenstraDecoder``, ``PKDecoder``): the document when there
/// were no problems, the problems (capped as a report's are), and what the checker needs next.
public struct PlanDecodingOutcome<Document: Sendable>: Sendable {
    /// The decoded document, when there were no problems.
    public var document: Document?
    public var problems: [Problem]
    public var unknownKeys: [JSONPointer]
    public var regions: [RegionReference]

    /// What `reader` collected while `document` was read; the document is kept only without problems.
    init(_ document: Document?, reader: SubmissionDecoder) {
        self.document = reader.problems.isEmpty ? document : nil
        problems = reader.problems.listed
        unknownKeys = reader.unknownKeys
        regions = reader.regions
    }
}
