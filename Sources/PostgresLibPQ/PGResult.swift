import CLibPQ

/// The rows of a completed statement, in text format.
///
/// Owns its `PGresult` and clears it on deinit. A result is immutable once received, which
/// libpq documents as safe to read from any thread, hence `Sendable`.
///
/// ```swift
/// for row in try conn.query("SELECT id, name FROM regions") {
///     let id = try row.decode(Int.self, at: 0)
///     let name = try row.decode(String.self, column: "name")
/// }
/// ```
public final class PGResult: @unchecked Sendable, RandomAccessCollection {
    let handle: OpaquePointer
    /// Column names, in order.
    public let columnNames: [String]
    /// Column type OIDs, in order (see ``PGType``).
    public let columnTypes: [PGOid]
    /// Number of rows.
    public let count: Int
    private let indexByName: [String: Int]

    init(handle: OpaquePointer) {
        self.handle = handle
        let columns = Int(PQnfields(handle))
        var names = [String]()
        var types = [PGOid]()
        var byName = [String: Int]()
        for c in 0..<columns {
            let name = String(cString: PQfname(handle, Int32(c)))
            names.append(name)
            types.append(PGOid(PQftype(handle, Int32(c))))
            if byName[name] == nil { byName[name] = c }  // first of duplicated names wins
        }
        columnNames = names
        columnTypes = types
        indexByName = byName
        count = Int(PQntuples(handle))
    }

    deinit { PQclear(handle) }

    /// The command tag, e.g. `INSERT 0 3`.
    public var commandTag: String { String(cString: PQcmdStatus(handle)) }

    /// Rows affected by INSERT/UPDATE/DELETE/MERGE/SELECT/COPY..., 0 when not applicable.
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    /// The index of a column by its exact (case-sensitive) name.
    public func columnIndex(named name: String) -> Int? { indexByName[name] }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> PGRow { PGRow(result: self, index: position) }
}

/// One row of a ``PGResult``. Decoding failures throw ``PGError`` naming the column.
public struct PGRow: Sendable {
    public let result: PGResult
    /// The row number in its result.
    public let index: Int

    public var columnCount: Int { result.columnNames.count }

    /// Whether the cell is NULL.
    public func isNull(at column: Int) -> Bool {
        PQgetisnull(result.handle, Int32(index), Int32(column)) == 1
    }

    /// Decodes the cell at a 0-based column index.
    public func decode<T: PGDecodable>(_ type: T.Type = T.self, at column: Int) throws(PGError) -> T {
        guard column >= 0, column < result.columnNames.count, index >= 0, index < result.count else {
            throw .decoding(.indexOutOfRange, "no column \(column) in row \(index) (\(result.columnNames.count) columns)")
        }
        let h = result.handle
        let r = Int32(index)
        let c = Int32(column)
        do throws(PGError) {
            if PQgetisnull(h, r, c) == 1 { return try T.pgDecodeNull() }
            let bytes = UnsafeRawBufferPointer(start: PQgetvalue(h, r, c), count: Int(PQgetlength(h, r, c)))
            return try T(pgCell: PGCell(bytes: bytes, type: result.columnTypes[column]))
        } catch {
            var e = error
            let name = result.columnNames[column]
            e.column = name
            e.columnIndex = column
            e.dataType = PGType.name(of: result.columnTypes[column])
            if e.kind == .decoding {
                e.message = "column \"\(name)\" (index \(column), \(PGType.name(of: result.columnTypes[column]))): \(error.message)"
            }
            throw e
        }
    }

    /// Decodes the cell of the column with that exact name.
    public func decode<T: PGDecodable>(_ type: T.Type = T.self, column name: String) throws(PGError) -> T {
        guard let c = result.columnIndex(named: name) else {
            var e = PGError.decoding(.columnNotFound, "no column named \"\(name)\"")
            e.column = name
            throw e
        }
        return try decode(T.self, at: c)
    }

    /// Decodes the first columns as a tuple: `let (id, name) = try row.decode((Int, String).self)`.
    public func decode<each T: PGDecodable>(_ types: (repeat each T).Type) throws(PGError) -> (repeat each T) {
        var column = 0
        func next<U: PGDecodable>(_ type: U.Type) throws(PGError) -> U {
            defer { column += 1 }
            return try decode(U.self, at: column)
        }
        return (repeat try next((each T).self))
    }
}
