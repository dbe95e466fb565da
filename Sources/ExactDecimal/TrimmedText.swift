extension StringProtocol {
    /// The text without the whitespace (Unicode's, newlines included) at either end: what people
    /// type around a number or a name. In the standard library's terms rather than Foundation's
    /// `trimmingCharacters(in:)`, which on Linux bridges every string and was a measurable part of
    /// reading a whole report form.
    public var trimmedText: SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
