// Renders a province-sized city report (KECAMATAN kecamatan × KELURAHAN kelurahan each, 3 IKU each,
// 12 programs, every leaderboard, completeness and findings) in every format, ROUNDS times, and prints
// the median time and output size per format. Pure: no database (the loader's queries are measured by
// the aggregates' benchmarks). Deterministic figures (SplitMix64), exact Decimals throughout.
import Foundation
import RekapDomain
import RekapReport

let environment = ProcessInfo.processInfo.environment
let kecamatanCount = Int(environment["KECAMATAN"] ?? "") ?? 60
let kelurahanPerKecamatan = Int(environment["KELURAHAN"] ?? "") ?? 20
let rounds = Int(environment["ROUNDS"] ?? "") ?? 7

var random = SplitMix64(seed: 2023)
@MainActor func amount(_ range: ClosedRange<Int>) -> Decimal { Decimal(random.within(range)) * 1000 + Decimal(random.within(0...99)) / 100 }
func code(_ kecamatan: Int, _ kelurahan: Int? = nil) -> RegionCode {
    let k = kecamatan < 10 ? "0\(kecamatan)" : "\(kecamatan)"
    guard let kelurahan else { return RegionCode("14.72.\(k)")! }
    return RegionCode("14.72.\(k).\(1000 + kelurahan)")!
}

var iku: [IKURow] = [], efisiensi: [EfisiensiRow] = [], pbbKecamatan: [PBBFigures] = [], pbbKelurahan: [PBBFigures] = []
var completeness: [CompletenessRow] = [], findings: [SubmissionFindings] = [], tallies: [MedalTally] = []
let generatedAt = Date(timeIntervalSince1970: 1_706_745_600)
for k in 1...kecamatanCount {
    let kecamatan = ReportRegion(code: code(k), name: "Kecamatan \(k) & 'Sekitarnya'")
    for indicator in ["IKM", "PTPU", "PPKC"] {
        iku.append(IKURow(kecamatan: kecamatan, code: indicator, name: "Indikator \(indicator) <\(k)>", unit: "%", target: 100,
                          realisasi: Decimal(random.within(5000...11000)) / 100, renstraTarget: 100,
                          previous: IKURow.Previous(target: 100, realisasi: Decimal(random.within(5000...11000)) / 100)))
    }
    efisiensi.append(EfisiensiRow(kecamatan: kecamatan, capaian: Decimal(random.within(5000...11000)) / 100,
                                  budget: BudgetAmounts(pagu: amount(9_000_000...14_000_000), realisasi: amount(8_000_000...9_000_000))))
    var ketetapanSum = Decimal(0), realisasiSum = Decimal(0)
    for l in 1...kelurahanPerKecamatan {
        let kelurahan = ReportRegion(code: code(k, l), name: "Kelurahan \(k)-\(l)")
        let ketetapan = amount(500_000...3_000_000), realisasi = ketetapan * Decimal(random.within(40...100)) / 100
        ketetapanSum += ketetapan
        realisasiSum += realisasi
        pbbKelurahan.append(PBBFigures(region: kelurahan, ketetapan: ketetapan, realisasi: realisasi, objek: random.within(500...5000),
                                       objekLunas: random.within(100...500), asOf: try CalendarDate(year: 2023, month: 12, day: 31),
                                       source: .feed))
        completeness.append(CompletenessRow(region: kelurahan, periods: []))
        tallies.append(MedalTally(region: kelurahan.code, name: kelurahan.name, first: random.within(0...3), second: random.within(0...3),
                                  third: random.within(0...3)))
    }
    pbbKecamatan.append(PBBFigures(region: kecamatan, ketetapan: ketetapanSum, realisasi: realisasiSum, source: .feed))
    completeness.append(CompletenessRow(region: kecamatan, periods: Period.allCases.map {
        CompletenessRow.PeriodStatus(period: $0, revision: random.within(1...3), submittedAt: generatedAt)
    }))
    findings.append(SubmissionFindings(submissionID: Int64(k), region: kecamatan, period: .fy, revision: 1, findings: (0..<5).map { i in
        .init(severity: .warning, rule: "budget.parent-sum-mismatch", pointer: "/budget/programs/\(i)/pagu",
              message: "program \"P, \(i)\" reports pagu 150000000 but its kegiatan add up to 143512700 (difference 6487300)")
    }))
}
let programs = (1...12).map { p in
    ProgramBudget(code: "7.01.\(p)", name: "Program \(p)", kecamatanCount: kecamatanCount,
                  amounts: BudgetAmounts(pagu: amount(100_000_000...900_000_000), realisasi: amount(90_000_000...100_000_000)))
}
func board(_ kind: Leaderboard.Kind, _ id: String, _ entries: [RankingEntry]) -> Leaderboard {
    Leaderboard(kind: kind, id: id, title: id, measure: id, entries: Ranking.rank(entries))
}
let report = CityReport(
    city: ReportRegion(code: RegionCode("14.72")!, name: "Kota Uji"), year: 2023, generatedAt: generatedAt,
    iku: iku, programs: programs,
    belanja: BelanjaType.allCases.map { BelanjaBudget(belanja: $0, amounts: BudgetAmounts(pagu: amount(1_000_000...9_000_000), realisasi: amount(1...1_000_000))) },
    efisiensi: efisiensi, pbbKecamatan: pbbKecamatan, pbbKelurahan: pbbKelurahan,
    leaderboards: [
        board(.pbb, "pbb-kelurahan", pbbKelurahan.map { RankingEntry(region: $0.region.code, name: $0.region.name, value: .ratio(numerator: $0.realisasi, denominator: $0.ketetapan)) }),
        board(.pbb, "pbb-kecamatan", pbbKecamatan.map { RankingEntry(region: $0.region.code, name: $0.region.name, value: .ratio(numerator: $0.realisasi, denominator: $0.ketetapan)) }),
        board(.iku, "iku", efisiensi.map { RankingEntry(region: $0.kecamatan.code, name: $0.kecamatan.name, value: .exact($0.capaian!)) }),
        board(.penyerapan, "penyerapan", efisiensi.map { RankingEntry(region: $0.kecamatan.code, name: $0.kecamatan.name, value: .ratio(numerator: $0.budget!.realisasi, denominator: $0.budget!.pagu)) }),
    ],
    medals: MedalStanding.standings(tallies), completeness: completeness, findings: findings)

print("report: \(kecamatanCount) kecamatan, \(kecamatanCount * kelurahanPerKecamatan) kelurahan, \(iku.count) IKU rows, \(rounds) rounds")
for format in ReportFormatKind.allCases {
    var times: [Double] = []
    var size = 0
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        let text = format.render(report)
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        size = text.utf8.count
    }
    let median = times.sorted()[times.count / 2]
    print("\(format.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)) median \(String(format: "%8.1f", median)) ms  \(size / 1024) KiB")
}
