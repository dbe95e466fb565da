import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore
import RekapTestSupport
import Testing

/// What the city report shows of the demo city (Kota Dumai, its seven kecamatan's 2023 reports): pagu
/// murni, the city-wide IKU names, and completeness against the city's reporting obligations.
@Suite struct CityReportContentTests {
    static let city = RegionCode("14.72")!

    /// Stores the demo reports, consolidates 2023 and loads the report.
    static func demoReport(_ client: PGClient) async throws -> CityReport {
        let store = SubmissionStore(client: client)
        for kecamatan in DemoSubmissions.kecamatan {
            _ = try #require(try await store.submit(bytes: DemoSubmissions.bytes(kecamatan)).stored, "\(kecamatan) not stored")
        }
        return try await recomputeAndLoad(client)
    }

    static func recomputeAndLoad(_ client: PGClient) async throws -> CityReport {
        try await client.withTransaction { try Consolidator.recompute(city: city, year: 2023, on: $0) }
        return try await CityReportLoader.load(city: city, year: 2023, client: client)
    }

    // MARK: Pagu murni

    /// Every kecamatan reports its programs' pagu_murni: the city's column sums them per program, like
    /// pagu (a program a kecamatan gives none for counts 0), and every format shows it.
    @Test func paguMurniIsSummedPerProgramAndShownInEveryFormat() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            let report = try await Self.demoReport(client)
            var expected: [String: Decimal] = [:]
            for kecamatan in DemoSubmissions.kecamatan {
                for program in try DemoSubmissions.document(kecamatan)["budget"]?["programs"]?.elements ?? [] {
                    let code = try #require(program.text("code"))
                    if let murni = try program.decimal("pagu_murni") { expected[code, default: 0] += murni }
                }
            }
            #expect(!expected.isEmpty)
            #expect(report.programs.count == Set(report.programs.map(\.code)).count)
            for program in report.programs {
                #expect(program.paguMurni == expected[program.code ?? ""], "\(program.code ?? program.name)")
            }
            let total = expected.values.reduce(0, +)
            let totalText = DecimalText.string(total)

            // The programs table's total line, in each format (CSV and Markdown plain digits, HTML grouped).
            let markdown = MarkdownRenderer.render(report)
            #expect(markdown.contains("| **\(totalText)** |"))
            let csvTotal = try #require(CSVRenderer.render(report).split(separator: "\r\n").first { $0.hasPrefix("budget-programs-total,") })
            #expect(csvTotal.split(separator: ",", omittingEmptySubsequences: false).contains(Substring(totalText)), "\(csvTotal)")
            #expect(HTMLRenderer.render(report).contains(LocalizedNumber.string(total)))
            let json = try JSONParser().parse(JSONRenderer.render(report))
            for program in json["budget"]?["programs"]?.elements ?? [] {
                let murni = expected[program.text("code") ?? ""].map { JSONValue.string(DecimalText.string($0)) } ?? .null
                #expect(program["pagu_murni"] == murni, "\(program)")
            }
        }
    }

    // MARK: IKU names

    /// The kecamatan name each indicator after themselves ("… Kewilayahan Kecamatan Dumai Timur"): the
    /// city's row takes what their names share, never one kecamatan's name.
    @Test func cityIndicatorRowsAreNamedByWhatTheKecamatanShare() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            let report = try await Self.demoReport(client)
            let names = Dictionary(uniqueKeysWithValues: report.ikuStatistics.map { ($0.code, $0.name) })
            #expect(names == [
                "IKM": "Indeks Kepuasan Masyarakat Kewilayahan",
                "PTPU": "Persentase Pelaksanaan Tugas Pemerintahan Umum dan Trantibum Kewilayahan",
                "PPKC": "Persentase Pelaksanaan Pelimpahan Kewenangan Kepada Camat Kewilayahan",
            ])
            // The kecamatan rows keep their own names.
            #expect(report.iku.first { $0.kecamatan.code.text == "14.72.03" && $0.code == "IKM" }?.name
                    == "Indeks Kepuasan Masyarakat Kewilayahan Kecamatan Bukit Kapur")
        }
    }

    /// The rule itself (`iku_city_indicator_name`): order does not matter, a region's own name is
    /// dropped only at the end, and a code stands in when the names share nothing.
    @Test(.migratedDatabase) func theCityNameOfAnIndicator() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        func name(_ names: [String], _ regions: [String?]) throws -> String? {
            try conn.queryValue(String.self, "SELECT iku_city_indicator_name('X1', \(PGArray(names))::text[], \(PGArray(regions))::text[])")
        }
        let a = "Indeks Kepuasan Masyarakat Kecamatan Dumai Timur", b = "Indeks Kepuasan Masyarakat Kec. Bukit Kapur"
        #expect(try name([a, b], ["Dumai Timur", "Bukit Kapur"]) == "Indeks Kepuasan Masyarakat")
        #expect(try name([b, a], ["Bukit Kapur", "Dumai Timur"]) == "Indeks Kepuasan Masyarakat")
        // One kecamatan alone: its own name dropped too.
        #expect(try name([a], ["Dumai Timur"]) == "Indeks Kepuasan Masyarakat")
        // The same name everywhere, without a region in it, stays whole.
        #expect(try name(["Persentase Layanan", "Persentase Layanan"], ["Dumai Timur", "Bukit Kapur"]) == "Persentase Layanan")
        // A region name inside a name is not an ending.
        #expect(try name(["Dumai Timur Bersih", "Dumai Timur Bersih"], ["Dumai Timur", nil]) == "Dumai Timur Bersih")
        // Nothing shared: the code.
        #expect(try name(["Indeks Kepuasan", "Persentase Layanan"], ["Dumai Timur", "Bukit Kapur"]) == "X1")
        #expect(try name(["Kecamatan Dumai Timur", "Kecamatan Bukit Kapur"], ["Dumai Timur", "Bukit Kapur"]) == "X1")
    }

    // MARK: Completeness

    /// By default kecamatan owe FY and Q1-Q4 and kelurahan owe nothing: the demo (kecamatan sent FY
    /// only) has no missing kelurahan cell, and the FY cell shows the day the report was signed
    /// beside the day it was stored.
    @Test func completenessFollowsTheDefaultObligationsAndShowsTheSignedDay() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            let report = try await Self.demoReport(client)
            let kelurahan = report.completeness.filter { $0.region.code.level == .desaKelurahan }
            #expect(kelurahan.count == 36)
            #expect(kelurahan.allSatisfy { row in row.periods.allSatisfy { !$0.owed && !$0.isMissing } })
            let kecamatan = report.completeness.filter { $0.region.code.level == .kecamatan }
            #expect(kecamatan.count == 7)
            #expect(kecamatan.allSatisfy { row in row.periods.allSatisfy(\.owed) && row.status(.q1).isMissing })
            for row in kecamatan {
                let signed = try #require(DemoSubmissions.document(row.region.code.text)["signed"]?.text("date"))
                #expect(row.status(.fy).signedOn?.description == signed, "\(row.region.code)")
                #expect(row.status(.fy).submittedAt != nil)
            }

            // The table lists the kecamatan only; "missing" in Q1-Q4 of each, never for a kelurahan.
            let html = HTMLRenderer.render(report)
            let table = try #require(html.range(of: "id=\"completeness\"").map { String(html[$0.lowerBound...]) })
            let section = String(table.prefix(upTo: table.range(of: "</section>")!.lowerBound))
            #expect(section.components(separatedBy: "class=\"missing\"").count - 1 == 7 * 4)
            #expect(!section.contains("14.72.02.1004"))
            let timurSigned = try #require(DemoSubmissions.document("14.72.02")["signed"]?.text("date"))
            #expect(section.contains("ditandatangani \(LocalizedDate.date(try CalendarDate(parsing: timurSigned)))"))
            let csv = CSVRenderer.render(report).split(separator: "\r\n")
            #expect(csv.contains("section,region,region_name,level,fy,fy_signed,q1,q1_signed,q2,q2_signed,q3,q3_signed,q4,q4_signed"))
            let timur = try #require(csv.first { $0.hasPrefix("completeness,14.72.02,") })
            #expect(timur.contains(",\(timurSigned),"))
            #expect(csv.filter { $0.hasPrefix("completeness,") }.count == 7)
            let json = try JSONParser().parse(JSONRenderer.render(report))
            let timurJSON = try #require(json["completeness"]?.elements.first { $0["region"]?.text("code") == "14.72.02" })
            #expect(timurJSON["periods"]?["FY"]?.text("signed_date") == timurSigned)
        }
    }

    /// A city that asks its kelurahan for the annual report: each kelurahan's FY is then missing, the
    /// setting makes the aggregates stale until the next recompute, and clearing it restores the default.
    @Test func aCityMayAskItsKelurahanForReports() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            _ = try await Self.demoReport(client)
            try await client.withConnection { conn in
                try ConsolidationSettings.setReportingPeriods([.fy], owedBy: .desaKelurahan, city: Self.city, on: conn)
                try ConsolidationSettings.setReportingPeriods([.fy, .q4], owedBy: .kecamatan, city: Self.city, on: conn)
            }
            let stale = try await CityReportLoader.load(city: Self.city, year: 2023, client: client)
            #expect(stale.stalenessNote != nil)

            var report = try await Self.recomputeAndLoad(client)
            #expect(report.stalenessNote == nil)
            let kelurahan = report.completeness.filter { $0.region.code.level == .desaKelurahan }
            #expect(kelurahan.count == 36 && kelurahan.allSatisfy { $0.status(.fy).isMissing && !$0.status(.q1).owed })
            let kecamatan = report.completeness.filter { $0.region.code.level == .kecamatan }
            #expect(kecamatan.allSatisfy { $0.status(.q4).isMissing && !$0.status(.q1).owed && !$0.status(.fy).isMissing })
            #expect(CSVRenderer.render(report).split(separator: "\r\n").filter { $0.hasPrefix("completeness,") }.count == 43)

            try await client.withConnection { conn in
                try ConsolidationSettings.setReportingPeriods(nil, owedBy: .desaKelurahan, city: Self.city, on: conn)
                try ConsolidationSettings.setReportingPeriods(nil, owedBy: .kecamatan, city: Self.city, on: conn)
                #expect(try ConsolidationSettings.load(city: Self.city, year: 2023, on: conn).obligations == .default)
                #expect(throws: ConsolidationError.self) {
                    try ConsolidationSettings.setReportingPeriods([.fy], owedBy: .kabupatenKota, city: Self.city, on: conn)
                }
            }
            report = try await Self.recomputeAndLoad(client)
            #expect(report.completeness.allSatisfy { $0.region.code.level == .kecamatan || $0.periods.allSatisfy { !$0.owed } })
        }
    }
}
