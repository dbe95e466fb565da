/// One CSV field, typed by its column: the writer neutralises text that a spreadsheet would run as a
/// formula, and writes numbers as they are, so a negative amount stays a number.
public enum CSVField: Sendable, Hashable {
    /// Anything a person or an office typed (names, codes, messages) and any other text.
    case text(String)
    /// The exact text of a number in a numeric column (`DecimalText`, `String(Int)`), or "" for no value.
    case number(String)
}
