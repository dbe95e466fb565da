/// A JSON value as written, with numbers kept as their text.
///
/// Why not Foundation: on Linux (swift-foundation, Swift 6.3.1, checked) `JSONSerialization` returns
/// ordinary numbers as Double-backed `NSNumber` (143512700.07 arrives as a Double), silently keeps the
/// last of two duplicate keys, loses key order and gives no position for errors; `JSONDecoder` shares
/// the duplicate-key and position problems. Rupiah and indicator values must be exact, and a report
/// with `"pagu"` twice is ambiguous, so rekap parses JSON itself (`JSONParser`).
public enum JSONValue: Sendable, Hashable {
    /// Members in document order; keys are unique (the parser rejects duplicates).
    case object([JSONMember])
    case array([JSONValue])
    case string(String)
    /// The number exactly as written, e.g. "143512700.07" or "1e5" (valid JSON; callers decide).
    case number(String)
    case bool(Bool)
    case null

    /// The JSON type name used in messages: "object", "array", "string", "number", "boolean", "null".
    public var typeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }

    /// The value of `key` when this is an object holding it.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }
}

/// One `"key": value` pair of an object.
public struct JSONMember: Sendable, Hashable {
    public let key: String
    public let value: JSONValue
    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}
