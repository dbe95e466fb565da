import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapTestSupport
import Testing

/// The offices' report forms (`/forms/...`) against `openapi/rekap.json`: every status each operation
/// documents (but 503, the database gone), reached the ways a browser and a script reach them (a
/// kecamatan account's session, a bearer token, nothing). ``APIClient`` checks each answer's status,
/// content type and required headers against the document; the expectations here say which
/// documented answer each request must get.
@Suite(.timeLimit(.minutes(10))) struct FormsConformanceTests {
    static let region = "14.72.02"
    static let formPath = "/forms/14.72.02/2023/FY"
    static let urlencoded = "application/x-www-form-urlencoded"
    static let browser = DashboardConformanceTests.browser

    /// A session of Dumai Timur's office account, logged in through the login form.
    static func officeSession(_ server: APIServer) async throws -> String {
        let account = try {
            let conn = try server.connect()
            defer { conn.close() }
            return try createTestAccount(.kecamatan, region, login: "kantor.dumai-timur", on: conn)
        }()
        return try await DashboardConformanceTests.login(server.client, account)
    }

    static func cookie(_ session: String, browser: Bool = true) -> [String: String] {
        DashboardConformanceTests.session(session, browser: browser)
    }

    /// The value of the hidden input `name` on a form page.
    static func hidden(_ name: String, in page: String) -> String? {
        guard let start = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(page[start.upperBound...].prefix { $0 != "\"" })
    }

    /// `fields` as `application/x-www-form-urlencoded`.
    static func encoded(_ fields: [String: String]) -> [UInt8] {
        Array(fields.map { "\(LoginForm.encoded($0.key))=\(LoginForm.encoded($0.value))" }.joined(separator: "&").utf8)
    }

    /// Posts `fields` with the page's hidden fields (some `overriding`) and `action`.
    static func post(_ client: APIClient, _ session: String, page: String, _ fields: [String: String] = [:], action: String,
                     path: String = formPath, headers: [String: String] = [:], overriding: [String: String?] = [:],
                     sourceLocation: SourceLocation = #_sourceLocation) async throws -> APIResponse {
        var all = fields
        for name in ["csrf", "send_token", "form_region"] { all[name] = hidden(name, in: page) }
        all["action"] = action
        for (name, value) in overriding { all[name] = value }
        return try await client.send("POST", path, body: encoded(all),
                                     headers: cookie(session).merging(["Content-Type": urlencoded]) { $1 }.merging(headers) { $1 },
                                     sourceLocation: sourceLocation)
    }

    /// `multipart/form-data` of `fields` and the file `workbook`, as the upload form posts it.
    static func multipart(_ fields: [String: String], workbook: Data) -> (body: [UInt8], contentType: String) {
        let boundary = "----rekap\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"laporan.xlsx\"\r\n".utf8))
        body.append(Data("Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".utf8))
        body.append(workbook)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return (Array(body), "multipart/form-data; boundary=\(boundary)")
    }

    @Test func theFormAndItsPosts() async throws {
        try await APIServer.with { server in
            let client = server.client, tokens = server.tokens
            let session = try await Self.officeSession(server)

            var answer = try await client.send("GET", "/forms", headers: Self.cookie(session))
            #expect(answer.status == 303 && answer.headers["location"]?.hasPrefix("/forms/14.72.02/") == true
                && answer.headers["location"]?.hasSuffix("/FY") == true, "\(answer.headers)")
            answer = try await client.send("GET", "/forms", headers: Self.browser)
            #expect(answer.status == 303 && answer.headers["location"] == "/login")
            answer = try await client.send("GET", "/forms")
            #expect(answer.status == 401 && answer.headers["content-type"] == "text/html; charset=utf-8")

            answer = try await client.send("GET", Self.formPath + "?lang=en", headers: Self.cookie(session))
            #expect(answer.status == 200 && answer.headers["set-cookie"]?.hasPrefix("rekap_lang=en") == true)
            answer = try await client.send("GET", Self.formPath, token: tokens.kecamatan)
            #expect(answer.status == 200)
            let page = try await client.send("GET", Self.formPath, headers: Self.cookie(session)).text
            #expect(Self.hidden("csrf", in: page)?.isEmpty == false)
            for (path, status) in [("/forms/14.72.03/2023/FY", 403), ("/forms/14.72/2023/FY", 404), ("/forms/14.72.02/23/FY", 404),
                                   ("/forms/14.72.02/2023/H1", 404), ("/forms/x/2023/FY", 404)] {
                answer = try await client.send("GET", path, headers: Self.cookie(session))
                #expect(answer.status == status, "\(path): \(answer.status)")
            }
            answer = try await client.send("GET", Self.formPath, token: tokens.kelurahan)
            #expect(answer.status == 403)
            answer = try await client.send("GET", Self.formPath, headers: Self.browser)
            #expect(answer.status == 303 && answer.headers["location"] == "/login")
            answer = try await client.send("GET", Self.formPath, headers: Self.cookie("rekap_session_unknown", browser: false))
            #expect(answer.status == 401 && answer.headers["set-cookie"]?.hasPrefix("rekap_session=;") == true)

            // Posts: save, check, a row more; each refusal stores nothing.
            answer = try await Self.post(client, session, page: page, ["indicators/0/name": "IKM"], action: "save")
            #expect(answer.status == 303 && answer.headers["location"] == Self.formPath + "?m=saved")
            answer = try await Self.post(client, session, page: page, action: "check")
            #expect(answer.status == 200)
            answer = try await Self.post(client, session, page: page, action: "add:indicators")
            #expect(answer.status == 200)
            answer = try await Self.post(client, session, page: page, ["budget/total/pagu": "1.5"], action: "send")
            #expect(answer.status == 422 && answer.text.contains("tulis 1,5"))
            for overriding: [String: String?] in [["csrf": nil], ["csrf": "forged"], ["form_region": "14.72.03"]] {
                answer = try await Self.post(client, session, page: page, action: "save", overriding: overriding)
                #expect(answer.status == 403, "\(overriding): \(answer.status)")
            }
            answer = try await Self.post(client, session, page: page, action: "save", headers: ["Origin": "https://elsewhere.example"])
            #expect(answer.status == 403)
            answer = try await Self.post(client, session, page: page, action: "save", path: "/forms/14.72.03/2023/FY")
            #expect(answer.status == 403)
            answer = try await Self.post(client, session, page: page, action: "save", path: "/forms/14.72.02/2023/FY2")
            #expect(answer.status == 404)
            answer = try await Self.post(client, session, page: page, ["indicators/0/name": String(repeating: "a", count: 2001)], action: "save")
            #expect(answer.status == 413)
            answer = try await Self.post(client, session, page: page, ["indicators/0/name": String(repeating: "a", count: 600 * 1024)], action: "save")
            #expect(answer.status == 413)
            answer = try await client.send("POST", Self.formPath, body: Self.encoded(["form_region": Self.region]), headers: ["Content-Type": Self.urlencoded])
            #expect(answer.status == 401 && answer.headers["content-type"] == "text/html; charset=utf-8")

            // Kirim: a revision, once per send token.
            let seed = try DemoSubmissions.document(Self.region)
            let fields = ReportForm.showing(seed, region: RegionCode(Self.region)!, year: 2023, period: .fy).fields
            let fresh = try await client.send("GET", Self.formPath, headers: Self.cookie(session)).text
            answer = try await Self.post(client, session, page: fresh, fields, action: "send")
            #expect(answer.status == 303 && answer.headers["location"] == Self.formPath + "/history?m=sent", "\(answer.status) \(answer.text.prefix(2000))")
            answer = try await Self.post(client, session, page: fresh, fields, action: "send")
            #expect(answer.status == 303 && answer.headers["location"] == Self.formPath + "/history?m=already-sent")
        }
    }

    @Test func theHistoryTheWorkbookAndTheScript() async throws {
        try await APIServer.with(["--max-submission-bytes", "65536"]) { server in
            let client = server.client, tokens = server.tokens
            let session = try await Self.officeSession(server)
            let history = Self.formPath + "/history"

            var answer = try await client.send("GET", history + "?a=1&b=2&m=sent", headers: Self.cookie(session))
            #expect(answer.status == 200)
            answer = try await client.send("GET", history, token: tokens.bappeda)
            #expect(answer.status == 200)
            for (path, status) in [("/forms/14.72.03/2023/FY/history", 403), ("/forms/14.72/2023/FY/history", 404)] {
                answer = try await client.send("GET", path, headers: Self.cookie(session))
                #expect(answer.status == status, "\(path): \(answer.status)")
            }
            answer = try await client.send("GET", history, headers: Self.browser)
            #expect(answer.status == 303 && answer.headers["location"] == "/login")
            answer = try await client.send("GET", history)
            #expect(answer.status == 401)

            let workbookPath = Self.formPath + "/workbook"
            let template = try await client.send("GET", workbookPath, headers: Self.cookie(session))
            #expect(template.status == 200 && template.headers["content-disposition"] == "attachment; filename=\"rekap-14.72.02-2023-FY.xlsx\"")
            for (path, status) in [("/forms/14.72.03/2023/FY/workbook", 403), ("/forms/14.72.02/2023/Q5/workbook", 404),
                                   ("/forms/14.72.02.1999/2023/FY/workbook", 404)] {
                answer = try await client.send("GET", path, headers: Self.cookie(session))
                #expect(answer.status == status, "\(path): \(answer.status)")
            }
            answer = try await client.send("GET", workbookPath, headers: Self.browser)
            #expect(answer.status == 303)
            answer = try await client.send("GET", workbookPath)
            #expect(answer.status == 401)

            let page = try await client.send("GET", Self.formPath, headers: Self.cookie(session)).text
            let hidden = ["csrf": Self.hidden("csrf", in: page) ?? "", "form_region": Self.region]
            func upload(_ fields: [String: String], _ workbook: Data, headers: [String: String] = [:],
                        sourceLocation: SourceLocation = #_sourceLocation) async throws -> APIResponse {
                let (body, contentType) = Self.multipart(fields, workbook: workbook)
                return try await client.send("POST", workbookPath, body: body,
                                             headers: Self.cookie(session).merging(["Content-Type": contentType]) { $1 }.merging(headers) { $1 },
                                             sourceLocation: sourceLocation)
            }
            answer = try await upload(hidden, Data(template.body))
            #expect(answer.status == 200, "\(answer.text.prefix(2000))")
            answer = try await upload(hidden, Data("nop,tahun\n".utf8))
            #expect(answer.status == 422)
            answer = try await upload(hidden, Data())
            #expect(answer.status == 422)
            answer = try await upload(hidden.merging(["csrf": "forged"]) { $1 }, Data(template.body))
            #expect(answer.status == 403)
            answer = try await upload(hidden.merging(["form_region": "14.72.02.1002"]) { $1 }, Data(template.body))
            #expect(answer.status == 403)
            answer = try await upload(hidden, Data(template.body), headers: ["Origin": "https://elsewhere.example"])
            #expect(answer.status == 403)
            answer = try await upload(hidden, Data(repeating: 0x50, count: 200 * 1024))
            #expect(answer.status == 413)
            answer = try await client.send("POST", workbookPath, body: Array("--x\r\nnot a part".utf8),
                                           headers: Self.cookie(session).merging(["Content-Type": "multipart/form-data; boundary=x"]) { $1 })
            #expect(answer.status == 400)
            answer = try await client.send("POST", workbookPath, body: Self.encoded(hidden),
                                           headers: Self.cookie(session).merging(["Content-Type": Self.urlencoded]) { $1 })
            #expect(answer.status == 415)
            answer = try await client.send("POST", "/forms/14.72.02/2023/H1/workbook", body: Self.encoded(hidden),
                                           headers: Self.cookie(session).merging(["Content-Type": Self.urlencoded]) { $1 })
            #expect(answer.status == 404)
            answer = try await client.send("POST", workbookPath, body: Self.encoded(hidden), headers: ["Content-Type": Self.urlencoded])
            #expect(answer.status == 401)

            answer = try await client.send("GET", "/forms/form.js")
            #expect(answer.status == 200 && answer.headers["content-type"] == "text/javascript; charset=utf-8" && !answer.body.isEmpty)
        }
    }
}
