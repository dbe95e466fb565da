/// Serialises a `JSONValue` as RFC 8259 text: keys in the order given, numbers as their text,
/// strings escaped minimally (quotes, backslash, control characters), non-ASCII kept as UTF-8.
public enum JSONWriter {
    /// `indent` nil gives compact output; otherwise each level is indented by that many spaces.
    public static func string(_ value: JSONValue, indent: Int? = 2) -> String {
        var output = ""
        write(value, into: &output, indent: indent, level: 0)
        return output
    }

    private static func write(_ value: JSONValue, into output: inout String, indent: Int?, level: Int) {
        let newline = indent == nil ? "" : "\n"
        func pad(_ level: Int) -> String { String(repeating: " ", count: (indent ?? 0) * level) }
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): output += quoted(text)
        case .array(let elements):
            if elements.isEmpty { output += "[]"; return }
            output += "[" + newline
            for (index, element) in elements.enumerated() {
                output += pad(level + 1)
                write(element, into: &output, indent: indent, level: level + 1)
                output += (index < elements.count - 1 ? "," : "") + newline
            }
            output += pad(level) + "]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += "{" + newline
            for (index, member) in members.enumerated() {
                output += pad(level + 1) + quoted(member.key) + (indent == nil ? ":" : ": ")
                write(member.value, into: &output, indent: indent, level: level + 1)
                output += (index < members.count - 1 ? "," : "") + newline
            }
            output += pad(level) + "}"
        }
    }

    /// A JSON string literal for `text`.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
