import Foundation
import PostgresLibPQ
import RekapDomain
@testable import RekapStore

/// Inserts regions, submissions and PBB-P2 feed rows with plain SQL, as the other stores would, and
/// keeps nothing but what the tests need to compute expected figures themselves.
struct AggregateFixture {
    let connection: PGConnection
    let year: Int
    let city: RegionCode

    init(connection: PGConnection, city: String = "14.72", year: Int = 2023) throws {
        self.connection = connection
        self.year = year
        self.city = try RegionCode(parsing: city)
        try region(city, name: "Kota Uji")
    }

    /// Adds a region (and its missing ancestors, named after their code).
    func region(_ code: String, name: String? = nil) throws {
        let parsed = try RegionCode(parsing: code)
        for ancestor in parsed.lineage {
            let isSelf = ancestor == parsed
            try connection.execute("""
                INSERT INTO region (code, name, level, parent_code)
                VALUES (\(ancestor.text), \(isSelf ? (name ?? "Wilayah \(ancestor.text)") : "Wilayah \(ancestor.text)"),
                        \(ancestor.level.rawValue), \(ancestor.parent?.text))
                ON CONFLICT (code) DO UPDATE SET name = CASE WHEN \(isSelf) THEN excluded.name ELSE region.name END
                """)
        }
    }

    /// Stores a submission row (the next revision of its region/year/period) and returns its id.
    @discardableResult
    func submission(_ region: String, period: String = "FY", year: Int? = nil, totalPagu: Decimal? = nil,
                    totalRealisasi: Decimal? = nil) throws -> Int {
        let year = year ?? self.year
        let document = "{\"region\":\"\(region)\",\"period\":\"\(period)\",\"nonce\":\"\(UUID().uuidString)\"}"
        return try connection.queryValue(Int.self, """
            INSERT INTO submission (region_code, year, period, revision, format, document, document_sha256, city_code,
                                    total_pagu, total_realisasi)
            VALUES (\(region), \(year), \(period),
                    (SELECT coalesce(max(revision), 0) + 1 FROM submission
                      WHERE region_code = \(region) AND year = \(year) AND period = \(period)),
                    'rekap.submission/v1', convert_to(\(document), 'UTF8'), sha256(convert_to(\(document), 'UTF8')),
                    substr(\(region), 1, 5), \(totalPagu), \(totalRealisasi))
            RETURNING id
            """)!
    }

    /// An indicator, with capaian computed and rounded as the submission store does.
    func indicator(_ submission: Int, code: String, name: String? = nil, target: Decimal, realisasi: Decimal,
                   polarity: Polarity = .higher) throws {
        let capaian = Capaian.compute(target: target, realisasi: realisasi, polarity: polarity).percent
            .map { DecimalText.rounded($0, scale: SubmissionWriter.capaianScale) }
        try connection.execute("""
            INSERT INTO submission_indicator (submission_id, position, code, name, polarity, target, realisasi, capaian)
            VALUES (\(submission), (SELECT count(*) FROM submission_indicator WHERE submission_id = \(submission)),
                    \(code), \(name ?? "Indikator \(code)"), \(polarity.rawValue), \(target), \(realisasi), \(capaian))
            """)
    }

    /// A program line (with optional reported amounts); returns its id.
    @discardableResult
    func program(_ submission: Int, code: String?, name: String, pagu: Decimal?, realisasi: Decimal?) throws -> Int {
        try line(submission, parent: nil, level: "program", code: code, name: name, pagu: pagu, realisasi: realisasi)
    }

    @discardableResult
    func line(_ submission: Int, parent: Int?, level: String, code: String?, name: String, pagu: Decimal?,
              realisasi: Decimal?, belanja: String? = nil) throws -> Int {
        try connection.queryValue(Int.self, """
            INSERT INTO budget_line (submission_id, parent_id, level, position, code, name, belanja, pagu, realisasi)
            VALUES (\(submission), \(parent), \(level),
                    (SELECT count(*) FROM budget_line WHERE submission_id = \(submission)),
                    \(code), \(name), \(belanja), \(pagu), \(realisasi))
            RETURNING id
            """)!
    }

    func belanja(_ submission: Int, _ type: String, pagu: Decimal, realisasi: Decimal) throws {
        try connection.execute("""
            INSERT INTO submission_belanja (submission_id, belanja, pagu, realisasi)
            VALUES (\(submission), \(type), \(pagu), \(realisasi))
            """)
    }

    /// A `pbb` row of a submission.
    func pbb(_ submission: Int, kelurahan: String, ketetapan: Decimal, realisasi: Decimal, asOf: String,
             objek: Int? = nil, objekLunas: Int? = nil) throws {
        try connection.execute("""
            INSERT INTO submission_pbb (submission_id, position, kelurahan_code, ketetapan, realisasi, objek, objek_lunas, as_of)
            VALUES (\(submission), (SELECT count(*) FROM submission_pbb WHERE submission_id = \(submission)),
                    \(kelurahan), \(ketetapan), \(realisasi), \(objek), \(objekLunas), \(asOf)::date)
            """)
    }

    func award(_ submission: Int, region: String, title: String, place: Int?, label: String? = nil,
               level: String = "kota", date: String? = nil) throws {
        try connection.execute("""
            INSERT INTO submission_award (submission_id, position, region_code, title, place, label, level, award_date)
            VALUES (\(submission), (SELECT count(*) FROM submission_award WHERE submission_id = \(submission)),
                    \(region), \(title), \(place), \(label), \(level), \(date)::date)
            """)
    }

    // MARK: PBB-P2 feed

    /// Starts a load, as the PBB loader records one per file; feed rows below belong to the latest.
    func load() throws {
        try connection.execute("""
            INSERT INTO pbb_load (kind, file_name, sha256, row_count)
            VALUES ('pembayaran', 'test.csv', sha256(convert_to(\(UUID().uuidString), 'UTF8')), 0)
            """)
    }

    func ketetapan(nop: String, kelurahan: String, pokok: Decimal, year: Int? = nil) throws {
        try connection.execute("""
            INSERT INTO pbb_ketetapan (nop, tahun, kelurahan_code, pokok, load_id)
            VALUES (\(nop), \(year ?? self.year), \(kelurahan), \(pokok), (SELECT max(id) FROM pbb_load))
            """)
    }

    func payment(nop: String, on day: String, pokok: Decimal, year: Int? = nil) throws {
        try connection.execute("""
            INSERT INTO pbb_pembayaran (nop, tahun, tanggal, pokok, denda, seq, load_id)
            VALUES (\(nop), \(year ?? self.year), \(day)::date, \(pokok), 0,
                    (SELECT count(*) + 1 FROM pbb_pembayaran WHERE nop = \(nop) AND tanggal = \(day)::date AND pokok = \(pokok)),
                    (SELECT max(id) FROM pbb_load))
            """)
    }

    // MARK: Consolidating

    func recompute() throws {
        try connection.transaction { connection in
            try Consolidator.recompute(city: city, year: year, on: connection)
        }
    }

    /// A region code from its text.
    static func code(_ text: String) -> RegionCode { try! RegionCode(parsing: text) }
}

/// Expected ranks computed independently of `Ranking`: fractions compared by cross-multiplying
/// (exact for test-sized amounts), best first (descending, or ascending when `lowest`), then by code;
/// equal values share the rank of the first of them, and the next rank skips.
func expectedRanks(_ values: [(code: String, numerator: Decimal, denominator: Decimal)],
                   lowest: Bool = false) -> [(rank: Int, code: String)] {
    func compare(_ a: (code: String, numerator: Decimal, denominator: Decimal),
                 _ b: (code: String, numerator: Decimal, denominator: Decimal)) -> Int {
        let left = a.numerator * b.denominator, right = b.numerator * a.denominator
        return left == right ? 0 : (left < right ? -1 : 1)
    }
    let sorted = values.sorted { lhs, rhs in
        let order = compare(lhs, rhs)
        if order != 0 { return lowest ? order < 0 : order > 0 }
        return lhs.code < rhs.code
    }
    var result: [(rank: Int, code: String)] = []
    for (index, item) in sorted.enumerated() {
        let rank = index > 0 && compare(sorted[index - 1], item) == 0 ? result[index - 1].rank : index + 1
        result.append((rank, item.code))
    }
    return result
}
