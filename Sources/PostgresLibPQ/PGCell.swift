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
