// Workbooks out: (1) Dumai Timur's report template, filled from its demo report (target < 200 ms), against
// checking the same report's JSON (SubmissionChecker); (2) the province-scale PBB-P2 ranking, every village
// of Riau (province 14, /work/shared/data/wilayah or REGIONS=path), as an .xlsx workbook (target < 1 s),
// against the same board as CSV. Median of ROUNDS runs each, and the ratios. Pure: no database.
import Foundation
import RekapDomain
import RekapReport
import RekapWorkbook
import XLSX

let environment = ProcessInfo.processInfo.environment
let rounds = Int(environment["ROUNDS"] ?? "") ?? 7
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let regionsFile = environment["REGIONS"] ?? "/work/shared/data/wilayah/regions.csv"

/// Median milliseconds of `rounds` runs of `body`, and its last result's size in bytes.
func measure(_ body: () throws -> Int) rethrows -> (ms: Double, bytes: Int) {
    var times: [Double] = []
    var bytes = 0
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        bytes = try body()
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }
    return (times.sorted()[times.count / 2], bytes)
}

func line(_ label: String, _ result: (ms: Double, bytes: Int)) {
    print("\(label.padding(toLength: 44, withPad: " ", startingAt: 0)) median \(String(format: "%8.1f", result.ms)) ms  \(result.bytes / 1024) KiB")
}

// (1) The template.
let document = Array(try Data(contentsOf: root.appendingPathComponent("Sources/RekapCLI/DemoData/submissions/14.72.02-2023.json")))
var checker = SubmissionChecker()
checker.knownRegion = nil
guard case .accepted(let submission, _, _, _) = checker.check(document) else { fatalError("the demo report is not accepted") }
let kelurahan = try String(contentsOf: root.appendingPathComponent("Sources/RekapCLI/DemoData/dumai.csv"), encoding: .utf8)
    .split(separator: "\n").compactMap { line -> TemplateRegion? in
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 4, fields[3] == "14.72.02", let code = RegionCode(fields[0]) else { return nil }
        return TemplateRegion(code: code, name: fields[1])
    }
let input = ReportTemplateInput(region: TemplateRegion(code: RegionCode("14.72.02")!, name: "Dumai Timur"), year: 2023, period: .fy,
                                kelurahan: kelurahan, latest: LatestRevision(revision: 1, document: submission))
print("Dumai Timur template: \(submission.indicators.count) indicators, \(submission.budget?.programs.count ?? 0) programs, \(kelurahan.count) kelurahan, \(rounds) rounds")
let check = measure { () -> Int in
    guard case .accepted = checker.check(document) else { fatalError() }
    return document.count
}
let template = try measure { try ReportTemplate.workbook(input).data().count }
line("reference: checking the report's JSON", check)
line("template (.xlsx)", template)
print(String(format: "template / reference: %.1f×   (target: template < 200 ms)", template.ms / check.ms))

// (2) The province's villages ranked by PBB-P2 realisation.
var random = SplitMix64(seed: 14)
let villages = try String(contentsOfFile: regionsFile, encoding: .utf8).split(separator: "\n").compactMap { line -> RankingEntry? in
    let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard fields.count >= 4, fields[2] == "4", fields[0].hasPrefix("14."), let code = RegionCode(fields[0]) else { return nil }
    let ketetapan = Decimal(random.within(200_000...3_000_000)) * 1000
    let realisasi = ketetapan * Decimal(random.within(3_000...10_000)) / 10_000 + Decimal(random.within(0...99)) / 100
    return RankingEntry(region: code, name: fields[1], value: .ratio(numerator: realisasi, denominator: ketetapan))
}
let board = Leaderboard(kind: .pbb, id: "pbb-kelurahan", title: "PBB-P2 2023 realisasi % per kelurahan (Riau)",
                        measure: "realisasi ÷ ketetapan × 100", numeratorName: "realisasi", denominatorName: "ketetapan",
                        entries: Ranking.rank(villages))
print("\nprovince PBB-P2 ranking: \(villages.count) villages of province 14, \(rounds) rounds")
let csv = measure { LeaderboardRenderer.render(board, as: .csv).utf8.count }
let xlsx = try measure { try XLSXRenderer.render(board, lines: ["Provinsi: 14", "Tahun: 2023", "Per tanggal: 2023-12-31"]).count }
line("reference: the same ranking as CSV", csv)
line("ranking (.xlsx)", xlsx)
print(String(format: "xlsx / csv: %.1f×   (target: xlsx < 1 s)", xlsx.ms / csv.ms))
