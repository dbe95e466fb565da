import Foundation
import PostgresLibPQ
import RekapDomain
import RekapTestSupport
import Testing

/// `POST /v1/submissions`, `GET /v1/submissions`, `GET /v1/submissions/{id}`.
@Suite(.timeLimit(.minutes(10))) struct SubmissionAPITests {
    @Test func storesARevisionThenRecognisesTheRepeatAsTheCLIDoes() async throws {
        try await APIServer.with { server in
            let document = try Fixtures.demoSubmission("14.72.02")
            let stored = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan, body: document)
            #expect(stored.status == 201)
            #expect(stored.string("status") == "stored" && stored.number("revision") == "1")
            let id = try #require(stored.number("id"))
            #expect(stored.headers["location"] == "/v1/submissions/\(id)")
            guard case .array(let findings)? = try stored.json["findings"] else { throw ContractError("no findings array") }
            #expect(!findings.isEmpty)

            let repeated = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan, body: document)
            #expect(repeated.status == 200)
            #expect(repeated.string("status") == "unchanged" && repeated.number("id") == id)

            // The same answers as `rekap submit` and `rekap submissions show` (one JSON writer for both).
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("api-\(UUID().uuidString).json")
            try Data(document).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let cli = try await server.rekap(["submit", file.path, "--format", "json"])
            #expect(cli.termination == .exited(0))
            #expect(cli.stdout == repeated.text)
            let shown = try await server.client.get("/v1/submissions/\(id)", token: server.tokens.kecamatan)
            #expect(shown.status == 200)
            // Each finding: `message` in English as always, and `message_id`, the Indonesian text, beside it.
            guard case .array(let shownFindings)? = try shown.json["findings"] else { throw ContractError("no findings array") }
            func text(_ value: JSONValue?) -> String { if case .string(let text)? = value { text } else { "" } }
            let murni = try #require(shownFindings.first { $0["rule"] == .string("budget.pagu-murni-mismatch") })
            #expect(text(murni["message"]).hasPrefix("reported total pagu_murni "), "\(murni)")
            #expect(text(murni["message_id"]).hasPrefix("total pagu murni yang dilaporkan "), "\(murni)")
            #expect(shownFindings.allSatisfy { !text($0["message_id"]).isEmpty })
            let cliShow = try await server.rekap(["submissions", "show", id, "--format", "json"])
            #expect(cliShow.stdout == shown.text)
        }
    }

    @Test func aRejectedDocumentIs422WithEveryProblemAndItsPointerAndNothingIsStored() async throws {
        try await APIServer.with { server in
            let document = #"{"format":"rekap.submission/v1","region":"14.72.02","year":"2023","period":"FY","pbb":[{"kelurahan":"14.72.02.1002","ketetapan":"-5","realisasi":"1.234","as_of":"2023-02-30"}]}"#
            let response = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan, json: document)
            #expect(response.status == 422)
            #expect(response.string("status") == "rejected")
            guard case .array(let problems)? = try response.json["problems"] else { throw ContractError("no problems") }
            let pointers = problems.compactMap { problem -> String? in
                if case .string(let pointer)? = problem["pointer"] { pointer } else { nil }
            }
            #expect(pointers.contains("/year"))
            #expect(pointers.contains("/pbb/0/ketetapan"))
            #expect(pointers.contains("/pbb/0/realisasi"))
            #expect(pointers.contains("/pbb/0/as_of"))
            let list = try await server.client.get("/v1/submissions", token: server.tokens.kecamatan)
            #expect(try list.json == .array([]))

            let notJSON = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan, json: "{\"format\":")
            #expect(notJSON.status == 422)
        }
    }

    @Test func aDocumentOverTheSizeLimitIs413() async throws {
        try await APIServer.with(["--max-submission-bytes", "2000"]) { server in
            let document = try Fixtures.demoSubmission("14.72.02")
            #expect(document.count > 2000)
            let response = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan, body: document)
            #expect(response.status == 413 && response.errorCode == "too_large")
            let small = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan, body: Fixtures.minimalSubmission("14.72.02"))
            #expect(small.status == 201)
        }
    }

    @Test func tokensSubmitOnlyForTheirOwnRegion() async throws {
        try await APIServer.with { server in
            let tokens = server.tokens
            let cases: [(String, String, [UInt8], Int)] = [
                ("kecamatan for itself", tokens.kecamatan, Fixtures.minimalSubmission("14.72.02"), 201),
                ("kecamatan for its kelurahan", tokens.kecamatan, Fixtures.minimalSubmission("14.72.02.1003"), 201),
                ("kelurahan for itself", tokens.kelurahan, Fixtures.minimalSubmission("14.72.02.1002"), 201),
                ("kecamatan for another kecamatan", tokens.kecamatan, try Fixtures.demoSubmission("14.72.03"), 403),
                ("kecamatan for another kecamatan's kelurahan", tokens.kecamatan, Fixtures.minimalSubmission("14.72.03.1001"), 403),
                ("kelurahan for its kecamatan", tokens.kelurahan, Fixtures.minimalSubmission("14.72.02", period: "Q2"), 403),
                ("kelurahan for a sibling", tokens.kelurahan, Fixtures.minimalSubmission("14.72.02.1003", period: "Q2"), 403),
                ("bappeda", tokens.bappeda, Fixtures.minimalSubmission("14.72.02", period: "Q3"), 403),
                ("revenue", tokens.revenue, Fixtures.minimalSubmission("14.72.02", period: "Q3"), 403),
            ]
            for (name, token, document, status) in cases {
                let response = try await server.client.post("/v1/submissions", token: token, body: document)
                #expect(response.status == status, "\(name): \(response.text)")
                if status == 403 { #expect(response.errorCode == "forbidden", "\(name)") }
            }
            let conn = try server.connect()
            defer { conn.close() }
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM submission") == 3)
        }
    }

    @Test func listingsShowWhatTheTokenMayRead() async throws {
        try await APIServer.with { server in
            let tokens = server.tokens
            for (token, document) in [
                (tokens.kecamatan, try Fixtures.demoSubmission("14.72.02")),
                (tokens.kecamatan, Fixtures.minimalSubmission("14.72.02.1003", year: 2024)),
                (tokens.kelurahan, Fixtures.minimalSubmission("14.72.02.1002")),
            ] {
                #expect(try await server.client.post("/v1/submissions", token: token, body: document).status == 201)
            }
            // Stored by the CLI, for a region none of these tokens but Bappeda's covers.
            _ = try await server.rekap(["submit", RepositoryFiles.demoSubmissions.appendingPathComponent("14.72.03-2023.json").path])

            func regions(_ path: String, _ token: String) async throws -> [String] {
                let response = try await server.client.get(path, token: token)
                #expect(response.status == 200, "\(path): \(response.text)")
                guard case .array(let rows) = try response.json else { return [] }
                return rows.compactMap { if case .string(let region)? = $0["region"] { region } else { nil } }
            }
            #expect(try await regions("/v1/submissions", tokens.kecamatan) == ["14.72.02", "14.72.02.1002", "14.72.02.1003"])
            #expect(try await regions("/v1/submissions?year=2023", tokens.kecamatan) == ["14.72.02", "14.72.02.1002"])
            #expect(try await regions("/v1/submissions", tokens.kelurahan) == ["14.72.02.1002"])
            #expect(try await regions("/v1/submissions?region=14.72", tokens.bappeda) == ["14.72.02", "14.72.02.1002", "14.72.02.1003", "14.72.03"])
            #expect(try await regions("/v1/submissions?region=14.72.03", tokens.bappeda) == ["14.72.03"])

            for (path, token) in [
                ("/v1/submissions?region=14.72.03", tokens.kecamatan), ("/v1/submissions?region=14.72", tokens.kecamatan),
                ("/v1/submissions?region=14.72.02", tokens.kelurahan), ("/v1/submissions", tokens.revenue),
                ("/v1/submissions?region=14.72", tokens.otherCityBappeda),
            ] {
                let response = try await server.client.get(path, token: token)
                #expect(response.status == 403 && response.errorCode == "forbidden", "\(path)")
            }
            for path in ["/v1/submissions?region=14.7", "/v1/submissions?year=23", "/v1/submissions?year=abc"] {
                #expect(try await server.client.get(path, token: tokens.kecamatan).status == 400, "\(path)")
            }
        }
    }

    @Test func anotherRegionsSubmissionAnswersExactlyAsAMissingOne() async throws {
        try await APIServer.with { server in
            _ = try await server.rekap(["submit", RepositoryFiles.demoSubmissions.appendingPathComponent("14.72.03-2023.json").path])
            let conn = try server.connect()
            defer { conn.close() }
            let other = try #require(try conn.queryValue(Int64.self, "SELECT id FROM submission WHERE region_code = '14.72.03'"))
            let missing = other + 1000

            let forOther = try await server.client.get("/v1/submissions/\(other)", token: server.tokens.kecamatan)
            let forMissing = try await server.client.get("/v1/submissions/\(missing)", token: server.tokens.kecamatan)
            #expect(forOther.status == 404 && forMissing.status == 404)
            #expect(forOther.text.replacingOccurrences(of: "\(other)", with: "ID") == forMissing.text.replacingOccurrences(of: "\(missing)", with: "ID"))
            // Revenue reads no submissions at all; Bappeda of another city none of this one's.
            for token in [server.tokens.revenue, server.tokens.otherCityBappeda, server.tokens.kelurahan] {
                #expect(try await server.client.get("/v1/submissions/\(other)", token: token).status == 404)
            }
            #expect(try await server.client.get("/v1/submissions/abc", token: server.tokens.kecamatan).status == 404)
            // Bappeda of the city reads it.
            let bappeda = try await server.client.get("/v1/submissions/\(other)", token: server.tokens.bappeda)
            #expect(bappeda.status == 200 && bappeda.string("region") == "14.72.03")
        }
    }
}
