/// Why bytes are not one JSON text, and where.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Byte offset from the start of the input (0-based).
    public let offset: Int
    /// 1-based line and column (column counted in bytes), for people reading the file.
    public let line: Int
    public let column: Int
    /// The value being read when it went wrong, e.g. `/budget/programs/3`.
    public let pointer: JSONPointer
    /// Plain words, e.g. "unterminated string".
    public let reason: String
    /// What kind of failure, for callers that map errors to their own categories.
    public let kind: Kind

    public enum Kind: String, Sendable, Hashable {
        case invalidUTF8 = "invalid-utf8"
        case empty
        case duplicateKey = "duplicate-key"
        case tooDeep = "too-deep"
        /// An array or object with more items than ``JSONParser/maxItems``.
        case tooManyItems = "too-many-items"
        case syntax
    }

    public var description: String { "line \(line), column \(column): \(reason)" }
}

/// A strict RFC 8259 parser from bytes to `JSONValue`.
///
/// Rejects: invalid UTF-8 (overlong forms, surrogates, > U+10FFFF), an empty or truncated text,
/// anything after the value but whitespace, leading zeros, `+1`, `.5`, `1.`, unescaped control
/// characters in strings, invalid escapes, lone UTF-16 surrogates in `\u` escapes, duplicate keys
/// within one object (ambiguous: other parsers keep the first or the last), nesting deeper than
/// `maxDepth`, arrays and objects of more than `maxItems` items, `NaN`/`Infinity`, comments and
/// trailing commas.
/// A leading UTF-8 byte order mark is skipped, as RFC 8259 §8.1 allows, since Windows editors add one.
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted (the submission needs 6).
    public var maxDepth: Int
    /// The most elements of one array or members of one object. Parsing stops at the first one
    /// beyond: a small body of `[0,0,0,…]` is millions of values otherwise, built only to be refused.
    /// Above every cap of ``SubmissionLimits``, which the decoder reports at the array itself.
    public var maxItems: Int

    public init(maxDepth: Int = 64, maxItems: Int = 10_000) {
        self.maxDepth = maxDepth
        self.maxItems = maxItems
    }

    /// Parses `bytes` as exactly one JSON value.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        var state = State(bytes: Array(bytes), maxDepth: maxDepth, maxItems: maxItems)
        return try state.parseDocument()
    }

    /// Parses `text` (already Unicode) as exactly one JSON value.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private struct State {
        let bytes: [UInt8]
        let maxDepth: Int
        let maxItems: Int
        var index = 0
        var path: [String] = []
        var depth = 0

        init(bytes: [UInt8], maxDepth: Int, maxItems: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
            self.maxItems = maxItems
        }

        func tooManyItems(_ what: String) -> JSONParseError {
            error("\(what) has more than \(maxItems) items; that is more than any document of this format holds", kind: .tooManyItems)
        }

        func error(_ reason: String, at offset: Int? = nil, kind: JSONParseError.Kind = .syntax) -> JSONParseError {
            let offset = offset ?? index
            var line = 1
            var lineStart = 0
            for position in 0..<min(offset, bytes.count) where bytes[position] == UInt8(ascii: "\n") {
                line += 1
                lineStart = position + 1
            }
            return JSONParseError(offset: offset, line: line, column: offset - lineStart + 1,
                                  pointer: JSONPointer(tokens: path), reason: reason, kind: kind)
        }

        mutating func parseDocument() throws(JSONParseError) -> JSONValue {
            if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
                throw error("the text is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad))", at: bad, kind: .invalidUTF8)
            }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
            skipWhitespace()
            if index >= bytes.count { throw error(bytes.isEmpty ? "the document is empty" : "the document has no JSON value, only whitespace", kind: .empty) }
            let value = try parseValue()
            skipWhitespace()
            if index < bytes.count { throw error("unexpected \(describe(bytes[index])) after the end of the JSON value") }
            return value
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        func describe(_ byte: UInt8) -> String {
            if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }

        mutating func parseValue() throws(JSONParseError) -> JSONValue {
            guard index < bytes.count else { throw error("the document ends where a value was expected (truncated?)") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject()
            case UInt8(ascii: "["): return try parseArray()
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            case UInt8(ascii: "+"), UInt8(ascii: "."): throw error("a number must start with a digit or '-'")
            default: throw error("unexpected \(describe(bytes[index])) where a value was expected")
            }
        }

        mutating func literal(_ word: String) throws(JSONParseError) {
            let expected = Array(word.utf8)
            for (offset, byte) in expected.enumerated() {
                let position = index + offset
                if position >= bytes.count { throw error("the document ends inside '\(word)' (truncated?)", at: position) }
                if bytes[position] != byte { throw error("unknown word; expected '\(word)'") }
            }
            index += expected.count
        }

        mutating func enter() throws(JSONParseError) {
            depth += 1
            if depth > maxDepth { throw error("nesting is deeper than \(maxDepth) levels", kind: .tooDeep) }
        }

        mutating func parseObject() throws(JSONParseError) -> JSONValue {
            try enter()
            index += 1
            var members: [JSONMember] = []
            var seen: Set<String> = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return .object([]) }
            while true {
                skipWhitespace()
                guard index < bytes.count else { throw error("the document ends inside an object (truncated?)") }
                guard bytes[index] == UInt8(ascii: "\"") else {
                    if bytes[index] == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
                    throw error("expected a key in double quotes, found \(describe(bytes[index]))")
                }
                if members.count == maxItems { throw tooManyItems("an object") }
                let keyStart = index
                let key = try parseString()
                if !seen.insert(key).inserted {
                    path.append(key)
                    defer { path.removeLast() }
                    throw error("the key \"\(key)\" appears twice in the same object", at: keyStart, kind: .duplicateKey)
                }
                skipWhitespace()
                guard index < bytes.count else { throw error("the document ends after a key (truncated?)") }
                guard bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after the key \"\(key)\"") }
                index += 1
                skipWhitespace()
                path.append(key)
                let value = try parseValue()
                path.removeLast()
                members.append(JSONMember(key: key, value: value))
                skipWhitespace()
                guard index < bytes.count else { throw error("the document ends inside an object (truncated?)") }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"): index += 1; depth -= 1; return .object(members)
                default: throw error("expected ',' or '}' in an object, found \(describe(bytes[index]))")
                }
            }
        }

        mutating func parseArray() throws(JSONParseError) -> JSONValue {
            try enter()
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return .array([]) }
            while true {
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { throw error("trailing comma before ']'") }
                if elements.count == maxItems { throw tooManyItems("an array") }
                path.append(String(elements.count))
                let value = try parseValue()
                path.removeLast()
                elements.append(value)
                skipWhitespace()
                guard index < bytes.count else { throw error("the document ends inside an array (truncated?)") }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"): index += 1; depth -= 1; return .array(elements)
                default: throw error("expected ',' or ']' in an array, found \(describe(bytes[index]))")
                }
            }
        }

        /// Reads `"…"`; the input is already known to be valid UTF-8.
        mutating func parseString() throws(JSONParseError) -> String {
            let start = index
            index += 1
            var scalars = String.UnicodeScalarView()
            var runStart = index
            func flush(_ state: State, _ scalars: inout String.UnicodeScalarView, upTo end: Int) {
                if end > runStart {
                    scalars.append(contentsOf: String(decoding: state.bytes[runStart..<end], as: UTF8.self).unicodeScalars)
                }
            }
            while true {
                guard index < bytes.count else { throw error("the document ends inside a string (truncated?)", at: start) }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    flush(self, &scalars, upTo: index)
                    index += 1
                    return String(scalars)
                }
                if byte < 0x20 { throw error("a control character (0x\(String(byte, radix: 16, uppercase: true))) must be escaped inside a string") }
                if byte == UInt8(ascii: "\\") {
                    flush(self, &scalars, upTo: index)
                    let escapeStart = index
                    index += 1
                    guard index < bytes.count else { throw error("the document ends inside a string (truncated?)", at: start) }
                    switch bytes[index] {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        index += 1
                        let unit = try hex4()
                        if (0xD800...0xDBFF).contains(unit) {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                                throw error("a lone UTF-16 high surrogate \\u\(String(unit, radix: 16, uppercase: true)) has no low surrogate after it", at: escapeStart)
                            }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else {
                                throw error("a UTF-16 high surrogate is followed by \\u\(String(low, radix: 16, uppercase: true)), not a low surrogate", at: escapeStart)
                            }
                            let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                            scalars.append(Unicode.Scalar(value)!)
                        } else if (0xDC00...0xDFFF).contains(unit) {
                            throw error("a lone UTF-16 low surrogate \\u\(String(unit, radix: 16, uppercase: true))", at: escapeStart)
                        } else {
                            scalars.append(Unicode.Scalar(unit)!)
                        }
                        runStart = index
                        continue
                    default:
                        throw error("invalid escape \\\(describe(bytes[index]).trimmingQuotes)")
                    }
                    index += 1
                    runStart = index
                    continue
                }
                index += 1
            }
        }

        mutating func hex4() throws(JSONParseError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard index < bytes.count else { throw error("the document ends inside a \\u escape (truncated?)") }
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw error("a \\u escape needs 4 hexadecimal digits")
                }
                value = value * 16 + digit
                index += 1
            }
            return value
        }

        /// Reads a number per RFC 8259 and returns its text unchanged.
        mutating func parseNumber() throws(JSONParseError) -> String {
            let start = index
            func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else {
                throw error(index >= bytes.count ? "the document ends inside a number (truncated?)" : "a '-' must be followed by a digit")
            }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if isDigit(index) { throw error("a number must not have leading zeros", at: start) }
            } else {
                while isDigit(index) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard isDigit(index) else { throw error("a '.' in a number must be followed by a digit") }
                while isDigit(index) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard isDigit(index) else { throw error("an exponent must have digits") }
                while isDigit(index) { index += 1 }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }
}

extension String {
    fileprivate var trimmingQuotes: String { filter { $0 != "'" } }
}

/// UTF-8 validation per RFC 3629 (no overlong forms, no surrogates, nothing above U+10FFFF).
public enum UTF8Validation {
    /// The offset of the first byte that starts an invalid or truncated sequence, or nil if all is valid.
    public static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var lowerBound: UInt8 = 0x80
            var upperBound: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upperBound = 0x9F  // would encode a UTF-16 surrogate
            case 0xF0: length = 4; lowerBound = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upperBound = 0x8F  // above U+10FFFF otherwise
            default: return index  // continuation byte without a lead, 0xC0/0xC1 (overlong), 0xF5...
            }
            if index + length > count { return index }
            let second = bytes[index + 1]
            if second < lowerBound || second > upperBound { return index }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }
}
