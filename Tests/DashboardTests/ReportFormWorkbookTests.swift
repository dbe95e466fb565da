import Foundation
import RekapDomain
import RekapReport
import RekapTestSupport
import Testing

/// The report form's workbook (issues #13 and #14) over HTTP on a real `rekapd`: the template to
/// download under the session, and a filled workbook uploaded into the draft (nothing sent), refused
/// by sheet and cell when it cannot be taken.
@Suite(.timeLimit(.minutes(10))) struct ReportFormWorkbookTests {
    static let workbookPath = ReportFormTests.formPath + "/workbook"

    /// Dumai Timur's 2023 report (the seed), filled into a workbook by openpyxl with `variants`.
    static func filledWorkbook(_ variants: [String] = ["messy"]) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("form-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try await WorkbookFixtures.openpyxl(document: DemoSubmissions.folder.appendingPathComponent("\(ReportFormTests.dumaiTimur)-2023.json"),
                                                       variants: variants, in: folder)
        return try Data(contentsOf: file)
    }

    /// `multipart/form-data` of `fields` and the file `workbook`, as a browser posts the upload form.
    static func multipart(_ fields: [String: String], workbook: Data) -> (body: Data, contentType: String) {
        let boundary = "----rekap\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"laporan.xlsx\"\r\n".utf8))
        body.append(Data("Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".utf8))
        body.append(workbook)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    /// Uploads `workbook` with the hidden fields of the form page (some `overriding`).
    static func upload(_ rekapd: RekapdServer, _ session: String, _ workbook: Data,
                       overriding: [String: String] = [:]) async throws -> RekapdServer.Answer {
        let page = try await rekapd.request(ReportFormTests.formPath, headers: ReportFormTests.cookie(session)).body
        var fields: [String: String] = [:]
        for name in ["csrf", "form_region"] { fields[name] = ReportFormTests.hidden(name, in: page) }
        for (name, value) in overriding { fields[name] = value }
        let (body, contentType) = multipart(fields, workbook: workbook)
        return try await rekapd.request(workbookPath, method: "POST",
                                        headers: ReportFormTests.cookie(session).merging(["Content-Type": contentType]) { $1 }, body: body)
    }

    @Test func theFormsWorkbookIsTheTemplatesAndOnlyForTheFormsOwners() async throws {
        try await DashboardDatabase.with(kecamatan: []) { database in
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let session = try await ReportFormTests.session(.kecamatan, ReportFormTests.dumaiTimur, database)
                let page = try await rekapd.request(ReportFormTests.formPath, headers: ReportFormTests.cookie(session)).body
                #expect(page.contains("href=\"\(Self.workbookPath)\" download"))
                #expect(page.contains("enctype=\"multipart/form-data\""))

                let answer = try await rekapd.request(Self.workbookPath, headers: ReportFormTests.cookie(session))
                #expect(answer.status == 200)
                #expect(answer.header("Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                #expect(answer.header("Content-Disposition") == "attachment; filename=\"rekap-14.72.02-2023-FY.xlsx\"")
                // The template of this very form: uploaded back as it came, it is read (its metadata names
                // this region, year and period) and fills the draft.
                #expect(answer.data.prefix(2) == Data("PK".utf8))
                let back = try await Self.upload(rekapd, session, answer.data)
                #expect(back.status == 200, "\(back.body.prefix(3000))")
                #expect(back.body.contains("Workbook dibaca ke draf"))

                let other = try await ReportFormTests.session(.kecamatan, "14.72.03", database)
                #expect(try await rekapd.request(Self.workbookPath, headers: ReportFormTests.cookie(other)).status == 403)
                #expect(try await rekapd.request(Self.workbookPath, headers: ReportFormTests.html).status == 303)
            }
        }
    }

    @Test(.enabled(if: WorkbookFixtures.hasOpenpyxl, "python3 with openpyxl is missing (apt-get install python3-openpyxl); skipped"))
    func aFilledWorkbookFillsTheDraftAndSendsNothing() async throws {
        let workbook = try await Self.filledWorkbook()
        try await DashboardDatabase.with(kecamatan: []) { database in
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let session = try await ReportFormTests.session(.kecamatan, ReportFormTests.dumaiTimur, database)
                let answer = try await Self.upload(rekapd, session, workbook)
                #expect(answer.status == 200, "\(answer.body.prefix(3000))")
                #expect(answer.body.contains("Workbook dibaca ke draf"))
                // Checked at once: the seed's pagu murni finding is beside its field.
                #expect(answer.body.contains("[budget.pagu-murni-mismatch]"))
                #expect(try await ReportFormTests.count("SELECT count(*)::int FROM submission", database) == 0)
                #expect(try await ReportFormTests.count("SELECT count(*)::int FROM form_draft", database) == 1)

                // The draft holds the seed's facts: the form opened afresh shows them, and Kirim stores the seed.
                let page = try await rekapd.request(ReportFormTests.formPath, headers: ReportFormTests.cookie(session)).body
                #expect(page.contains("value=\"12.763.150.960\""))
                let fields = try ReportFormTests.seedFields()
                let sent = try await ReportFormTests.post(rekapd, session, fields, action: "send", page: page)
                #expect(sent.status == 303, "\(sent.body.prefix(2000))")
                #expect(try await ReportFormTests.count("SELECT count(*)::int FROM submission WHERE total_pagu = 12763150960", database) == 1)
            }
        }
    }

    @Test(.enabled(if: WorkbookFixtures.hasOpenpyxl, "python3 with openpyxl is missing (apt-get install python3-openpyxl); skipped"))
    func anUnreadableOrForeignWorkbookIsRefusedByCellAndTheDraftKept() async throws {
        let foreign = try await Self.filledWorkbook(["region=14.72.03"])
        let own = try await Self.filledWorkbook()
        try await DashboardDatabase.with(kecamatan: []) { database in
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let session = try await ReportFormTests.session(.kecamatan, ReportFormTests.dumaiTimur, database)
                var answer = try await Self.upload(rekapd, session, foreign)
                #expect(answer.status == 422)
                #expect(answer.body.contains("Workbook tidak dibaca; draf tidak berubah"))
                #expect(answer.body.contains("Identitas!B"), "\(answer.body.prefix(3000))")
                #expect(try await ReportFormTests.count("SELECT count(*)::int FROM form_draft", database) == 0)

                answer = try await Self.upload(rekapd, session, Data("kode,nama\n1,2\n".utf8))
                #expect(answer.status == 422)
                #expect(answer.body.contains("CSV"))

                // Forged: another session's token, or none; nothing read, nothing kept.
                answer = try await Self.upload(rekapd, session, own, overriding: ["csrf": "forged"])
                #expect(answer.status == 403)
                answer = try await Self.upload(rekapd, session, own, overriding: ["form_region": "14.72.03"])
                #expect(answer.status == 403)
                #expect(try await ReportFormTests.count("SELECT count(*)::int FROM form_draft", database) == 0)
            }
        }
    }
}
