import Foundation
import PostgresLibPQ
import RekapDomain

/// Stores one accepted submission on a connection that is inside a transaction: the header row with
/// the original bytes (``RevisionHeader``), then every fact and the notification in one set-based
/// statement (``DocumentFacts``).
///
/// Round trips per new revision: the revision lock, the header, the facts (plus the caller's BEGIN and
/// COMMIT), whatever the size of the document: each table's rows go as arrays (`unnest`), never one
/// INSERT per line.
struct SubmissionWriter {
    let submission: Submission
    let findings: [Finding]
    let summary: SubmissionSummary
    let document: [UInt8]

    enum Written: Sendable {
        case stored(SubmissionRevision)
        case unchanged(SubmissionRevision)
    }

    /// Runs inside the caller's transaction; a thrown error must roll it back.
    func write(on conn: PGConnection) throws -> Written {
        // Revision numbers are max + 1, so two writers of the same (region, year, period) must not
        // read the maximum at the same time. The lock is taken in its own statement so the next
        // statement's snapshot already sees whatever the previous holder committed.
        try conn.execute(AdvisoryLock.submissionRevision.lock("\(submission.region.text)/\(submission.year)/\(submission.period.rawValue)"))
        let row = try header.write(on: conn)
        let revision = SubmissionRevision(id: row.id, region: submission.region, year: submission.year, period: submission.period,
                                          revision: row.revision)
        guard row.stored else { return .unchanged(revision) }
        let id = revision.id
        let facts = DocumentFacts(
            parts: [
                DocumentFacts.Part("indicators", submission.indicators.count, indicators(id)),
                DocumentFacts.Part("belanja", submission.budget?.belanja.count ?? 0, belanja(id)),
                DocumentFacts.Part("pbb", submission.pbb.count, pbb(id)),
                DocumentFacts.Part("awards", submission.awards.count, awards(id)),
                DocumentFacts.findings(findings, into: "submission_finding", idColumn: "submission_id", id: id),
            ] + budgetLines(id),
            channel: SubmissionNotification.channel, payload: SubmissionNotification.payload(revision), label: "facts")
        try facts.insert(on: conn)
        return .stored(revision)
    }

    /// The `submission` row: the next revision of its region, year and period (``RevisionHeader``).
    private var header: RevisionHeader {
        let signed = submission.signed
        let total = submission.budget?.total
        return RevisionHeader(
            table: "submission",
            key: [.init("region_code", "\(submission.region.text)::text"), .init("year", "\(submission.year)::int"),
                  .init("period", "\(submission.period.rawValue)::text")],
            values: [.init("format", "\(submission.format)"), .init("city_code", "\(submission.region.ancestor(at: .kabupatenKota)?.text)"),
                     .init("signed_by", "\(signed?.by)"), .init("signed_nip", "\(signed?.nip)"), .init("signed_role", "\(signed?.role)"),
                     .init("signed_date", "\(signed?.date?.description)::date"),
                     .init("total_pagu_murni", "\(total?.paguMurni?.value)"), .init("total_pagu", "\(total?.pagu.value)"),
                     .init("total_realisasi", "\(total?.realisasi.value)")],
            document: document)
    }

    // MARK: - Facts

    /// Decimals kept of a computed capaian. The division gives up to 39 significant digits, one more
    /// than PostgresLibPQ reads back exactly; 20 decimals are far beyond any printed or ranked precision
    /// and keep equal ratios equal.
    static let capaianScale = 20

    private func indicators(_ id: Int64) -> PGQuery {
        let items = submission.indicators
        let figures = summary.indicators
        let capaian = figures.map { $0.capaian.percent.map { DecimalText.rounded($0, scale: Self.capaianScale) } }
        return """
            INSERT INTO submission_indicator (submission_id, position, code, name, sasaran, unit, polarity, target, realisasi,
                                              reported_capaian, renstra_target, capaian, predikat)
            SELECT \(id), x.n - 1, x.code, x.name, x.sasaran, x.unit, x.polarity, x.target, x.realisasi,
                   x.reported_capaian, x.renstra_target, x.capaian, x.predikat
            FROM unnest(\(PGArray(items.map(\.code)))::text[], \(PGArray(items.map(\.name)))::text[],
                        \(PGArray(items.map(\.sasaran)))::text[], \(PGArray(items.map(\.unit)))::text[],
                        \(PGArray(items.map(\.polarity.rawValue)))::text[], \(PGArray(items.map(\.target)))::numeric[],
                        \(PGArray(items.map(\.realisasi)))::numeric[], \(PGArray(items.map(\.reportedCapaian)))::numeric[],
                        \(PGArray(items.map(\.renstraTarget)))::numeric[], \(PGArray(capaian))::numeric[],
                        \(PGArray(figures.map(\.predikat)))::text[])
                 WITH ORDINALITY AS x(code, name, sasaran, unit, polarity, target, realisasi, reported_capaian, renstra_target,
                                      capaian, predikat, n)
            RETURNING 1
            """
    }

    /// The budget tree as three CTEs: programs, then kegiatan joined to the program ids just
    /// generated (by position), then sub kegiatan joined to the kegiatan ids.
    private func budgetLines(_ id: Int64) -> [DocumentFacts.Part] {
        let programs = submission.budget?.programs ?? []
        var kegiatan: (program: [Int], position: [Int], code: [String?], name: [String], pagu: [Decimal?], realisasi: [Decimal?]) = ([], [], [], [], [], [])
        var lines: (program: [Int], kegiatan: [Int], position: [Int], code: [String?], name: [String], belanja: [String?],
                    kelurahan: [String?], pagu: [Decimal], realisasi: [Decimal]) = ([], [], [], [], [], [], [], [], [])
        for (p, program) in programs.enumerated() {
            for (k, item) in program.kegiatan.enumerated() {
                kegiatan.program.append(p)
                kegiatan.position.append(k)
                kegiatan.code.append(item.code)
                kegiatan.name.append(item.name)
                kegiatan.pagu.append(item.pagu?.value)
                kegiatan.realisasi.append(item.realisasi?.value)
                for (s, line) in item.subKegiatan.enumerated() {
                    lines.program.append(p)
                    lines.kegiatan.append(k)
                    lines.position.append(s)
                    lines.code.append(line.code)
                    lines.name.append(line.name)
                    lines.belanja.append(line.belanja?.rawValue)
                    lines.kelurahan.append(line.kelurahan?.text)
                    lines.pagu.append(line.pagu.value)
                    lines.realisasi.append(line.realisasi.value)
                }
            }
        }
        let programRows: PGQuery = """
            INSERT INTO budget_line (submission_id, level, position, code, name, sumber_dana, pagu_murni, pagu, realisasi)
            SELECT \(id), 'program', x.n - 1, x.code, x.name, x.sumber_dana, x.pagu_murni, x.pagu, x.realisasi
            FROM unnest(\(PGArray(programs.map(\.code)))::text[], \(PGArray(programs.map(\.name)))::text[],
                        \(PGArray(programs.map(\.sumberDana)))::text[], \(PGArray(programs.map(\.paguMurni?.value)))::numeric[],
                        \(PGArray(programs.map(\.pagu?.value)))::numeric[], \(PGArray(programs.map(\.realisasi?.value)))::numeric[])
                 WITH ORDINALITY AS x(code, name, sumber_dana, pagu_murni, pagu, realisasi, n)
            RETURNING id, position
            """
        let kegiatanRows: PGQuery = """
            INSERT INTO budget_line (submission_id, parent_id, level, position, code, name, pagu, realisasi)
            SELECT \(id), p.id, 'kegiatan', x.position, x.code, x.name, x.pagu, x.realisasi
            FROM unnest(\(PGArray(kegiatan.program))::int[], \(PGArray(kegiatan.position))::int[],
                        \(PGArray(kegiatan.code))::text[], \(PGArray(kegiatan.name))::text[],
                        \(PGArray(kegiatan.pagu))::numeric[], \(PGArray(kegiatan.realisasi))::numeric[])
                 AS x(program_position, position, code, name, pagu, realisasi)
            JOIN programs p ON p.position = x.program_position
            RETURNING id, parent_id, position
            """
        let lineRows: PGQuery = """
            INSERT INTO budget_line (submission_id, parent_id, level, position, code, name, belanja, kelurahan_code, pagu, realisasi)
            SELECT \(id), k.id, 'sub_kegiatan', x.position, x.code, x.name, x.belanja, x.kelurahan_code, x.pagu, x.realisasi
            FROM unnest(\(PGArray(lines.program))::int[], \(PGArray(lines.kegiatan))::int[], \(PGArray(lines.position))::int[],
                        \(PGArray(lines.code))::text[], \(PGArray(lines.name))::text[], \(PGArray(lines.belanja))::text[],
                        \(PGArray(lines.kelurahan))::text[], \(PGArray(lines.pagu))::numeric[], \(PGArray(lines.realisasi))::numeric[])
                 AS x(program_position, kegiatan_position, position, code, name, belanja, kelurahan_code, pagu, realisasi)
            JOIN kegiatan k ON k.position = x.kegiatan_position
            JOIN programs p ON p.id = k.parent_id AND p.position = x.program_position
            RETURNING 1
            """
        return [DocumentFacts.Part("programs", programs.count, programRows), DocumentFacts.Part("kegiatan", kegiatan.position.count, kegiatanRows),
                DocumentFacts.Part("sub_kegiatan", lines.position.count, lineRows)]
    }

    /// The `belanja` totals as reported, in the order of `BelanjaType.allCases`.
    private func belanja(_ id: Int64) -> PGQuery {
        let reported = (submission.budget?.belanja ?? [:]).sorted { $0.key < $1.key }
        return """
            INSERT INTO submission_belanja (submission_id, belanja, pagu, realisasi)
            SELECT \(id), x.belanja, x.pagu, x.realisasi
            FROM unnest(\(PGArray(reported.map(\.key.rawValue)))::text[], \(PGArray(reported.map(\.value.pagu.value)))::numeric[],
                        \(PGArray(reported.map(\.value.realisasi.value)))::numeric[]) AS x(belanja, pagu, realisasi)
            RETURNING 1
            """
    }

    private func pbb(_ id: Int64) -> PGQuery {
        let rows = submission.pbb
        return """
            INSERT INTO submission_pbb (submission_id, position, kelurahan_code, ketetapan, realisasi, objek, objek_lunas, as_of)
            SELECT \(id), x.n - 1, x.kelurahan_code, x.ketetapan, x.realisasi, x.objek, x.objek_lunas, x.as_of
            FROM unnest(\(PGArray(rows.map(\.kelurahan.text)))::text[], \(PGArray(rows.map(\.ketetapan.value)))::numeric[],
                        \(PGArray(rows.map(\.realisasi.value)))::numeric[], \(PGArray(rows.map(\.objek)))::int[],
                        \(PGArray(rows.map(\.objekLunas)))::int[], \(PGArray(rows.map(\.asOf.description)))::date[])
                 WITH ORDINALITY AS x(kelurahan_code, ketetapan, realisasi, objek, objek_lunas, as_of, n)
            RETURNING 1
            """
    }

    private func awards(_ id: Int64) -> PGQuery {
        let rows = submission.awards
        return """
            INSERT INTO submission_award (submission_id, position, region_code, title, place, label, level, given_by, award_date)
            SELECT \(id), x.n - 1, x.region_code, x.title, x.place, x.label, x.level, x.given_by, x.award_date
            FROM unnest(\(PGArray(rows.map(\.region.text)))::text[], \(PGArray(rows.map(\.title)))::text[],
                        \(PGArray(rows.map(\.place)))::smallint[], \(PGArray(rows.map(\.label)))::text[],
                        \(PGArray(rows.map(\.level.rawValue)))::text[], \(PGArray(rows.map(\.givenBy)))::text[],
                        \(PGArray(rows.map(\.date?.description)))::date[])
                 WITH ORDINALITY AS x(region_code, title, place, label, level, given_by, award_date, n)
            RETURNING 1
            """
    }
}
