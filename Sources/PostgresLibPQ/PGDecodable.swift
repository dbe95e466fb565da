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
