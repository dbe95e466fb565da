import Foundation
import RekapDomain
import RekapTestSupport
import Testing

/// `POST /v1/submissions` with a workbook (the spreadsheet media type): stored as its JSON, refused
/// with cells named, and held to the token's scope as JSON is.
@Suite(.timeLimit(.minutes(10))) struct WorkbookAPITests {
    static let mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    func workbook(_ kecamatan: String, _ variants: [String] = ["messy"]) async throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("api-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try await WorkbookFixtures.openpyxl(document: DemoSubmissions.folder.appendingPathComponent("\(kecamatan)-2023.json"),
                                                       variants: variants, in: folder)
        return Array(try Data(contentsOf: file))
    }

    @Test(.enabled(if: WorkbookFixtures.hasOpenpyxl, "python3 with openpyxl is missing (apt-get install python3-openpyxl); skipped"))
    func aWorkbookIsStoredAsItsJSONAndHeldToTheTokensScope() async throws {
        let own = try await workbook("14.72.02")
        let other = try await workbook("14.72.03")
        try await APIServer.with { server in
            let stored = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan, body: own, contentType: Self.mediaType)
            #expect(stored.status == 201, "\(stored.text)")
            #expect(stored.string("status") == "stored" && stored.number("revision") == "1")
            // The same document as JSON is recognised as the same bytes.
            let json = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan,
                                                    body: Array(try await WorkbookFixtures.convertedJSON(own).utf8))
            #expect(json.status == 200 && json.string("status") == "unchanged", "\(json.text)")

            let forbidden = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan, body: other, contentType: Self.mediaType)
            #expect(forbidden.status == 403, "\(forbidden.text)")

            let csv = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan,
                                                   body: Array("kode,nama\n1,2\n".utf8), contentType: Self.mediaType)
            #expect(csv.status == 422)
            guard case .array(let problems)? = try csv.json["problems"], case .string(let reason)? = problems.first?["reason"] else {
                throw ContractError("no problems")
            }
            #expect(reason.contains("CSV"))
            let list = try await server.client.get("/v1/submissions", token: server.tokens.kecamatan)
            guard case .array(let revisions) = try list.json else { throw ContractError("no list") }
            #expect(revisions.count == 1)
        }
    }
}
