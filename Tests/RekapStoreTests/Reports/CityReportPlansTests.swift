import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore
import RekapTestSupport
import Testing

/// The city report and the dashboard with the seed's plan documents stored beside the demo reports
/// (issue 12): the PK target beside the reported target, the Renstra end target, last year's figures as
/// the report restates them, quarterly capaian against the PK, and the findings across documents with
/// both documents named.
@Suite struct CityReportPlansTests {
    static let city = RegionCode("14.72")!
    static let dumaiTimur = RegionCode("14.72.02")!
    static let planFolder = RepositoryFiles.root.appendingPathComponent("Sources/RekapCLI/DemoData/plans")

    static func planBytes(_ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: planFolder.appendingPathComponent(file)))
    }

    /// Stores `documents` through the path `rekap submit` takes; each must be stored.
    static func submit(_ documents: [[UInt8]], client: PGClient) async throws {
        let store = SubmissionStore(client: client)
        for bytes in documents {
            let outcome = try await store.submitDocument(bytes: bytes)
            #expect(outcome.id != nil && outcome.problems.isEmpty, "\(outcome.problems)")
        }
    }

    static func seedPlans() throws -> [[UInt8]] {
        try ["14.72.02-renstra-2022-2026.json", "14.72.02-pk-murni-2023.json", "14.72.02-pk-perubahan-2023.json"].map(planBytes)
    }

    static func load(_ client: PGClient) async throws -> CityReport {
        try await client.withTransaction { try Consolidator.recompute(city: city, year: 2023, on: $0) }
        return try await CityReportLoader.load(city: city, year: 2023, client: client)
    }

    @Test func theSeedsPlansShowBesideDumaiTimursIndicators() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            try await DemoSubmissions.submit(client: client)
            try await Self.submit(try Self.seedPlans(), client: client)
            let report = try await Self.load(client)

            let ikm = try #require(report.iku.first { $0.kecamatan.code == Self.dumaiTimur && $0.code == "IKM" })
            // Capaian stays against the report's own 87; the signed PK's 92 stands beside it.
            #expect(ikm.target == 87)
            #expect(ikm.capaian.map(DecimalText.percent) == "105.43")
            #expect(ikm.pkTarget == PlanTarget(value: 92, document: "PK murni 2023 14.72.02"))
            #expect(ikm.pkCapaian.map(DecimalText.percent) == "99.70")
            // Tabel 3.5: the report says 88, the stored Renstra ends at 91.
            #expect(ikm.renstraTarget == 88)
            #expect(ikm.renstraEnd == PlanTarget(value: 91, document: "Renstra 2022–2026 14.72.02"))
            #expect(ikm.renstraProgress.map(DecimalText.percent) == "100.79")
            // Tabel 3.4: 2022 was never stored, so the figures the report restates.
            #expect(ikm.previous == IKURow.Previous(target: 87, realisasi: 90, polarity: .higher, source: .reported))
            // Another kecamatan filed no plan: nothing from plans.
            let other = try #require(report.iku.first { $0.kecamatan.code.text == "14.72.01" })
            #expect(other.pkTarget == nil && other.renstraEnd == nil)

            // Every open cross finding of the city, each naming both stored documents.
            #expect(report.crossFindings.count == 13, "\(report.crossFindings.map(\.rule))")
            let target = try #require(report.crossFindings.first { $0.rule == CrossDocumentRule.pkTargetVsReport.rawValue })
            #expect(target.region == ReportRegion(code: Self.dumaiTimur, name: "Dumai Timur"))
            #expect(target.subject.document == "LKjIP 2023 14.72.02" && target.subject.pointer == "/indicators/0/target")
            #expect(target.against.document == "PK murni 2023 14.72.02" && target.against.revision == 1)
            #expect(target.subject.id != target.against.id)
            let rules = Set(report.crossFindings.map(\.rule))
            #expect(rules.isSuperset(of: [CrossDocumentRule.pkVsRenstra, .renstraEndVsReport, .pkVsBudget, .pkIndicatorNotInReport,
                                          .reportIndicatorNotInPK].map(\.rawValue)))

            // Every format shows them.
            let markdown = MarkdownRenderer.render(report)
            #expect(markdown.contains("LKjIP 2023 14.72.02 rev. 1"))
            #expect(markdown.contains("PK murni 2023 14.72.02 rev. 1"))
            #expect(markdown.contains("Renstra 2022–2026 14.72.02 rev. 1"))
            let json = try JSONParser().parse(JSONRenderer.render(report))
            #expect(json["cross_findings"]?.elements.count == 13)

            // The dashboard lists the same findings under Dumai Timur.
            let dashboard = try await client.withTransaction(isolation: .repeatableRead, readOnly: true) { connection in
                try CityDashboardLoader.load(city: Self.city, year: 2023, on: connection)
            }
            #expect(dashboard.crossFindings == report.crossFindings)
            let page = DashboardRenderer.fragment(dashboard)
            #expect(page.contains("Temuan Lintas Dokumen"))
            #expect(page.contains("Dumai Timur"))
            #expect(page.contains("LKjIP 2023 14.72.02 (id \(target.subject.id), revisi 1) /indicators/0/target"))
            #expect(page.contains("PK murni 2023 14.72.02 (id \(target.against.id), revisi 1) /indicators/0/target"))
        }
    }

    /// A Q2 realisation measured against the PK's rencana aksi target for Q2, beside its own target.
    @Test func quarterlyCapaianIsMeasuredAgainstThePKsQuarterTarget() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            let murni = String(decoding: try Self.planBytes("14.72.02-pk-murni-2023.json"), as: UTF8.self)
                .replacingOccurrences(of: #""unit": "indeks", "target": "92" }"#,
                                      with: #""unit": "indeks", "target": "92", "quarters": { "Q2": "50", "Q4": "92" } }"#)
            #expect(murni.contains("\"Q2\": \"50\""))
            let quarter = #"{"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "Q2", "indicators": [{"code": "IKM", "name": "Indeks Kepuasan Masyarakat", "target": "40", "realisasi": "45"}]}"#
            try await Self.submit([Array(quarter.utf8), Array(murni.utf8)], client: client)
            let report = try await Self.load(client)
            let row = try #require(report.quarterPlanCapaian.first)
            #expect(report.quarterPlanCapaian.count == 1)
            #expect(row.region.code == Self.dumaiTimur && row.period == .q2 && row.code == "IKM")
            #expect(row.capaian.map(DecimalText.percent) == "112.50")
            #expect(row.pkTarget == PlanTarget(value: 50, document: "PK murni 2023 14.72.02"))
            #expect(row.pkCapaian.map(DecimalText.percent) == "90.00")
            #expect(report.crossFindings.contains { $0.rule == CrossDocumentRule.quarterTarget.rawValue })
            let csv = CSVRenderer.render(report)
            #expect(csv.contains("iku-triwulan-pk,14.72.02,Dumai Timur,Q2,IKM,Indeks Kepuasan Masyarakat,40,50,45,112.50,90.00,PK murni 2023 14.72.02"))
        }
    }
}
