import Foundation
import PostgresLibPQ
import RekapDomain

/// Stores one accepted plan document (Renstra or PK) on a connection inside a transaction, as
/// ``SubmissionWriter`` stores a report: the header row with the original bytes as the next revision
/// of its key (or the latest revision when the bytes are the same), then every fact and the
/// notification in one set-based statement.
struct PlanWriter {
    let plan: PlanDocument
    let findings: [Finding]
    let document: [UInt8]

    enum Written: Sendable {
        case stored(PlanRevision)
        case unchanged(PlanRevision)
    }

    private var kind: PlanKind { PlanKind(plan) }

    /// (from, to): a Renstra's period; a PK's year twice.
    private var years: (from: Int, to: Int) {
        switch plan {
        case .renstra(let renstra): (renstra.from, renstra.to)
        case .pk(let pk): (pk.year, pk.year)
        }
    }

    /// Runs inside the caller's transaction; a thrown error must roll it back.
    func write(on conn: PGConnection) throws -> Written {
        // As for submissions: revision = max + 1 under a lock taken in its own statement, so the header's
        // snapshot sees whatever the previous holder committed.
        try conn.execute(AdvisoryLock.planRevision.lock("\(plan.region.text)/\(kind.rawValue)/\(years.from)/\(years.to)"))
        guard let row = try conn.query(headerStatement()).first else {
            throw SubmissionStoreError.incompleteWrite(table: "plan_document", stored: 0, expected: 1)
        }
        let revision = PlanRevision(id: try row.decode(Int64.self, column: "id"), region: plan.region, kind: kind,
                                    from: years.from, to: years.to, revision: try row.decode(Int.self, column: "revision"))
        guard try row.decode(Bool.self, column: "stored") else { return .unchanged(revision) }
        try insertFacts(of: revision, on: conn)
        return .stored(revision)
    }

    // MARK: - Header

    /// Inserts the `plan_document` row as the next revision unless the latest revision of the same key
    /// has the same bytes (then returns that one); an earlier revision's bytes are a revert, stored anew.
    private func headerStatement() -> PGQuery {
        var format = "", signed: PKSignature?, total: Decimal?
        switch plan {
        case .renstra(let renstra): format = renstra.format
        case .pk(let pk): (format, signed, total) = (pk.format, pk.signed, pk.total?.value)
        }
        return """
            WITH input AS (
                SELECT \(plan.region.text)::text AS region_code, \(kind.rawValue)::text AS kind,
                       \(years.from)::int AS year_from, \(years.to)::int AS year_to, raw.document, sha256(raw.document) AS sha
                FROM (SELECT \(document)::bytea AS document) AS raw
            ), latest AS (
                SELECT d.id, d.revision, d.document_sha256
                FROM plan_document d JOIN input USING (region_code, kind, year_from, year_to)
                ORDER BY d.revision DESC
                LIMIT 1
            ), existing AS (
                SELECT latest.id, latest.revision FROM latest JOIN input i ON latest.document_sha256 = i.sha
            ), inserted AS (
                INSERT INTO plan_document (region_code, kind, year_from, year_to, revision, format, document, document_sha256,
                                           city_code, signed_date, signed_first_name, signed_first_nip, signed_first_jabatan,
                                           signed_second_name, signed_second_jabatan, total)
                SELECT i.region_code, i.kind, i.year_from, i.year_to, coalesce((SELECT revision FROM latest), 0) + 1,
                       \(format), i.document, i.sha, \(plan.region.ancestor(at: .kabupatenKota)?.text),
                       \(signed?.date?.description)::date, \(signed?.first?.name), \(signed?.first?.nip), \(signed?.first?.jabatan),
                       \(signed?.second?.name), \(signed?.second?.jabatan), \(total)
                FROM input i
                WHERE NOT EXISTS (SELECT FROM existing)
                RETURNING id, revision
            )
            SELECT id, revision, true AS stored FROM inserted
            UNION ALL
            SELECT id, revision, false FROM existing
            """
    }

    // MARK: - Facts

    /// One statement of data-modifying CTEs, one per table, then the notification (delivered at
    /// commit); each table's row count is checked against the document.
    private func insertFacts(of revision: PlanRevision, on conn: PGConnection) throws {
        let id = revision.id
        var parts: [(name: String, expected: Int, insert: PGQuery)] = [("findings", findings.count, findingRows(id))]
        switch plan {
        case .renstra(let renstra): parts += renstraRows(renstra, id)
        case .pk(let pk): parts += pkRows(pk, id)
        }
        var statement: PGQuery = "WITH "
        for (index, part) in parts.enumerated() {
            statement.append(PGQuery(unsafeSQL: (index == 0 ? "" : ",\n") + "\(part.name) AS ("))
            statement.append(part.insert)
            statement.append(")")
        }
        statement.append(PGQuery(unsafeSQL: "\nSELECT " + parts.map { "(SELECT count(*) FROM \($0.name)) AS \($0.name), " }.joined()))
        statement.append("pg_notify(\(PlanNotification.channel), \(PlanNotification.payload(revision)))")
        guard let row = try conn.query(statement).first else {
            throw SubmissionStoreError.incompleteWrite(table: "plan facts", stored: 0, expected: parts.count)
        }
        for part in parts {
            let inserted = try row.decode(Int.self, column: part.name)
            guard inserted == part.expected else {
                throw SubmissionStoreError.incompleteWrite(table: part.name, stored: inserted, expected: part.expected)
            }
        }
    }

    private func renstraRows(_ renstra: Renstra, _ id: Int64) -> [(name: String, expected: Int, insert: PGQuery)] {
        let items = renstra.indicators
        var targets: (indicator: [Int], year: [Int], target: [Decimal]) = ([], [], [])
        for (index, indicator) in items.enumerated() {
            for (year, target) in indicator.targets.sorted(by: { $0.key < $1.key }) {
                targets.indicator.append(index)
                targets.year.append(year)
                targets.target.append(target)
            }
        }
        let indicatorRows: PGQuery = """
            INSERT INTO renstra_indicator (plan_id, position, code, name, sasaran, unit, polarity, formula, baseline_year, baseline_value)
            SELECT \(id), x.n - 1, x.code, x.name, x.sasaran, x.unit, x.polarity, x.formula, x.baseline_year, x.baseline_value
            FROM unnest(\(PGArray(items.map(\.code)))::text[], \(PGArray(items.map(\.name)))::text[],
                        \(PGArray(items.map(\.sasaran)))::text[], \(PGArray(items.map(\.unit)))::text[],
                        \(PGArray(items.map(\.polarity.rawValue)))::text[], \(PGArray(items.map(\.formula)))::text[],
                        \(PGArray(items.map(\.baseline?.year)))::int[], \(PGArray(items.map(\.baseline?.value)))::numeric[])
                 WITH ORDINALITY AS x(code, name, sasaran, unit, polarity, formula, baseline_year, baseline_value, n)
            RETURNING 1
            """
        // Joined to the indicator rows just inserted, so the foreign key has its parent in this statement.
        let targetRows: PGQuery = """
            INSERT INTO renstra_target (plan_id, indicator_position, year, target)
            SELECT \(id), x.indicator_position, x.year, x.target
            FROM unnest(\(PGArray(targets.indicator))::int[], \(PGArray(targets.year))::int[], \(PGArray(targets.target))::numeric[])
                 AS x(indicator_position, year, target)
            WHERE EXISTS (SELECT FROM indicators)
            RETURNING 1
            """
        return [("indicators", items.count, indicatorRows), ("targets", targets.year.count, targetRows)]
    }

    private func pkRows(_ pk: PerjanjianKinerja, _ id: Int64) -> [(name: String, expected: Int, insert: PGQuery)] {
        let items = pk.indicators
        func quarter(_ period: Period) -> PGArray<Decimal?> { PGArray(items.map { $0.quarters[period] }) }
        let indicatorRows: PGQuery = """
            INSERT INTO pk_indicator (plan_id, position, code, name, sasaran, unit, polarity, target,
                                      target_q1, target_q2, target_q3, target_q4)
            SELECT \(id), x.n - 1, x.code, x.name, x.sasaran, x.unit, x.polarity, x.target, x.q1, x.q2, x.q3, x.q4
            FROM unnest(\(PGArray(items.map(\.code)))::text[], \(PGArray(items.map(\.name)))::text[],
                        \(PGArray(items.map(\.sasaran)))::text[], \(PGArray(items.map(\.unit)))::text[],
                        \(PGArray(items.map(\.polarity?.rawValue)))::text[], \(PGArray(items.map(\.target)))::numeric[],
                        \(quarter(.q1))::numeric[], \(quarter(.q2))::numeric[], \(quarter(.q3))::numeric[], \(quarter(.q4))::numeric[])
                 WITH ORDINALITY AS x(code, name, sasaran, unit, polarity, target, q1, q2, q3, q4, n)
            RETURNING 1
            """
        let programs = pk.programs
        var lines: (program: [Int], position: [Int], code: [String?], name: [String], anggaran: [Decimal?]) = ([], [], [], [], [])
        for (p, program) in programs.enumerated() {
            for (l, line) in program.lines.enumerated() {
                lines.program.append(p)
                lines.position.append(l)
                lines.code.append(line.code)
                lines.name.append(line.name)
                lines.anggaran.append(line.anggaran?.value)
            }
        }
        let programRows: PGQuery = """
            INSERT INTO pk_program (plan_id, position, code, name, sumber_dana, anggaran)
            SELECT \(id), x.n - 1, x.code, x.name, x.sumber_dana, x.anggaran
            FROM unnest(\(PGArray(programs.map(\.code)))::text[], \(PGArray(programs.map(\.name)))::text[],
                        \(PGArray(programs.map(\.sumberDana)))::text[], \(PGArray(programs.map(\.anggaran?.value)))::numeric[])
                 WITH ORDINALITY AS x(code, name, sumber_dana, anggaran, n)
            RETURNING 1
            """
        let lineRows: PGQuery = """
            INSERT INTO pk_line (plan_id, program_position, position, code, name, anggaran)
            SELECT \(id), x.program_position, x.position, x.code, x.name, x.anggaran
            FROM unnest(\(PGArray(lines.program))::int[], \(PGArray(lines.position))::int[], \(PGArray(lines.code))::text[],
                        \(PGArray(lines.name))::text[], \(PGArray(lines.anggaran))::numeric[])
                 AS x(program_position, position, code, name, anggaran)
            WHERE EXISTS (SELECT FROM programs)
            RETURNING 1
            """
        return [("indicators", items.count, indicatorRows), ("programs", programs.count, programRows),
                ("lines", lines.position.count, lineRows)]
    }

    private func findingRows(_ id: Int64) -> PGQuery {
        """
        INSERT INTO plan_finding (plan_id, position, severity, rule, pointer, message, message_id)
        SELECT \(id), x.n - 1, x.severity, x.rule, x.pointer, x.message, x.message_id
        FROM unnest(\(PGArray(findings.map(\.severity.rawValue)))::text[], \(PGArray(findings.map(\.rule)))::text[],
                    \(PGArray(findings.map(\.pointer.description)))::text[], \(PGArray(findings.map(\.text.en)))::text[],
                    \(PGArray(findings.map(\.text.id)))::text[])
             WITH ORDINALITY AS x(severity, rule, pointer, message, message_id, n)
        RETURNING 1
        """
    }
}
