import PostgresLibPQ

/// The header row of a document kept with revisions (a report's `submission`, a plan's
/// `plan_document`): its original bytes and their SHA-256, stored as the next revision of its key
/// unless the latest revision of that key has the same bytes. Only the latest counts (contract §1):
/// an earlier revision's bytes sent back are a revert, stored as a new revision.
///
/// One statement: the document is sent once and hashed by PostgreSQL. The caller holds the key's
/// revision lock (``AdvisoryLock``), taken in a statement of its own so this statement's snapshot sees
/// whatever the lock's previous holder committed (revision numbers are max + 1).
struct RevisionHeader {
    /// A column of the header and the value it gets, e.g. `("year", "\(year)::int")`.
    struct Column {
        /// The column's name: trusted text from this module, never input.
        let name: String
        /// The value, with the cast its use needs.
        let value: PGQuery

        init(_ name: String, _ value: PGQuery) {
            self.name = name
            self.value = value
        }
    }

    /// The row written or found.
    struct Row: Sendable, Hashable {
        let id: Int64
        let revision: Int
        /// False when the latest revision already had these bytes (nothing was inserted).
        let stored: Bool
    }

    /// The table: trusted text from this module.
    let table: String
    /// The columns naming what is revised (a report's region, year and period): the latest revision
    /// is the one with the same values. Their values need a cast naming their type.
    let key: [Column]
    /// The header's other columns (format, city, signature, totals), written with a new revision only.
    let values: [Column]
    /// The document as received.
    let document: [UInt8]

    /// Inserts the header as the next revision, or finds the latest revision when its bytes are the same.
    func write(on conn: PGConnection) throws -> Row {
        guard let row = try conn.query(statement()).first else {
            throw SubmissionStoreError.incompleteWrite(table: table, stored: 0, expected: 1)
        }
        return Row(id: try row.decode(Int64.self, column: "id"), revision: try row.decode(Int.self, column: "revision"),
                   stored: try row.decode(Bool.self, column: "stored"))
    }

    /// `id, revision, stored` of the new row, or of the latest one when it has the same bytes.
    private func statement() -> PGQuery {
        let keyNames = key.map(\.name).joined(separator: ", ")
        let inputKey = Self.list(key.map { column -> PGQuery in "\(column.value) AS \(unsafeRaw: column.name)" })
        let insertedKey = key.map { "i." + $0.name }.joined(separator: ", ")
        let valueNames = values.map { ", " + $0.name }.joined()
        let insertedValues = values.reduce(into: PGQuery(unsafeSQL: "")) { $0.append(", "); $0.append($1.value) }
        return """
            WITH input AS (
                SELECT \(inputKey), raw.document, sha256(raw.document) AS sha
                FROM (SELECT \(document)::bytea AS document) AS raw
            ), latest AS (
                SELECT d.id, d.revision, d.document_sha256
                FROM \(unsafeRaw: table) d JOIN input USING (\(unsafeRaw: keyNames))
                ORDER BY d.revision DESC
                LIMIT 1
            ), existing AS (
                SELECT latest.id, latest.revision FROM latest JOIN input i ON latest.document_sha256 = i.sha
            ), inserted AS (
                INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: keyNames), revision, document, document_sha256\(unsafeRaw: valueNames))
                SELECT \(unsafeRaw: insertedKey), coalesce((SELECT revision FROM latest), 0) + 1, i.document, i.sha\(insertedValues)
                FROM input i
                WHERE NOT EXISTS (SELECT FROM existing)
                RETURNING id, revision
            )
            SELECT id, revision, true AS stored FROM inserted
            UNION ALL
            SELECT id, revision, false FROM existing
            """
    }

    /// `parts` separated by commas.
    private static func list(_ parts: [PGQuery]) -> PGQuery {
        var joined = PGQuery(unsafeSQL: "")
        for (index, part) in parts.enumerated() {
            if index > 0 { joined.append(", ") }
            joined.append(part)
        }
        return joined
    }
}
