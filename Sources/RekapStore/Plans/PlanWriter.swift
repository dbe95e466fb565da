import Foundation
import PostgresLibPQ
import RekapDomain

/// Stores one accepted plan document (Renstra or PK) on a connection inside a transaction, as
/// ``SubmissionWriter`` stores a report: the header row with the original bytes as the next revision
/// of its key, or the latest revision when the bytes are the same (``RevisionHeader``), then every
/// fact and the notification in one set-based statement (``DocumentFacts``).
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
        let row = try header.write(on: conn)
        let revision = PlanRevision(id: row.id, region: plan.region, kind: kind, from: years.from, to: years.to, revision: row.revision)
        guard row.stored else { return .unchanged(revision) }
        let id = revision.id
        var parts = [DocumentFacts.findings(findings, into: "plan_finding", idColumn: "plan_id", id: id)]
        switch plan {
        case .renstra(let renstra): parts += renstraRows(renstra, id)
        case .pk(let pk): parts += pkRows(pk, id)
        }
        try DocumentFacts(parts: parts, channel: PlanNotification.channel, payload: PlanNotification.payload(revision), label: "plan facts")
            .insert(on: conn)
        return .stored(revision)
    }

    /// The `plan_document` row: the next revision of its region, kind and years (``RevisionHeader``).
    private var header: RevisionHeader {
        var format = "", signed: PKSignature?, total: Decimal?
        switch plan {
        case .renstra(let renstra): format = renstra.format
        case .pk(let pk): (format, signed, total) = (pk.format, pk.signed, pk.total?.value)
        }
        return RevisionHeader(
            table: "plan_document",
            key: [.init("region_code", "\(plan.region.text)::text"), .init("kind", "\(kind.rawValue)::text"),
                  .init("year_from", "\(years.from)::int"), .init("year_to", "\(years.to)::int")],
            values: [.init("format", "\(format)"), .init("city_code", "\(plan.region.ancestor(at: .kabupatenKota)?.text)"),
                     .init("signed_date", "\(signed?.date?.description)::date"), .init("signed_first_name", "\(signed?.first?.name)"),
                     .init("signed_first_nip", "\(signed?.first?.nip)"), .init("signed_first_jabatan", "\(signed?.first?.jabatan)"),
                     .init("signed_second_name", "\(signed?.second?.name)"), .init("signed_second_jabatan", "\(signed?.second?.jabatan)"),
                     .init("total", "\(total)")],
            document: document)
    }

    // MARK: - Facts

    private func renstraRows(_ renstra: Renstra, _ id: Int64) -> [DocumentFacts.Part] {
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
        return [DocumentFacts.Part("indicators", items.count, indicatorRows), DocumentFacts.Part("targets", targets.year.count, targetRows)]
    }

    private func pkRows(_ pk: PerjanjianKinerja, _ id: Int64) -> [DocumentFacts.Part] {
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
        return [DocumentFacts.Part("indicators", items.count, indicatorRows), DocumentFacts.Part("programs", programs.count, programRows),
                DocumentFacts.Part("lines", lines.position.count, lineRows)]
    }
}
