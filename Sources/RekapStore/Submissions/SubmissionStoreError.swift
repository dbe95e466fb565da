import RekapDomain

/// Failures of the submission store that are not PostgreSQL errors.
public enum SubmissionStoreError: Error, Sendable, CustomStringConvertible {
    /// A statement stored fewer or more rows of a table than the document holds; the transaction was
    /// rolled back, so nothing of the submission is stored.
    case incompleteWrite(table: String, stored: Int, expected: Int)
    /// A stored document no longer passes the checker (its rules changed since it was stored).
    case storedDocumentUnreadable(id: Int64, problems: [Problem])
    /// The submission's region is outside the API token's scope (refused by row-level security);
    /// nothing was stored.
    case notAllowed(region: RegionCode, scope: AccessScope)

    public var description: String {
        switch self {
        case .incompleteWrite(let table, let stored, let expected):
            "stored \(stored) \(table) rows of the \(expected) in the document; nothing was stored"
        case .storedDocumentUnreadable(let id, let problems):
            "stored submission \(id) no longer passes the checker: \(problems.map(\.description).joined(separator: "; "))"
        case .notAllowed(let region, let scope):
            "submitting for \(region.text) is not allowed for this token's region (\(scope)); nothing was stored"
        }
    }
}
