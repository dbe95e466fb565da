import Foundation
import PostgresLibPQ
import RekapDomain
import RekapTestSupport
import Testing

/// What the hardening of the intake parsers means over HTTP: small hostile bodies get small 422
/// answers (never 500), and a feed cannot file one city's tax object under another's kelurahan.
@Suite struct InputHardeningAPITests {
    static func document(_ members: String) -> [UInt8] {
        Array(#"{"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "FY", \#(members)}"#.utf8)
    }

    /// The 4 MiB `"indicators": [0,0,0,…]` of the issue: one problem, a small answer.
    @Test(.timeLimit(.minutes(3))) func anAmplifyingBodyGetsASmall422() async throws {
        try await APIServer.with { server in
            var body = Array(#"{"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "FY", "indicators": ["#.utf8)
            let zeros = (4 << 20) / 2 - 100
            body.reserveCapacity(body.count + zeros * 2 + 2)
            for index in 0..<zeros { body.append(contentsOf: index == 0 ? [UInt8(ascii: "0")] : [UInt8(ascii: ","), UInt8(ascii: "0")]) }
            body.append(contentsOf: Array("]}".utf8))
            let response = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan, body: body)
            #expect(response.status == 422, "\(response.text.prefix(500))")
            #expect(response.body.count < 4096, "\(response.body.count) bytes")
            guard case .array(let problems)? = try response.json["problems"] else { throw ContractError("no problems") }
            #expect(problems.map { $0["pointer"] } == [.string("/indicators")])
            #expect(problems.first?["kind"] == .string("too-many"))
        }
    }

    /// Many problems: the first 100, then one counting the rest.
    @Test(.timeLimit(.minutes(3))) func aRejectionListsAtMostTheFirstProblems() async throws {
        try await APIServer.with { server in
            let items = Array(repeating: "1", count: 450).joined(separator: ",")
            let response = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan, body: Self.document(#""indicators": [\#(items)]"#))
            #expect(response.status == 422)
            guard case .array(let problems)? = try response.json["problems"] else { throw ContractError("no problems") }
            #expect(problems.count == SubmissionLimits.listedProblems + 1)
            #expect(problems.last?["kind"] == .string("more-problems"))
            guard case .string(let reason)? = problems.last?["reason"] else { throw ContractError("no reason") }
            #expect(reason.hasPrefix("dan 350 masalah lain"), "\(reason)")
        }
    }

    /// A NUL in a name and a decimal with 100 zeros after the point were 500s; now problems at their pointers.
    @Test(.timeLimit(.minutes(3))) func controlCharactersAndUnkeepableDecimalsAre422AtTheirPointers() async throws {
        try await APIServer.with { server in
            let zeros = String(repeating: "0", count: 100)
            let body = Self.document(#"""
                "signed": {"by": "abc\u0000def"},
                "indicators": [{"code": "IKM", "name": "abc\u0000def", "target": "0.\#(zeros)5", "realisasi": "1"}]
                """#)
            let response = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan, body: body)
            #expect(response.status == 422, "\(response.text)")
            guard case .array(let problems)? = try response.json["problems"] else { throw ContractError("no problems") }
            #expect(problems.map { $0["pointer"] } == [.string("/signed/by"), .string("/indicators/0/name"), .string("/indicators/0/target")])
            #expect(problems.map { $0["kind"] } == [.string("control-character"), .string("control-character"), .string("invalid-number")])
            let conn = try server.connect()
            defer { conn.close() }
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM submission") == 0)
        }
    }

    /// Item 4 over HTTP: Pekanbaru's object (NOP 1471…) under a Dumai kelurahan is a bad line.
    @Test(.timeLimit(.minutes(3))) func aForeignNOPIs422NamingItsLine() async throws {
        try await APIServer.with { server in
            let body = """
                nop,tahun,kelurahan,pokok
                147202000200100010,2023,14.72.02.1002,1000000
                147101000100010010,2023,14.72.02.1002,5000

                """
            let response = try await server.client.post("/v1/pbb/ketetapan", token: server.tokens.revenue, body: Array(body.utf8), contentType: "text/csv")
            #expect(response.status == 422, "\(response.text)")
            guard case .array(let files)? = try response.json["files"], case .array(let problems)? = files.first?["problems"] else {
                throw ContractError("no problems")
            }
            #expect(problems.map { $0["line"] } == [.number("3")])
            guard case .string(let reason)? = problems.first?["reason"] else { throw ContractError("no reason") }
            #expect(reason.contains("kota/kabupaten 14.71"), "\(reason)")
        }
    }

    /// A few fuzzed bodies (the domain and CSV suites run thousands in process) sent to a real
    /// rekapd: whatever they hold, never a 500.
    @Test(.timeLimit(.minutes(5))) func fuzzedBodiesNeverGetA500() async throws {
        try await APIServer.with { server in
            let submissions = FuzzCampaign(corpus: [try Fixtures.demoSubmission("14.72.02"), Fixtures.minimalSubmission("14.72.02")],
                                           dictionary: ["\"\\u0000\"", "0.00000000000000000000000000000000000000000000000000000000000001", "[", "{", "\"", ","],
                                           seed: 77, defaultIterations: 40)
            let feeds = FuzzCampaign(corpus: [try Fixtures.pbbFeeds(objects: 20).ketetapan], dictionary: [",", "\"", "\n", "147101000100010010"],
                                     seed: 78, defaultIterations: 20)
            var statuses: [Int: Int] = [:]
            try await submissions.runAsync { input, number in
                let response = try await server.client.send("POST", "/v1/submissions", token: server.tokens.kecamatan, body: input,
                                                             headers: ["Content-Type": "application/json"], contract: false)
                statuses[response.status, default: 0] += 1
                #expect(response.status < 500, "submission case \(number): \(response.text.prefix(300))")
            }
            try await feeds.runAsync { input, number in
                let response = try await server.client.send("POST", "/v1/pbb/ketetapan", token: server.tokens.revenue, body: input,
                                                             headers: ["Content-Type": "text/csv"], contract: false)
                statuses[response.status, default: 0] += 1
                #expect(response.status < 500, "feed case \(number): \(response.text.prefix(300))")
            }
            #expect(statuses[422, default: 0] > 0, "\(statuses)")
        }
    }
}
