/// Escaping for text placed in HTML and SVG, in element content and in quoted attribute values alike.
public enum HTMLEscape {
    /// Replaces `& < > " '` with character references, so names such as `Teluk Binjai & Co` or
    /// `<script>` print as written and cannot end an attribute or open a tag.
    public static func text(_ value: String) -> String {
        // Byte by byte: the five are ASCII, which never occurs inside a multi-byte UTF-8 sequence, so a
        // quote followed by a combining mark is escaped too (as a Character it would not compare equal).
        guard value.utf8.contains(where: isSpecial) else { return value }
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 16)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: false
        }
    }
}
