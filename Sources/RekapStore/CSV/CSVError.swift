/// What is wrong with a CSV record, and on which line it starts.
///
/// Attached to a ``CSVRecord`` as its ``CSVRecord/problem`` (reading goes on with the next record,
/// so a caller can report every bad line), or thrown when reading cannot go on
/// (``Reason/recordTooLong(limit:)``: typically a quote that is never closed).
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// A `"` inside a field that does not start with one (RFC 4180 forbids it).
        case quoteInUnquotedField(field: Int)
        /// Something other than `,` or a line end after the closing quote of a field.
        case textAfterClosingQuote(field: Int)
        /// The file ends inside a quoted field.
        case unterminatedQuote(field: Int)
        /// The record's bytes are not valid UTF-8.
        case invalidUTF8
        /// One record exceeds the reader's limit; reading stops.
        case recordTooLong(limit: Int)

        public var description: String {
            switch self {
            case .quoteInUnquotedField(let field): "field \(field) has a quote (\") but does not start with one"
            case .textAfterClosingQuote(let field): "field \(field) has text after its closing quote"
            case .unterminatedQuote(let field): "field \(field) opens a quote that is never closed"
            case .invalidUTF8: "the line is not valid UTF-8"
            case .recordTooLong(let limit): "the record is longer than \(limit) bytes (a quote never closed?); reading stopped"
            }
        }
    }

    /// The 1-based line on which the record starts.
    public let line: Int
    public let reason: Reason

    public init(line: Int, reason: Reason) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}
