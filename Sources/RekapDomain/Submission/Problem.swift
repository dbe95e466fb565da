/// Why a submission is rejected: one problem, where it is, in plain words.
/// An `Error` too, so a single problem can travel in a `Result`.
public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where (RFC 6901); "" is the whole document.
    public let pointer: JSONPointer
    public let kind: Kind
    /// Plain words with the offending value, e.g. `"2023-02-30" is not a date: …`.
    public let reason: String
    /// For a ``Kind/moreProblems`` problem, how many problems it stands for; 0 otherwise.
    public internal(set) var omitted = 0

    public init(_ kind: Kind, at pointer: JSONPointer, _ reason: String) {
        self.pointer = pointer
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "\(pointer.description.isEmpty ? "(document)" : pointer.description): \(reason)" }

    /// Stable short keywords for the kinds of problem (safe to store and match on).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case notUTF8 = "not-utf8"
        case empty
        case syntax
        case duplicateKey = "duplicate-key"
        case notObject = "not-an-object"
        case unknownFormat = "unknown-format"
        case missing
        case wrongType = "wrong-type"
        case notAllowed = "not-allowed"
        case invalidDate = "invalid-date"
        case invalidNumber = "invalid-number"
        case invalidAmount = "invalid-amount"
        case duplicateCode = "duplicate-code"
        case invalidRegion = "invalid-region"
        case outOfScope = "out-of-scope"
        case unknownRegion = "unknown-region"
        /// An array longer than its cap (``SubmissionLimits``), or a JSON array or object with
        /// more items than the parser takes.
        case tooMany = "too-many"
        /// A text field holding a control character (other than tab and newline).
        case controlCharacter = "control-character"
        /// The last entry of a capped list: how many more problems there are.
        case moreProblems = "more-problems"
    }
}

/// A region code named in a submission, with where it was named.
public struct RegionReference: Sendable, Hashable {
    public let code: RegionCode
    public let pointer: JSONPointer
}
