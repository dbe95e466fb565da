import Foundation

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
