import PostgresLibPQ
import RekapDomain

/// The facts of one stored revision (a report's indicators and budget lines, a plan's targets, the
/// findings of either) inserted in one statement of data-modifying CTEs, one per table, which then
/// sends the revision's notification (delivered at commit). Each table's rows go as arrays
/// (`unnest`), never one INSERT per line, and the rows each CTE inserted are counted against what the
/// document holds, so nothing is silently left out.
struct DocumentFacts {
    /// One table's rows: the CTE's name (later parts may join earlier ones by it), how many rows the
    /// document holds, and the `INSERT ... RETURNING` that writes them.
    struct Part {
        let name: String
        let expected: Int
        let insert: PGQuery

        init(_ name: String, _ expected: Int, _ insert: PGQuery) {
            self.name = name
            self.expected = expected
            self.insert = insert
        }
    }

    let parts: [Part]
    /// The `pg_notify` channel and payload.
    let channel: String
    let payload: String
    /// What an incomplete write names when the statement returns nothing.
    let label: String

    /// Runs inside the caller's transaction; a thrown error must roll it back.
    func insert(on conn: PGConnection) throws {
        var statement: PGQuery = "WITH "
        for (index, part) in parts.enumerated() {
            statement.append(PGQuery(unsafeSQL: (index == 0 ? "" : ",\n") + "\(part.name) AS ("))
            statement.append(part.insert)
            statement.append(")")
        }
        statement.append(PGQuery(unsafeSQL: "\nSELECT " + parts.map { "(SELECT count(*) FROM \($0.name)) AS \($0.name), " }.joined()))
        statement.append("pg_notify(\(channel), \(payload))")
        guard let row = try conn.query(statement).first else {
            throw SubmissionStoreError.incompleteWrite(table: label, stored: 0, expected: parts.count)
        }
        for part in parts {
            let inserted = try row.decode(Int.self, column: part.name)
            guard inserted == part.expected else {
                throw SubmissionStoreError.incompleteWrite(table: part.name, stored: inserted, expected: part.expected)
            }
        }
    }

    /// The findings of a revision, in order, with both texts (`message` English, `message_id` Bahasa
    /// Indonesia), into `table` (`submission_finding`, `plan_finding`) whose `idColumn` names the revision.
    static func findings(_ findings: [Finding], into table: String, idColumn: String, id: Int64) -> Part {
        Part("findings", findings.count, """
            INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: idColumn), position, severity, rule, pointer, message, message_id)
            SELECT \(id), x.n - 1, x.severity, x.rule, x.pointer, x.message, x.message_id
            FROM unnest(\(PGArray(findings.map(\.severity.rawValue)))::text[], \(PGArray(findings.map(\.rule)))::text[],
                        \(PGArray(findings.map(\.pointer.description)))::text[], \(PGArray(findings.map(\.text.en)))::text[],
                        \(PGArray(findings.map(\.text.id)))::text[])
                 WITH ORDINALITY AS x(severity, rule, pointer, message, message_id, n)
            RETURNING 1
            """)
    }
}
