/// A one-dimensional array sent as one parameter, for set-based statements that insert many rows
/// in one round trip:
///
/// ```swift
/// let codes = PGArray(["IKM", "PTPU"]), targets = PGArray<Decimal>([87, 100])
/// try conn.execute("""
///     INSERT INTO indicator (code, target)
///     SELECT * FROM unnest(\(codes)::text[], \(targets)::numeric[])
///     """)
/// ```
///
/// The value travels as an array literal in text format (`{"IKM","PTPU"}`), every element quoted
/// and escaped, so any text is safe; an element whose encoding is NULL (an `Optional` holding nil)
/// is sent as an unquoted `NULL`. The parameter type is left for the server to infer, so cast it in
/// the SQL (`::text[]`, `::numeric[]`, `::int[]`, `::date[]`).
public struct PGArray<Element: PGEncodable>: PGEncodable {
    public var elements: [Element]

    public init(_ elements: [Element]) { self.elements = elements }

    public static var pgTypeOID: PGOid { 0 }

    public func pgEncode() throws(PGError) -> String? {
        var literal = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { literal += "," }
            guard let text = try element.pgEncode() else {
                literal += "NULL"
                continue
            }
            literal += "\""
            for scalar in text.unicodeScalars {
                // Inside a quoted element only the quote and the backslash need a backslash.
                if scalar == "\"" || scalar == "\\" { literal += "\\" }
                literal.unicodeScalars.append(scalar)
            }
            literal += "\""
        }
        return literal + "}"
    }
}
