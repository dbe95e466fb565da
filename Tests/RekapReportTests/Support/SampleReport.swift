import Foundation
import RekapDomain
import RekapReport

/// A synthetic city report with awkward names (`<script>`, `&`, quotes, commas, `|`) and figures whose
/// rounding is known by hand.
enum SampleReport {
    static func code(_ text: String) -> RegionCode { RegionCode(text)! }
    static func decimal(_ text: String) -> Decimal { try! DecimalText.parse(text) }
    static func region(_ code: String, _ name: String) -> ReportRegion { ReportRegion(code: self.code(code), name: name) }

    static let generatedAt = Date(timeIntervalSince1970: 1_706_745_600)  // 2024-02-01T00:00:00Z
    static let aggregatedAt = Date(timeIntervalSince1970: 1_706_742_000)  // 2024-01-31T23:00:00Z

    static let city = region("14.72", "Dumai")
    static let dumaiTimur = region("14.72.02", "Dumai Timur")
    /// A name that must be escaped everywhere.
    static let hostile = region("14.72.03", "<script>alert(\"x\")</script> & 'Sungai'")
    static let tanjungPalas = region("14.72.02.1001", "Tanjung Palas")
    static let jayaMukti = region("14.72.02.1003", "Jaya Mukti | Baru")
    static let telukBinjai = region("14.72.02.1004", "Teluk Binjai")

    static var report: CityReport {
        let iku = [
            IKURow(kecamatan: dumaiTimur, code: "IKM", name: "Indeks Kepuasan Masyarakat", sasaran: "Meningkatnya kualitas pelayanan",
                   unit: "indeks", target: 87, realisasi: decimal("91.72"), renstraTarget: 91,
                   previous: IKURow.Previous(target: 87, realisasi: 90)),
            IKURow(kecamatan: hostile, code: "IKM", name: "Indeks Kepuasan Masyarakat", unit: "indeks", target: 80, realisasi: 40),
            IKURow(kecamatan: hostile, code: "KEMISKINAN", name: "Angka kemiskinan", unit: "%", polarity: .lower,
                   target: 10, realisasi: 25),
        ]
        let stats = [
            IKUStatistics(code: "IKM", name: "Indeks Kepuasan Masyarakat", reporting: 2, mean: decimal("77.71"),
                          median: decimal("77.71"), minimum: 50, maximum: decimal("105.4252873563218390804597701149425287"),
                          predikatCounts: [.init(predikat: "Sangat Berhasil", count: 1), .init(predikat: "Berhasil", count: 0),
                                           .init(predikat: "Cukup Berhasil", count: 0), .init(predikat: "Tidak Berhasil", count: 1)]),
        ]
        let programs = [
            ProgramBudget(code: "7.01.01", name: "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", kecamatanCount: 2,
                          paguMurni: 11_000_000_000, amounts: BudgetAmounts(pagu: 11_121_518_960, realisasi: 10_955_471_979)),
            ProgramBudget(code: nil, name: "Program \"Pemberdayaan\", Masyarakat & Desa", kecamatanCount: 1,
                          amounts: BudgetAmounts(pagu: 20_000, realisasi: 19_701)),
            ProgramBudget(code: "7.01.05", name: "Program dihapus", kecamatanCount: 1, amounts: BudgetAmounts(pagu: 0, realisasi: 0)),
        ]
        let belanja = [
            BelanjaBudget(belanja: .operasi, amounts: BudgetAmounts(pagu: decimal("11668738708"), realisasi: decimal("11483756385"))),
            BelanjaBudget(belanja: .modal, amounts: BudgetAmounts(pagu: decimal("1094412252"), realisasi: decimal("1089101944"))),
        ]
        let efisiensi = [
            EfisiensiRow(kecamatan: dumaiTimur, capaian: decimal("105.42"),
                         budget: BudgetAmounts(pagu: 12_763_150_960, realisasi: 12_572_858_329)),
            EfisiensiRow(kecamatan: hostile, capaian: 50, budget: nil),
        ]
        let pbbKelurahan = [
            PBBFigures(region: tanjungPalas, ketetapan: 1_250_000_000, realisasi: 1_100_000_000, objek: 3200, objekLunas: 2900,
                       asOf: try! CalendarDate(year: 2023, month: 12, day: 31), source: .submission),
            PBBFigures(region: jayaMukti, ketetapan: 800_000, realisasi: 800_000, objek: 10, objekLunas: 10,
                       reachedFullOn: try! CalendarDate(year: 2023, month: 8, day: 17), asOf: try! CalendarDate(year: 2023, month: 12, day: 31),
                       source: .feed),
            PBBFigures(region: telukBinjai, ketetapan: 0, realisasi: 0, source: .feed),
        ]
        let pbbKecamatan = [
            PBBFigures(region: dumaiTimur, ketetapan: 1_250_800_000, realisasi: 1_100_800_000, objek: 3210, objekLunas: 2910,
                       asOf: try! CalendarDate(year: 2023, month: 12, day: 31), source: .mixed),
        ]
        let pbbBoard = Ranking.rank(pbbKelurahan.map {
            RankingEntry(region: $0.region.code, name: $0.region.name, value: .ratio(numerator: $0.realisasi, denominator: $0.ketetapan))
        })
        let ikuBoard = Ranking.rank([
            RankingEntry(region: dumaiTimur.code, name: dumaiTimur.name, value: .exact(decimal("120.5"))),
            RankingEntry(region: hostile.code, name: hostile.name, value: .exact(60)),
        ])
        let penyerapanBoard = Ranking.rank([
            RankingEntry(region: dumaiTimur.code, name: dumaiTimur.name, value: .ratio(numerator: 12_572_858_329, denominator: 12_763_150_960)),
        ])
        var medals = MedalStanding.standings([
            MedalTally(region: telukBinjai.code, name: telukBinjai.name, first: 2, second: 0, third: 0),
            MedalTally(region: jayaMukti.code, name: jayaMukti.name, first: 0, second: 3, third: 1),
            MedalTally(region: tanjungPalas.code, name: tanjungPalas.name, first: 0, second: 1, third: 0),
        ])
        medals[0].other = 1  // a Harapan place
        let completeness = [
            CompletenessRow(region: dumaiTimur, periods: [
                .init(period: .fy, revision: 2, submittedAt: aggregatedAt), .init(period: .q3, revision: 1, submittedAt: generatedAt),
            ]),
            CompletenessRow(region: hostile, periods: []),
        ]
        let findings = [
            SubmissionFindings(submissionID: 42, region: dumaiTimur, period: .fy, revision: 2, submittedAt: aggregatedAt, findings: [
                .init(severity: .error, rule: "budget.parent-sum-mismatch", pointer: "/budget/programs/0/pagu",
                      message: "program \"A, B\" reports pagu 150000000 but its kegiatan add up to 143512700 (difference 6487300)"),
                .init(severity: .warning, rule: "indicator.capaian-mismatch", pointer: "/indicators/0/reported_capaian",
                      message: "reported capaian 100 differs from the computed 105.42"),
            ]),
        ]
        return CityReport(
            city: city, year: 2023, generatedAt: generatedAt, aggregatedAt: aggregatedAt,
            stalenessNote: LocalizedText(id: "2 laporan disimpan setelah konsolidasi terakhir (2024-01-31T23:00:00Z); jalankan rekap consolidate",
                                         en: "2 submissions stored after the last consolidation (2024-01-31T23:00:00Z); run rekap consolidate"),
            iku: iku, ikuStatistics: stats, programs: programs, belanja: belanja, efisiensi: efisiensi,
            pbbKecamatan: pbbKecamatan, pbbKelurahan: pbbKelurahan,
            leaderboards: [
                Leaderboard(kind: .pbb, id: "pbb-kelurahan", title: LocalizedText("PBB-P2 realisasi by kelurahan"), measure: LocalizedText("realisasi ÷ ketetapan × 100"), entries: pbbBoard),
                Leaderboard(kind: .iku, id: "iku", title: LocalizedText("IKU capaian by kecamatan"), measure: LocalizedText("mean capaian of the kecamatan's indicators"), entries: ikuBoard),
                Leaderboard(kind: .penyerapan, id: "penyerapan", title: LocalizedText("Penyerapan by kecamatan"), measure: LocalizedText("realisasi ÷ pagu × 100"), entries: penyerapanBoard),
            ],
            medals: medals, completeness: completeness, findings: findings)
    }

    /// The same city and year with nothing in it.
    static var empty: CityReport {
        CityReport(city: city, year: 2023, generatedAt: generatedAt)
    }
}
