import ExactDecimal
import Foundation

/// Well-known type OIDs (`pg_type.oid`) used by the built-in conversions.
public enum PGType {
    public static let bool: PGOid = 16
    public static let bytea: PGOid = 17
    public static let char: PGOid = 18
    public static let name: PGOid = 19
    public static let int8: PGOid = 20
    public static let int2: PGOid = 21
    public static let int4: PGOid = 23
    public static let text: PGOid = 25
    public static let oid: PGOid = 26
    public static let json: PGOid = 114
    public static let xml: PGOid = 142
    public static let float4: PGOid = 700
    public static let float8: PGOid = 701
    public static let unknown: PGOid = 705
    public static let bpchar: PGOid = 1042
    public static let varchar: PGOid = 1043
    public static let date: PGOid = 1082
    public static let time: PGOid = 1083
    public static let timestamp: PGOid = 1114
    public static let timestamptz: PGOid = 1184
    public static let interval: PGOid = 1186
    public static let numeric: PGOid = 1700
    public static let uuid: PGOid = 2950
    public static let jsonb: PGOid = 3802

    static let integers: Set<PGOid> = [int2, int4, int8, oid]

    /// A readable name for error messages.
    public static func name(of oid: PGOid) -> String {
        switch oid {
        case bool: "boolean"
        case bytea: "bytea"
        case char: "\"char\""
        case name: "name"
        case int8: "bigint"
        case int2: "smallint"
        case int4: "integer"
        case text: "text"
        case self.oid: "oid"
        case json: "json"
        case xml: "xml"
        case float4: "real"
        case float8: "double precision"
        case unknown: "unknown"
        case bpchar: "character"
        case varchar: "character varying"
        case date: "date"
        case time: "time"
        case timestamp: "timestamp"
        case timestamptz: "timestamptz"
        case interval: "interval"
        case numeric: "numeric"
        case uuid: "uuid"
        case jsonb: "jsonb"
        default: "type oid \(oid)"
        }
    }
}

/// A non-NULL value of a result cell in text format, valid only during a decode call.
public struct PGCell {
    /// The value's text, UTF-8, without a terminating NUL. Do not keep it.
    public let bytes: UnsafeRawBufferPointer
    /// The column's type OID.
    public let type: PGOid

    /// The text as a Swift string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Throws a ``PGError/DecodingFailure/typeMismatch`` unless the column type is one of `types`.
    public func expect<T>(_ types: Set<PGOid>, for swiftType: T.Type) throws(PGError) {
        guard types.contains(type) else {
            throw .decoding(.typeMismatch, "cannot decode \(PGType.name(of: type)) as \(T.self)")
        }
    }

    /// A ``PGError/DecodingFailure/invalidValue`` error for this cell (the value is not shown).
    public func invalid<T>(_ swiftType: T.Type) -> PGError {
        .decoding(.invalidValue, "invalid \(PGType.name(of: type)) text for \(T.self)")
    }
}

/// A Swift value that can be sent as a query parameter (text format).
public protocol PGEncodable: Sendable {
    /// The parameter type sent to the server; 0 lets the server infer it from context.
    static var pgTypeOID: PGOid { get }
    /// The value in PostgreSQL text format, or nil for NULL.
    func pgEncode() throws(PGError) -> String?
}

/// A Swift value that can be read from a text-format result cell.
///
/// Time zones: sessions run with `TimeZone=UTC`. `Date` reads `timestamptz` as the instant it
/// is, and `timestamp` and `date` (which have no zone) as UTC wall-clock time; `Date`
/// parameters are sent as `timestamptz` in UTC.
public protocol PGDecodable: Sendable {
    /// Decodes a non-NULL cell.
    init(pgCell cell: PGCell) throws(PGError)
    /// The value for NULL; the default throws ``PGError/DecodingFailure/unexpectedNull``.
    static func pgDecodeNull() throws(PGError) -> Self
}

extension PGDecodable {
    public static func pgDecodeNull() throws(PGError) -> Self {
        throw .decoding(.unexpectedNull, "NULL cannot be decoded as non-optional \(Self.self)")
    }
}

/// Both directions.
public typealias PGCodable = PGEncodable & PGDecodable

// MARK: - Optional

extension Optional: PGEncodable where Wrapped: PGEncodable {
    public static var pgTypeOID: PGOid { Wrapped.pgTypeOID }
    public func pgEncode() throws(PGError) -> String? {
        switch self {
        case .none: nil
        case .some(let w): try w.pgEncode()
        }
    }
}

extension Optional: PGDecodable where Wrapped: PGDecodable {
    public init(pgCell cell: PGCell) throws(PGError) { self = .some(try Wrapped(pgCell: cell)) }
    public static func pgDecodeNull() throws(PGError) -> Self { .none }
}

// MARK: - Bool

extension Bool: PGEncodable, PGDecodable {
    public static var pgTypeOID: PGOid { PGType.bool }
    public func pgEncode() throws(PGError) -> String? { self ? "t" : "f" }
    public init(pgCell cell: PGCell) throws(PGError) {
        try cell.expect([PGType.bool], for: Bool.self)
        guard cell.bytes.count == 1 else { throw cell.invalid(Bool.self) }
        switch cell.bytes[0] {
        case UInt8(ascii: "t"): self = true
        case UInt8(ascii: "f"): self = false
        default: throw cell.invalid(Bool.self)
        }
    }
}

// MARK: - Integers

/// Parses `-?digits` into Int64, nil on anything else or overflow.
func parseInt64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
    var i = 0
    var negative = false
    if bytes.count > 0, bytes[0] == UInt8(ascii: "-") {
        negative = true
        i = 1
    }
    guard i < bytes.count else { return nil }
    var value: Int64 = 0
    while i < bytes.count {
        let d = bytes[i] &- 48
        guard d < 10 else { return nil }
        // Accumulate negatively so Int64.min parses.
        let (m, o1) = value.multipliedReportingOverflow(by: 10)
        let (s, o2) = m.subtractingReportingOverflow(Int64(d))
        guard !o1, !o2 else { return nil }
        value = s
        i += 1
    }
    if negative { return value }
    let (p, o) = Int64(0).subtractingReportingOverflow(value)
    return o ? nil : p
}

/// Shared decoding for the fixed-width integers: integer columns only, range-checked.
protocol PGIntegerCodable: FixedWidthInteger, PGEncodable, PGDecodable {}

extension PGIntegerCodable {
    public func pgEncode() throws(PGError) -> String? { String(self) }
    public init(pgCell cell: PGCell) throws(PGError) {
        try cell.expect(PGType.integers, for: Self.self)
        guard let v = parseInt64(cell.bytes), let exact = Self(exactly: v) else {
            throw cell.invalid(Self.self)
        }
        self = exact
    }
}

extension Int: PGIntegerCodable { public static var pgTypeOID: PGOid { PGType.int8 } }
extension Int64: PGIntegerCodable { public static var pgTypeOID: PGOid { PGType.int8 } }
extension Int32: PGIntegerCodable { public static var pgTypeOID: PGOid { PGType.int4 } }
extension Int16: PGIntegerCodable { public static var pgTypeOID: PGOid { PGType.int2 } }

// MARK: - Floating point

extension Double: PGEncodable, PGDecodable {
    public static var pgTypeOID: PGOid { PGType.float8 }
    public func pgEncode() throws(PGError) -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return String(self)  // shortest round-tripping form
    }
    /// Reads `real` and `double precision` only: `numeric` into `Double` is a type mismatch
    /// (it would lose exactness; decode `Decimal`).
    public init(pgCell cell: PGCell) throws(PGError) {
        try cell.expect([PGType.float4, PGType.float8], for: Double.self)
        switch cell.string {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        case let s:
            guard let v = Double(s) else { throw cell.invalid(Double.self) }
            self = v
        }
    }
}

// MARK: - Decimal

extension Decimal: PGEncodable, PGDecodable {
    public static var pgTypeOID: PGOid { PGType.numeric }
    public func pgEncode() throws(PGError) -> String? {
        guard !isNaN else {
            throw PGError(kind: .encoding, message: "Decimal NaN cannot be sent as numeric")
        }
        return DecimalText.string(self)
    }
    /// Reads `numeric` and integer columns exactly, with ExactDecimal's strict `DecimalText` parser.
    public init(pgCell cell: PGCell) throws(PGError) {
        try cell.expect(PGType.integers.union([PGType.numeric]), for: Decimal.self)
        guard case .success(let parsed) = DecimalText.parse(utf8: cell.bytes) else {
            throw cell.invalid(Decimal.self)
        }
        self = parsed.value
    }
}

// MARK: - String

extension String: PGEncodable, PGDecodable {
    /// 0: the server infers the type, so strings fit text, varchar, json, enum... columns.
    public static var pgTypeOID: PGOid { 0 }
    public func pgEncode() throws(PGError) -> String? { self }
    /// Reads any column's text form (text, varchar, json, numeric, uuid...), except `bytea`.
    public init(pgCell cell: PGCell) throws(PGError) {
        guard cell.type != PGType.bytea else {
            throw .decoding(.typeMismatch, "cannot decode bytea as String; decode [UInt8] or Data")
        }
        self = cell.string
    }
}

// MARK: - UUID

extension UUID: PGEncodable, PGDecodable {
    public static var pgTypeOID: PGOid { PGType.uuid }
    public func pgEncode() throws(PGError) -> String? { uuidString.lowercased() }
    public init(pgCell cell: PGCell) throws(PGError) {
        try cell.expect([PGType.uuid, PGType.text, PGType.varchar, PGType.bpchar], for: UUID.self)
        guard let v = UUID(uuidString: cell.string) else { throw cell.invalid(UUID.self) }
        self = v
    }
}

// MARK: - bytea

private let hexDigits = Array("0123456789abcdef".utf8)

func byteaHexText(_ bytes: some Collection<UInt8>) -> String {
    var out = [UInt8]()
    out.reserveCapacity(2 + bytes.count * 2)
    out.append(UInt8(ascii: "\\"))
    out.append(UInt8(ascii: "x"))
    for b in bytes {
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
}

func decodeByteaHex(_ cell: PGCell) throws(PGError) -> [UInt8] {
    try cell.expect([PGType.bytea], for: [UInt8].self)
    let b = cell.bytes
    guard b.count >= 2, b[0] == UInt8(ascii: "\\"), b[1] == UInt8(ascii: "x"), b.count % 2 == 0 else {
        throw cell.invalid([UInt8].self)
    }
    func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
    var out = [UInt8]()
    out.reserveCapacity((b.count - 2) / 2)
    var i = 2
    while i < b.count {
        guard let hi = nibble(b[i]), let lo = nibble(b[i + 1]) else { throw cell.invalid([UInt8].self) }
        out.append(hi << 4 | lo)
        i += 2
    }
    return out
}

extension Array: PGEncodable where Element == UInt8 {
    public static var pgTypeOID: PGOid { PGType.bytea }
    public func pgEncode() throws(PGError) -> String? { byteaHexText(self) }
}

extension Array: PGDecodable where Element == UInt8 {
    public init(pgCell cell: PGCell) throws(PGError) { self = try decodeByteaHex(cell) }
}

extension Data: PGEncodable, PGDecodable {
    public static var pgTypeOID: PGOid { PGType.bytea }
    public func pgEncode() throws(PGError) -> String? { byteaHexText(self) }
    public init(pgCell cell: PGCell) throws(PGError) { self = Data(try decodeByteaHex(cell)) }
}

// MARK: - JSON

/// JSON text, sent with an inferred type (fits `json` and `jsonb` columns) and read from
/// `json`/`jsonb` columns. Decode with `JSONDecoder` from ``data``.
public struct PGJSON: PGEncodable, PGDecodable, Hashable {
    public var text: String
    public init(_ text: String) { self.text = text }
    /// Encodes a value with `JSONEncoder`.
    public init(encoding value: some Encodable) throws {
        text = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
    public var data: Data { Data(text.utf8) }
    /// Decodes the text with `JSONDecoder`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: data)
    }
    public static var pgTypeOID: PGOid { 0 }
    public func pgEncode() throws(PGError) -> String? { text }
    public init(pgCell cell: PGCell) throws(PGError) {
        try cell.expect([PGType.json, PGType.jsonb, PGType.text], for: PGJSON.self)
        text = cell.string
    }
}
