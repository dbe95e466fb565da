import ExactDecimal
import Foundation

// The built-in conversions of Swift's own value types (text format); bytea, JSON, dates and
// arrays have files of their own.

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
