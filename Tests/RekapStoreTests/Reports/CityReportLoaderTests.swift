import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore
import RekapTestSupport
import Testing

/// The report read back from a database holding the demo city: submissions stored through the
/// SubmissionStore, aggregates computed by the Consolidator, figures checked against the documents.
@Suite struct CityReportLoaderTests {
    static let city = RegionCode("14.72")!

    func submitDemo(_ client: PGClient) async throws -> [String: [Finding]] {
        let store = SubmissionStore(client: client)
        var findings: [String: [Finding]] = [:]
        for kecamatan in DemoSubmissions.kecamatan {
            let stored = try #require(try await store.submit(bytes: DemoSubmissions.bytes(kecamatan)).stored, "\(kecamatan) not stored")
            findings[kecamatan] = stored.findings
        }
        return findings
    }

    func recompute(_ client: PGClient, year: Int = 2023) async throws {
        try await client.withTransaction { connection in
            try Consolidator.recompute(city: Self.city, year: year, on: connection)
        }
    }

    @Test func neverConsolidatedSaysSoAndIsEmpty() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            let findings = try await submitDemo(client)
            let report = try await CityReportLoader.load(city: Self.city, year: 2023, client: client)
            #expect(report.city.name == "Kota Dumai")
            #expect(report.aggregatedAt == nil)
            #expect(report.stalenessNote?.en.contains("never computed") == true)
            #expect(report.stalenessNote?.id.contains("belum pernah dihitung") == true)
            #expect(report.iku.isEmpty && report.programs.isEmpty && report.pbbKelurahan.isEmpty)
            // Findings come from the submissions themselves, not the aggregates.
            #expect(report.findings.count == findings.values.filter { !$0.isEmpty }.count)
            let loadedCount: Int = report.findings.reduce(0) { $0 + $1.findings.count }
            let storedCount: Int = findings.values.reduce(0) { $0 + $1.count }
            #expect(loadedCount == storedCount)
            #expect(MarkdownRenderer.render(report).contains("Belum ada data."))
        }
    }

    @Test func demoCityFiguresMatchTheDocuments() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            let findings = try await submitDemo(client)
            try await recompute(client)
            let report = try await CityReportLoader.load(city: Self.city, year: 2023, client: client)
            #expect(report.stalenessNote == nil)
            #expect(report.aggregatedAt != nil)

            // IKU: three indicators per kecamatan, capaian from the documents' target and realisasi.
            #expect(report.iku.count == 21)
            let ikm = try #require(report.iku.first { $0.kecamatan.code.text == "14.72.02" && $0.code == "IKM" })
            #expect(ikm.kecamatan.name == "Dumai Timur")
            let realisasi = try DecimalText.parse("91.72")
            #expect(ikm.target == 87 && ikm.realisasi == realisasi)
            #expect(ikm.capaian.map(DecimalText.percent) == "105.43")
            #expect(ikm.predikat == "Sangat Berhasil")
            #expect(ikm.sasaran == "Meningkatnya kualitas pelayanan kecamatan Dumai Timur")
            // 2022 was never stored: last year's figures are the ones the report restates (`previous`).
            #expect(ikm.previous == IKURow.Previous(target: 87, realisasi: 90, polarity: .higher, source: .reported))
            #expect(report.ikuStatistics.map(\.code).sorted() == ["IKM", "PPKC", "PTPU"])
            #expect(report.ikuStatistics.allSatisfy { $0.reporting == 7 && $0.predikatCounts.reduce(0) { $0 + $1.count } == 7 })

            // Budget by program: the documents' program pagu and realisasi summed per code.
            var expected: [String: (pagu: Decimal, realisasi: Decimal, count: Int)] = [:]
            var totalPagu = Decimal(0)
            for kecamatan in DemoSubmissions.kecamatan {
                let document = try DemoSubmissions.document(kecamatan)
                for program in document["budget"]?["programs"]?.elements ?? [] {
                    let code = try #require(program.text("code"))
                    let sum = expected[code] ?? (0, 0, 0)
                    expected[code] = (sum.pagu + (try program.decimal("pagu") ?? 0), sum.realisasi + (try program.decimal("realisasi") ?? 0),
                                      sum.count + 1)
                }
                totalPagu += try #require(try document["budget"]?["total"]?.decimal("pagu"))
            }
            #expect(report.programs.map { $0.code ?? "" } == expected.keys.sorted())
            for program in report.programs {
                let sums = try #require(expected[program.code ?? ""])
                #expect(program.amounts.pagu == sums.pagu && program.amounts.realisasi == sums.realisasi, "\(program.code ?? program.name)")
                #expect(program.kecamatanCount == sums.count)
            }
            #expect(report.budgetTotal.pagu == totalPagu)

            // Efisiensi and penyerapan of Dumai Timur: its reported total (Tabel 3.7: 98.51%).
            let timur = try #require(report.efisiensi.first { $0.kecamatan.code.text == "14.72.02" })
            #expect(timur.budget == BudgetAmounts(pagu: 12_763_150_960, realisasi: 12_572_858_329))
            #expect(timur.budget?.penyerapan.map(DecimalText.percent) == "98.51")
            #expect(report.efisiensi.count == 7)

            // PBB-P2 from the submissions' latest rows (as of 2023-12-31).
            let document = try DemoSubmissions.document("14.72.01")
            let row = try #require(document["pbb"]?.elements.last { $0.text("as_of") == "2023-12-31" })
            let kelurahan = try #require(report.pbbKelurahan.first { $0.region.code.text == row.text("kelurahan") })
            let ketetapan = try row.decimal("ketetapan"), realisasiPBB = try row.decimal("realisasi")
            #expect(kelurahan.ketetapan == ketetapan)
            #expect(kelurahan.realisasi == realisasiPBB)
            #expect(kelurahan.source == .submission)
            #expect(kelurahan.asOf?.description == "2023-12-31")
            #expect(report.pbbKecamatan.count == 7)

            // Leaderboards as rekap rank computes them; the medal table has podium places.
            #expect(report.leaderboards.map(\.id) == ["pbb-kelurahan", "pbb-kecamatan", "iku", "penyerapan"])
            let penyerapan = try #require(report.leaderboards.first { $0.kind == .penyerapan })
            #expect(penyerapan.rows.count == 7 && penyerapan.rows.allSatisfy { $0.ranked.rank != nil })
            #expect(penyerapan.rows.first { $0.ranked.entry.region.text == "14.72.02" }?.ranked.valueText == "98.51")
            #expect(!report.medals.isEmpty && report.medals.first?.rank == 1)

            // Completeness: every kecamatan sent FY, no quarter; kelurahan sent nothing.
            let kecamatanRows = report.completeness.filter { $0.region.code.level == .kecamatan }
            #expect(kecamatanRows.count == 7)
            #expect(kecamatanRows.allSatisfy { $0.status(.fy).revision == 1 && !$0.status(.q1).isSubmitted })
            #expect(report.completeness.filter { $0.region.code.level == .desaKelurahan }.allSatisfy { !$0.status(.fy).isSubmitted })

            // Open findings: exactly what the store attached, in its order.
            for (kecamatan, stored) in findings {
                let loaded = report.findings.first { $0.region.code.text == kecamatan }
                #expect((loaded?.findings.map(\.rule) ?? []) == stored.map(\.rule), "\(kecamatan)")
                #expect((loaded?.findings.map(\.pointer) ?? []) == stored.map(\.pointer.description), "\(kecamatan)")
            }
            #expect(report.findings.contains { $0.findings.contains { $0.pointer == "/budget/programs/1/kegiatan/0/pagu" } })

            // Every format carries the figures.
            #expect(MarkdownRenderer.render(report).contains("| 12763150960 |"))
            #expect(CSVRenderer.render(report).contains(",12763150960,12572858329,"))
            #expect(HTMLRenderer.render(report).contains("12.763.150.960"))
            let json = try JSONParser().parse(JSONRenderer.render(report))
            #expect(json["budget"]?["total"]?["pagu"] == .string(DecimalText.string(totalPagu)))
        }
    }

    @Test func previousYearAndStaleness() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            let store = SubmissionStore(client: client)
            _ = try await submitDemo(client)
            // Dumai Timur's 2022 report, as its LKjIP gives it (Tabel 3.4: IKM realisasi 90).
            let text = String(decoding: try DemoSubmissions.bytes("14.72.02"), as: UTF8.self)
                // Its `previous` figures are 2021's (the year before the report's).
                .replacingOccurrences(of: "\"year\": 2022", with: "\"year\": 2021")
                .replacingOccurrences(of: "\"year\": 2023", with: "\"year\": 2022")
                .replacingOccurrences(of: "\"realisasi\": \"91.72\"", with: "\"realisasi\": \"90\"")
            #expect(try await store.submit(bytes: Array(text.utf8)).stored != nil)
            try await recompute(client, year: 2022)
            try await recompute(client)
            var report = try await CityReportLoader.load(city: Self.city, year: 2023, client: client)
            let ikm = try #require(report.iku.first { $0.kecamatan.code.text == "14.72.02" && $0.code == "IKM" })
            #expect(ikm.previous?.realisasi == 90)
            #expect(ikm.previous?.capaian.map(DecimalText.percent) == "103.45")
            #expect(report.iku.filter { $0.kecamatan.code.text == "14.72.01" }.allSatisfy { $0.previous == nil })
            #expect(report.stalenessNote == nil)

            // A new revision after the consolidation: the report says it is stale, and the finding list
            // shows the new revision's findings only.
            let revised = String(decoding: try DemoSubmissions.bytes("14.72.06"), as: UTF8.self)
                .replacingOccurrences(of: "\"reported_capaian\": \"104.45\"", with: "\"reported_capaian\": \"104.75\"")
            #expect(try await store.submit(bytes: Array(revised.utf8)).stored?.revision.revision == 2)
            report = try await CityReportLoader.load(city: Self.city, year: 2023, client: client)
            #expect(report.stalenessNote?.en.contains("1 submission") == true)
            #expect(report.stalenessNote?.id.hasPrefix("angka belum mutakhir: 1 laporan (terbaru ") == true)
            let tembak = report.findings.first { $0.region.code.text == "14.72.06" }
            #expect(tembak == nil || tembak?.revision == 2)
            #expect(report.findings.allSatisfy { !$0.findings.contains { $0.rule == FindingRule.capaianMismatch.rawValue } })
        }
    }

    @Test func unknownOrWrongLevelCityIsAClearError() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            await #expect(throws: CityReportError.self) {
                try await CityReportLoader.load(city: RegionCode("14.99")!, year: 2023, client: client)
            }
            do {
                _ = try await CityReportLoader.load(city: RegionCode("14.72.02")!, year: 2023, client: client)
                Issue.record("a kecamatan code was accepted as a city")
            } catch let error as CityReportError {
                #expect(error.reason.contains("kecamatan"))
            }
        }
    }
}
