import Foundation
import RekapTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct RankCommandTests {
    /// A scratch database with Dumai's regions, the demo's submissions and a generated PBB-P2 feed,
    /// set up through the CLI; `body` gets its URL and the feed's folder.
    func withDumai(_ label: String, _ body: (String, URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-rank-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withScratchDatabase(label: label) { configuration in
            let url = databaseURL(configuration)
            let feed = ["--ketetapan", folder.appendingPathComponent("ketetapan.csv").path,
                        "--pembayaran", folder.appendingPathComponent("pembayaran.csv").path]
            let generate = try await runRekap(["pbb", "generate", "--regions", RepositoryFiles.dumaiCSV.path, "--under", "14.72",
                                               "--year", "2023", "--objects", "600", "--seed", "7", "--out", folder.path])
            #expect(generate.status == 0, "\(generate)")
            for arguments in [["db", "migrate"], ["regions", "import", RepositoryFiles.dumaiCSV.path], ["pbb", "load"] + feed] {
                let run = try await runRekap(arguments + ["--database", url])
                #expect(run.status == 0, "\(arguments): \(run)")
            }
            for file in try FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.demoSubmissions.path).sorted()
            where file.hasSuffix(".json") {
                let run = try await runRekap(["submit", RepositoryFiles.demoSubmissions.appendingPathComponent(file).path, "--database", url])
                #expect(run.status == 0, "\(file): \(run)")
            }
            try await body(url, folder)
        }
    }

    /// realisasi and ketetapan per kelurahan straight from the CSV files (payments of unassessed NOPs
    /// left out), with plain Decimal sums.
    func feedFigures(_ folder: URL, through day: String = "9999-12-31") throws -> [String: (realisasi: Decimal, ketetapan: Decimal)] {
        var kelurahanOf: [Substring: String] = [:]
        var figures: [String: (realisasi: Decimal, ketetapan: Decimal)] = [:]
        for line in try String(contentsOf: folder.appendingPathComponent("ketetapan.csv"), encoding: .utf8).split(separator: "\n").dropFirst() {
            let field = line.split(separator: ",")
            kelurahanOf[field[0]] = String(field[2])
            figures[String(field[2]), default: (0, 0)].ketetapan += Decimal(string: String(field[3]))!
        }
        for line in try String(contentsOf: folder.appendingPathComponent("pembayaran.csv"), encoding: .utf8).split(separator: "\n").dropFirst() {
            let field = line.split(separator: ",")
            guard let kelurahan = kelurahanOf[field[0]], field[2] <= day else { continue }
            figures[kelurahan, default: (0, 0)].realisasi += Decimal(string: String(field[3]))!
        }
        return figures
    }

    /// The JSON array a rank command prints.
    func rows(_ run: RekapRun) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    }

    @Test func pbbJsonMatchesTheFeed() async throws {
        try await withDumai("cli_rank_pbb") { url, folder in
            let first = try await runRekap(["rank", "pbb", "--city", "14.72", "--year", "2023", "--level", "kelurahan",
                                            "--format", "json", "--database", url])
            #expect(first.status == 0, "\(first)")
            // Never computed before: computed now, and said so.
            #expect(first.stderr.contains("never computed; computing them now"))
            for asOf in [nil, "2023-06-30"] as [String?] {
                let run = asOf == nil ? first : try await runRekap(
                    ["rank", "pbb", "--city", "14.72", "--year", "2023", "--as-of", asOf!, "--format", "json", "--database", url])
                #expect(run.status == 0, "\(run)")
                let figures = try feedFigures(folder, through: asOf ?? "9999-12-31")
                let expected = expectedRanks(figures.map { ($0.key, $0.value.realisasi, $0.value.ketetapan) })
                let rows = try rows(run)
                #expect(rows.map { "\($0["rank"] as! Int) \($0["region"] as! String)" } == expected.map { "\($0.rank) \($0.code)" })
                for row in rows {
                    let figure = figures[row["region"] as! String]!
                    #expect(row["numerator"] as? String == "\(figure.realisasi)")
                    #expect(row["denominator"] as? String == "\(figure.ketetapan)")
                    #expect(row["value"] as? String == expectedPercentText(figure.realisasi, figure.ketetapan))
                    #expect((row["name"] as? String)?.isEmpty == false)
                    #expect(Set(row.keys) == ["rank", "region", "name", "value", "numerator", "denominator"])
                }
            }
            // --lowest: the same figures, worst first.
            let lowest = try await runRekap(["rank", "pbb", "--city", "14.72", "--year", "2023", "--lowest", "--format", "json", "--database", url])
            let figures = try feedFigures(folder)
            #expect(try rows(lowest).map { $0["region"] as! String }
                    == expectedRanks(figures.map { ($0.key, $0.value.realisasi, $0.value.ketetapan) }, lowest: true).map(\.code))

            // Kecamatan: Σ ÷ Σ of their kelurahan, in CSV.
            let csv = try await runRekap(["rank", "pbb", "--city", "14.72", "--year", "2023", "--level", "kecamatan", "--format", "csv", "--database", url])
            #expect(csv.status == 0, "\(csv)")
            let lines = csv.stdout.split(separator: "\n")
            #expect(lines.first == "rank,region,name,value,numerator,denominator")
            #expect(lines.count == 8)
            for line in lines.dropFirst() {
                let field = line.split(separator: ",", omittingEmptySubsequences: false)
                let members = figures.filter { $0.key.hasPrefix(field[1] + ".") }.values
                #expect(field[4] == "\(total(members.map(\.realisasi)))" && field[5] == "\(total(members.map(\.ketetapan)))")
            }
        }
    }

    @Test func otherLeaderboardsStalenessAndFormats() async throws {
        try await withDumai("cli_rank_other") { url, _ in
            let fresh = try await runRekap(["rank", "iku", "--city", "14.72", "--year", "2023", "--format", "json", "--fresh", "--database", url])
            #expect(fresh.status == 0, "\(fresh)")
            let iku = try rows(fresh)
            #expect(iku.count == 7)
            let ranks = iku.compactMap { $0["rank"] as? Int }
            #expect(ranks == ranks.sorted() && ranks.first == 1)
            for row in iku where row["rank"] is Int {
                // The mean of the indicators' capaian: numerator ÷ denominator, already in percent.
                let sum = Decimal(string: row["numerator"] as! String)!, count = Decimal(string: row["denominator"] as! String)!
                #expect(row["value"] as? String == expectedPercentText(sum, count * 100))
            }

            let table = try await runRekap(["rank", "penyerapan", "--city", "14.72", "--year", "2023", "--database", url])
            #expect(table.status == 0, "\(table)")
            #expect(table.stdout.hasPrefix("Budget 2023 penyerapan % per kecamatan\nrank  region"))
            #expect(table.stderr.isEmpty, "fresh aggregates need no message: \(table.stderr)")

            let awards = try await runRekap(["rank", "awards", "--city", "14.72", "--year", "2023", "--format", "json", "--database", url])
            #expect(awards.status == 0, "\(awards)")
            for row in try rows(awards) {
                #expect(Set(row.keys) == ["rank", "region", "name", "gold", "silver", "bronze", "other"])
                #expect((row["region"] as! String).count == 13)
            }

            // A new revision makes the aggregates stale: said on stderr; --fresh recomputes first.
            let revised = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-rank-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: revised) }
            let original = try String(contentsOf: RepositoryFiles.demoSubmissions.appendingPathComponent("14.72.02-2023.json"), encoding: .utf8)
            try original.replacingOccurrences(of: "\"realisasi\": \"91.72\"", with: "\"realisasi\": \"50\"")
                .write(to: revised, atomically: true, encoding: .utf8)
            let submit = try await runRekap(["submit", revised.path, "--database", url])
            #expect(submit.status == 0, "\(submit)")
            let stale = try await runRekap(["rank", "iku", "--city", "14.72", "--year", "2023", "--indicator", "IKM", "--format", "csv", "--database", url])
            #expect(stale.status == 0, "\(stale)")
            #expect(stale.stderr.contains("the aggregates of 14.72 2023 are stale: 1 submission"))
            #expect(stale.stderr.contains("--fresh"))
            let recomputed = try await runRekap(["rank", "iku", "--city", "14.72", "--year", "2023", "--indicator", "IKM", "--format", "csv",
                                                 "--fresh", "--database", url])
            #expect(recomputed.stderr.contains("recomputing the aggregates of 14.72 2023 first"))
            // Dumai Timur's IKM is now 50 of 87: 57.47%.
            #expect(recomputed.stdout.contains(",14.72.02,Dumai Timur,57.47,50,87\n"), "\(recomputed)")
            #expect(!stale.stdout.contains(",14.72.02,Dumai Timur,57.47,"))
        }
    }

    @Test func usageErrorsAndUnreachableDatabase() async throws {
        try await withDumai("cli_rank_errors") { url, _ in
            for arguments in [
                ["rank", "pbb", "--city", "14.99", "--year", "2023"],            // not in the registry
                ["rank", "pbb", "--city", "14.72.01", "--year", "2023"],         // a kecamatan
                ["rank", "pbb", "--city", "14.72", "--year", "2023", "--as-of", "2023-02-30"],
                ["rank", "pbb", "--city", "14.72", "--year", "2023", "--level", "kota"],
                ["rank", "iku", "--city", "14.72", "--year", "2023", "--indicator", "NOPE"],
                ["rank", "awards", "--city", "14.72", "--year", "2023", "--format", "xml"],
            ] {
                let run = try await runRekap(arguments + ["--database", url])
                #expect(run.status == 64, "\(arguments): \(run)")
                #expect(run.stdout.isEmpty)
                #expect(!run.stderr.isEmpty)
            }
        }
        let noDatabase = try await runRekap(["rank", "pbb", "--city", "14.72", "--year", "2023"])
        #expect(noDatabase.status == 64, "\(noDatabase)")
        let port = try closedLocalPort()
        let unreachable = try await runRekap(["rank", "pbb", "--city", "14.72", "--year", "2023",
                                              "--database", "postgresql://postgres@127.0.0.1:\(port)/postgres"])
        #expect(unreachable.status == 69, "\(unreachable)")
    }
}

/// Expected ranks computed independently of `Ranking` (fractions cross-multiplied; ties share the
/// rank of the first and skip), best first or with `lowest` worst first, ties by code.
func expectedRanks(_ values: [(code: String, numerator: Decimal, denominator: Decimal)], lowest: Bool = false) -> [(rank: Int, code: String)] {
    func compare(_ a: (code: String, numerator: Decimal, denominator: Decimal), _ b: (code: String, numerator: Decimal, denominator: Decimal)) -> Int {
        let left = a.numerator * b.denominator, right = b.numerator * a.denominator
        return left == right ? 0 : (left < right ? -1 : 1)
    }
    let sorted = values.sorted { lhs, rhs in
        let order = compare(lhs, rhs)
        return order != 0 ? (lowest ? order < 0 : order > 0) : lhs.code < rhs.code
    }
    var result: [(rank: Int, code: String)] = []
    for (index, item) in sorted.enumerated() {
        result.append((index > 0 && compare(sorted[index - 1], item) == 0 ? result[index - 1].rank : index + 1, item.code))
    }
    return result
}

/// numerator ÷ denominator × 100, half-up to 2 decimals, from whole-number arithmetic.
func expectedPercentText(_ numerator: Decimal, _ denominator: Decimal) -> String {
    let top = numerator * 20000 + denominator, bottom = denominator * 2
    var quotient = top / bottom, floored = Decimal()
    NSDecimalRound(&floored, &quotient, 0, .down)
    if floored * bottom > top { floored -= 1 }
    if (floored + 1) * bottom <= top { floored += 1 }
    let hundredths = NSDecimalNumber(decimal: floored).int64Value
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
}

func total<S: Sequence>(_ values: S) -> Decimal where S.Element == Decimal { values.reduce(Decimal(0), +) }
