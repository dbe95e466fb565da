/// Something said beside a form field (or on top, when it has no field): a value that could not be
/// read, a rejection problem, or a checker's finding.
public struct FormNote: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The text could not be read, or the document is rejected: nothing can be sent until fixed.
        case problem
        /// A finding of severity error, warning or info: the report can be sent with it.
        case error, warning, info

        /// How the page calls it.
        var label: String {
            switch self {
            case .problem: "Harus diperbaiki"
            case .error: "Temuan (error)"
            case .warning: "Temuan (peringatan)"
            case .info: "Catatan"
            }
        }
    }

    /// The JSON pointer without its leading `/` (the field's key, or a row's, or "" for the document).
    public let key: String
    public let kind: Kind
    /// The rule id of a finding, or the problem kind.
    public let rule: String?
    public let message: String

    public init(key: String, kind: Kind, rule: String? = nil, message: String) {
        self.key = key
        self.kind = kind
        self.rule = rule
        self.message = message
    }
}
