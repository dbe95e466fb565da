import Foundation
import HTTPTypes
import RekapDomain
import RekapTestSupport
import Testing
@testable import RekapServer

/// `GET /v1/templates/{region}/{year}` (the roles and scope of submitting) and `format=xlsx` on the
/// ranking and report routes, in this process (``InProcessAPI``).
@Suite(.timeLimit(.minutes(5))) struct WorkbookDownloadAPITests {
    /// openpyxl's sheets of a workbook answer (nil: openpyxl missing, skipped).
    func sheets(_ answer: InProcessAPI.Answer) async throws -> [[String: Any]]? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-api-\(UUID().uuidString).xlsx")
        try Data(answer.bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let description = try await SpreadsheetTools.openpyxl(file) else {
            print("openpyxl is not installed (pip install openpyxl): workbook checks skipped")
            return nil
        }
        return description["sheets"] as? [[String: Any]]
    }

    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    @Test func templatesFollowTheScopeOfSubmitting() async throws {
        try await InProcessAPI.with { api in
            try await api.seedDemo(["14.72.02"])
            let tokens = api.tokens
            let own = try await api.get("/v1/templates/14.72.02/2023", token: tokens.kecamatan)
            #expect(own.status == 200, "\(own.text)")
            #expect(own.headers[.contentType] == Self.xlsx)
            #expect(own.headers[.contentDisposition] == "attachment; filename=\"rekap-14.72.02-2023-FY.xlsx\"")
            #expect(own.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            if let workbook = try await sheets(own) {
                let metadata = try #require(workbook.last?["cells"] as? [String: [String: Any]])
                #expect(metadata["B3"]?["v"] as? String == "14.72.02" && metadata["B6"]?["v"] as? String == "1")
            }
            // A kelurahan token fetches its own, not its kecamatan's; no token fetches another kecamatan's.
            let kelurahan = try await api.get("/v1/templates/14.72.02.1002/2023?period=Q1", token: tokens.kelurahan)
            #expect(kelurahan.status == 200 && kelurahan.headers[.contentDisposition] == "attachment; filename=\"rekap-14.72.02.1002-2023-Q1.xlsx\"")
            for (path, token) in [("/v1/templates/14.72.02/2023", tokens.kelurahan), ("/v1/templates/14.72.03/2023", tokens.kecamatan),
                                  ("/v1/templates/14.72.02/2023", tokens.bappeda), ("/v1/templates/14.72.02/2023", tokens.revenue),
                                  ("/v1/templates/14.71.01/2023", tokens.otherCityBappeda)] {
                let answer = try await api.get(path, token: token)
                #expect(answer.status == 403 && answer.errorCode == "forbidden", "\(path): \(answer.text)")
                #expect(answer.bytes.count < 1_000)
            }
            for path in ["/v1/templates/14.72.02/2023?document=lkjip", "/v1/templates/14.72.02/2023?period=Q5",
                         "/v1/templates/14.72.02/2023?document=renstra&to=2031", "/v1/templates/14.72.02/2023?document=pk&kind=x",
                         "/v1/templates/nope/2023"] {
                #expect(try await api.get(path, token: tokens.kecamatan).status == 400, "\(path)")
            }
            let renstra = try await api.get("/v1/templates/14.72.02/2022?document=renstra", token: tokens.kecamatan)
            #expect(renstra.status == 200 && renstra.headers[.contentDisposition] == "attachment; filename=\"rekap-renstra-14.72.02-2022-2026.xlsx\"")
            let pk = try await api.get("/v1/templates/14.72.02/2023?document=pk&kind=perubahan", token: tokens.kecamatan)
            #expect(pk.status == 200 && pk.headers[.contentDisposition] == "attachment; filename=\"rekap-pk-14.72.02-2023-perubahan.xlsx\"")
        }
    }

    @Test func rankingsAndTheReportAsWorkbooks() async throws {
        try await InProcessAPI.with { api in
            try await api.seedDemo(["14.72.01", "14.72.02", "14.72.03"])
            let tokens = api.tokens
            let ranking = try await api.get("/v1/rankings/penyerapan?year=2023&format=xlsx", token: tokens.bappeda)
            #expect(ranking.status == 200 && ranking.headers[.contentType] == Self.xlsx, "\(ranking.text)")
            #expect(ranking.headers[.contentDisposition] == "attachment; filename=\"rekap-peringkat-penyerapan-14.72-2023.xlsx\"")
            let json = try await api.get("/v1/rankings/penyerapan?year=2023", token: tokens.bappeda)
            let parsed = json.json
            if let workbook = try await sheets(ranking), case .array(let rows)? = parsed {
                let cells = try #require(workbook.first?["cells"] as? [String: [String: Any]])
                for (index, row) in rows.enumerated() {
                    guard case .string(let region)? = row["region"] else { continue }
                    #expect(cells["B\(8 + index)"]?["v"] as? String == region)
                }
            }
            // The same access rules as JSON: another city's Bappeda may not.
            #expect(try await api.get("/v1/rankings/penyerapan?year=2023&city=14.72&format=xlsx", token: tokens.otherCityBappeda).status == 403)
            #expect(try await api.get("/v1/rankings/penyerapan?year=2023&format=pdf", token: tokens.bappeda).status == 400)
            let report = try await api.get("/v1/reports/14.72/2023?format=xlsx", token: tokens.bappeda)
            #expect(report.status == 200 && report.headers[.contentType] == Self.xlsx)
            #expect(report.headers[.contentDisposition] == "attachment; filename=\"rekap-14.72-2023.xlsx\"")
            if let workbook = try await sheets(report) {
                #expect(workbook.count > 10 && workbook.first?["name"] as? String == "iku-kecamatan")
            }
            // People read workbooks: Bahasa Indonesia by default, English on request (?lang=, cookie, Accept-Language).
            func texts(_ workbook: [[String: Any]]?, _ sheet: String) -> Set<String> {
                let cells = workbook?.first { $0["name"] as? String == sheet }?["cells"] as? [String: [String: Any]] ?? [:]
                return Set(cells.values.compactMap { $0["v"] as? String })
            }
            if let indonesian = try await sheets(ranking),
               let english = try await sheets(try await api.get("/v1/rankings/penyerapan?year=2023&format=xlsx&lang=en", token: tokens.bappeda)),
               let browser = try await sheets(try await api.get("/v1/rankings/penyerapan?year=2023&format=xlsx", token: tokens.bappeda,
                                                                 headers: [.acceptLanguage: "en-GB,en;q=0.8"])) {
                #expect(texts(indonesian, "Peringkat").isSuperset(of: ["Penyerapan anggaran 2023 (%) per kecamatan", "Peringkat", "Wilayah", "Tahun: 2023"]))
                #expect(texts(english, "Ranking").isSuperset(of: ["Budget 2023 penyerapan % per kecamatan", "Rank", "Region", "Year: 2023"]))
                #expect(browser.first?["name"] as? String == "Ranking")
            }
            if let indonesian = try await sheets(report),
               let english = try await sheets(try await api.get("/v1/reports/14.72/2023?format=xlsx&lang=en", token: tokens.bappeda)) {
                #expect(texts(indonesian, "findings").isSuperset(of: ["Temuan Terbuka per Laporan", "Aturan", "Letak", "Uraian Temuan"]))
                #expect(texts(english, "findings").isSuperset(of: ["Open findings by submission", "Rule", "Pointer", "Message"]))
                #expect(texts(indonesian, "findings").isDisjoint(with: ["Open findings by submission", "Rule", "Pointer", "Message"]))
            }
            #expect(try await api.get("/v1/reports/14.72/2023?format=xlsx", token: tokens.kecamatan).status == 403)
        }
    }
}
