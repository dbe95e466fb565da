/// `application/x-www-form-urlencoded` fields, as a login form or a report form posts them.
enum FormFields {
    /// The fields of `body`; the last one wins when a name repeats. A name or value with a broken
    /// escape (`%zz`) or escapes that are not UTF-8 is kept as sent (with `+` as a space).
    static func parse(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        // On the bytes: a report form posts ~500 fields, and Foundation's string replacing and percent
        // decoding took a fifth of a Periksa.
        for pair in body.utf8.split(separator: UInt8(ascii: "&")) {
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                fields[decode(pair[..<equals])] = decode(pair[pair.index(after: equals)...])
            } else {
                fields[decode(pair)] = ""
            }
        }
        return fields
    }

    static func decode(_ text: Substring.UTF8View) -> String {
        guard text.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(Substring(text)) }
        let spaced = text.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(spaced.count)
        var index = 0
        while index < spaced.count {
            let byte = spaced[index]
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); index += 1; continue }
            guard index + 2 < spaced.count, let high = hexValue(spaced[index + 1]), let low = hexValue(spaced[index + 2]) else {
                return String(decoding: spaced, as: UTF8.self)
            }
            bytes.append(high << 4 | low)
            index += 3
        }
        return String(validating: bytes, as: UTF8.self) ?? String(decoding: spaced, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
