/// A PostgreSQL type OID, as in `pg_type.oid`.
public typealias PGOid = UInt32

/// One SQL statement and its parameter values, built by string interpolation.
///
/// Interpolated values never become SQL text: each `\(value)` turns into a `$n` placeholder
/// and the value is sent separately through `PQexecParams`.
///
/// ```swift
/// let q: PGQuery = "SELECT * FROM \(identifier: table) WHERE name = \(name) AND id > \(minID)"
/// // SQL: SELECT * FROM "regions" WHERE name = $1 AND id > $2
/// ```
///
/// - `\(value)`: a ``PGEncodable`` value (an `Optional` holding nil sends NULL).
/// - `\(identifier: "name")`: a quoted identifier (`"` doubled), for trusted table/column names.
/// - `\(unsafeRaw: "...")`: trusted SQL text, spliced as it is. Never pass user input.
/// - `\(otherQuery)`: another `PGQuery`, its placeholders renumbered.
public struct PGQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    enum Segment: Sendable {
        case sql(String)
        case binding(Int)  // 0-based index into `bindings`
    }

    /// A parameter value: PostgreSQL text format (nil is NULL) and its type OID (0: inferred).
    struct Binding: Sendable {
        var text: String?
        var oid: PGOid
    }

    var segments: [Segment] = []
    var bindings: [Binding] = []
    /// The first encoding failure, thrown when the query runs (interpolation cannot throw).
    var encodingError: PGError?

    /// A query from trusted SQL text with no parameters.
    public init(unsafeSQL sql: String) { segments = [.sql(sql)] }

    public init(stringLiteral value: String) { segments = [.sql(value)] }

    public init(stringInterpolation: StringInterpolation) { self = stringInterpolation.query }

    /// The SQL text with `$1`, `$2`... placeholders. Safe to log: it holds no values.
    public var sql: String {
        var s = ""
        for segment in segments {
            switch segment {
            case .sql(let text): s += text
            case .binding(let i): s += "$\(i + 1)"
            }
        }
        return s
    }

    /// The number of bound parameters.
    public var parameterCount: Int { bindings.count }

    /// The SQL text only; parameter values are never printed.
    public var description: String { sql }

    public var debugDescription: String { "PGQuery(\(sql.debugDescription), \(bindings.count) parameters)" }

    /// Hides parameter values from `dump` and debuggers' reflection too.
    public var customMirror: Mirror {
        Mirror(self, children: ["sql": sql, "parameterCount": bindings.count], displayStyle: .struct)
    }

    /// Appends a value as a new parameter.
    public mutating func bind(_ value: (any PGEncodable)?) {
        let text: String?
        let oid: PGOid
        if let value {
            oid = type(of: value).pgTypeOID
            do throws(PGError) {
                text = try value.pgEncode()
            } catch {
                if encodingError == nil { encodingError = error }
                text = nil
            }
        } else {
            oid = 0
            text = nil
        }
        segments.append(.binding(bindings.count))
        bindings.append(Binding(text: text, oid: oid))
    }

    /// Appends another query, renumbering its parameters.
    public mutating func append(_ other: PGQuery) {
        let offset = bindings.count
        for segment in other.segments {
            switch segment {
            case .sql: segments.append(segment)
            case .binding(let i): segments.append(.binding(i + offset))
            }
        }
        bindings += other.bindings
        if encodingError == nil { encodingError = other.encodingError }
    }

    public static func + (lhs: PGQuery, rhs: PGQuery) -> PGQuery {
        var q = lhs
        q.append(rhs)
        return q
    }

    /// Quotes an identifier the way `PQescapeIdentifier` does for UTF-8: wrap in double
    /// quotes and double any embedded double quote. The result is case-sensitive.
    public static func quoteIdentifier(_ name: String) -> String {
        var quoted = "\""
        for ch in name {
            if ch == "\"" { quoted.append("\"") }
            quoted.append(ch)
        }
        quoted.append("\"")
        return quoted
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var query = PGQuery(unsafeSQL: "")

        public init(literalCapacity: Int, interpolationCount: Int) {
            query.segments = []
            query.segments.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            query.segments.append(.sql(literal))
        }

        /// `\(value)`: binds a value as a `$n` parameter.
        public mutating func appendInterpolation<T: PGEncodable>(_ value: T) {
            query.bind(value)
        }

        /// `\(optional)`: binds a value, or NULL.
        public mutating func appendInterpolation<T: PGEncodable>(_ value: T?) {
            query.bind(value)
        }

        /// `\(identifier: "Name")` or `\(identifier: "schema", "table")`: quoted identifiers, dot-joined.
        public mutating func appendInterpolation(identifier parts: String...) {
            query.segments.append(.sql(parts.map(PGQuery.quoteIdentifier).joined(separator: ".")))
        }

        /// `\(unsafeRaw: sql)`: trusted SQL text, spliced without quoting.
        public mutating func appendInterpolation(unsafeRaw sql: String) {
            query.segments.append(.sql(sql))
        }

        /// `\(fragment)`: another query, its parameters renumbered.
        public mutating func appendInterpolation(_ fragment: PGQuery) {
            query.append(fragment)
        }
    }
}
