import PostgresLibPQ
import RekapDomain

/// Lookups in the region registry (`region`, filled by ``RegionImporter``).
///
/// "Everything under X" uses the `ltree` path and its GiST index (`path <@ X`), not a recursive
/// walk. Every lookup exists twice: async on a ``PGClient``, and synchronous on a `PGConnection`
/// for use inside a caller's transaction (`RegionRegistry.children(of:on:)`).
///
/// ```swift
/// let registry = RegionRegistry(client: client)
/// let kelurahan = try await registry.codes(under: dumai, level: .desaKelurahan)
/// ```
public struct RegionRegistry: Sendable {
    public let client: PGClient

    public init(client: PGClient) {
        self.client = client
    }

    // MARK: Async

    /// The region with `code`, or nil when the registry does not know it.
    public func region(_ code: RegionCode) async throws -> Region? {
        try await client.withConnection { conn in try Self.region(code, on: conn) }
    }

    /// The name of `code`, or nil when unknown.
    public func name(of code: RegionCode) async throws -> String? {
        try await region(code)?.name
    }

    /// Which of `codes` the registry knows.
    public func known(_ codes: Set<RegionCode>) async throws -> Set<RegionCode> {
        try await client.withConnection { conn in try Self.known(codes, on: conn) }
    }

    /// The codes strictly under `code` (optionally only those at `level`), sorted.
    public func codes(under code: RegionCode, level: RegionLevel? = nil) async throws -> [RegionCode] {
        try await client.withConnection { conn in try Self.codes(under: code, level: level, on: conn) }
    }

    /// The regions one level below `code`, sorted by code.
    public func children(of code: RegionCode) async throws -> [Region] {
        try await client.withConnection { conn in try Self.children(of: code, on: conn) }
    }

    /// `code` and everything under it; nil when the registry does not know `code`.
    public func tree(under code: RegionCode) async throws -> RegionTree? {
        try await client.withConnection { conn in try Self.tree(under: code, on: conn) }
    }

    // MARK: On a connection

    public static func region(_ code: RegionCode, on conn: PGConnection) throws -> Region? {
        try conn.query("SELECT code, name, kind FROM region WHERE code = \(code.text)").first.map(decodeRegion)
    }

    public static func known(_ codes: Set<RegionCode>, on conn: PGConnection) throws -> Set<RegionCode> {
        guard !codes.isEmpty else { return [] }
        // One parameter: the codes comma-joined (codes never hold commas).
        let list = codes.map(\.text).joined(separator: ",")
        let rows = try conn.query("SELECT code FROM region WHERE code = ANY (string_to_array(\(list), ','))")
        return Set(try rows.map { try decodeCode(try $0.decode(String.self, at: 0)) })
    }

    public static func codes(under code: RegionCode, level: RegionLevel? = nil, on conn: PGConnection) throws -> [RegionCode] {
        let rows = try conn.query(descendantsQuery(of: code, level: level, columns: "code"))
        return try rows.map { try decodeCode(try $0.decode(String.self, at: 0)) }
    }

    public static func children(of code: RegionCode, on conn: PGConnection) throws -> [Region] {
        try conn.query("SELECT code, name, kind FROM region WHERE parent_code = \(code.text) ORDER BY code").map(decodeRegion)
    }

    public static func tree(under code: RegionCode, on conn: PGConnection) throws -> RegionTree? {
        let rows = try conn.query(descendantsQuery(of: code, level: nil, columns: "code, name, kind", includingSelf: true))
        return RegionTree(root: code, regionsInCodeOrder: try rows.map(decodeRegion))
    }

    /// The query behind "everything under X": `path <@ X` on the GiST index `region_path_idx`.
    /// Public so that tests can `EXPLAIN` exactly what runs.
    public static func descendantsQuery(
        of code: RegionCode, level: RegionLevel?, columns: String, includingSelf: Bool = false
    ) -> PGQuery {
        var query: PGQuery = "SELECT \(unsafeRaw: columns) FROM region WHERE path <@ text2ltree(\(code.text))"
        if !includingSelf { query.append(" AND code <> \(code.text)") }
        if let level { query.append(" AND level = \(level.rawValue)") }
        query.append(" ORDER BY code")
        return query
    }

    // MARK: Decoding

    static func decodeRegion(_ row: PGRow) throws -> Region {
        Region(
            code: try decodeCode(try row.decode(String.self, column: "code")),
            name: try row.decode(String.self, column: "name"),
            kind: try row.decode(String.self, column: "kind"))
    }

    /// The registry only holds well-formed codes (a CHECK constraint); anything else is a broken invariant.
    static func decodeCode(_ text: String) throws -> RegionCode {
        guard let code = RegionCode(text) else {
            throw PGError(kind: .decoding, message: "the registry holds a malformed region code")
        }
        return code
    }
}
