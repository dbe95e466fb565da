/// A strict RFC 4180 reader for the tests: fields, quoted fields with doubled quotes, CRLF records.
enum CSVReader {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func records(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var characters = Array(text)[...]
        var quoted = false
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                guard field.isEmpty else { throw Malformed(description: "quote inside an unquoted field after \(field)") }
                quoted = true
            case ",":
                record.append(field); field = ""
            case "\r\n":
                record.append(field); field = ""
                records.append(record); record = []
            case "\n", "\r":
                throw Malformed(description: "bare line break after \(record)")
            default:
                field.append(character)
            }
        }
        if quoted { throw Malformed(description: "unterminated quote") }
        if !field.isEmpty || !record.isEmpty { throw Malformed(description: "last record without CRLF") }
        return records
    }
}
