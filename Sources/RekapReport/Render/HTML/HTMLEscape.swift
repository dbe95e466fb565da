/// Escaping for text placed in HTML and SVG, in element content and in quoted attribute values alike.
public enum HTMLEscape {
    /// Replaces `& < > " '` with character references, so names such as `Teluk Binjai & Co` or
    /// `<script>` print as written and cannot end an attribute or open a tag.
    public static func text(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
