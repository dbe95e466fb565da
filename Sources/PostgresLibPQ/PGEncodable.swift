/// A Swift value that can be sent as a query parameter (text format).
public protocol PGEncodable: Sendable {
    /// The parameter type sent to the server; 0 lets the server infer it from context.
    static var pgTypeOID: PGOid { get }
    /// The value in PostgreSQL text format, or nil for NULL.
    func pgEncode() throws(PGError) -> String?
}
