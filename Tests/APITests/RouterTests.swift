import Foundation
import HTTPTypes
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing
@testable import RekapServer

/// Authentication, error answers and the answer cache of the API that rekapd builds, in this process
/// (HummingbirdTesting's `.router` mode, ``InProcessAPI``): milliseconds per request. The same rules
/// are checked end to end against a real rekapd by `AuthenticationTests`, `OpenAPIConformanceTests`
/// and `RankingCacheTests`.
@Suite(.timeLimit(.minutes(5))) struct RouterAuthenticationTests {
    static let challenge = #"Bearer realm="rekap""#
    static let invalidToken = #"Bearer realm="rekap", error="invalid_token""#

    @Test func aMissingTokenIs401WithAChallenge() async throws {
        try await InProcessAPI.with { api in
            for (method, path) in AuthenticationTests.protectedRoutes {
                let answer = try await api.send(HTTPRequest.Method(method)!, path, body: method == "POST" ? "" : nil)
                #expect(answer.status == 401, "\(method) \(path)")
                #expect(answer.headers[.wwwAuthenticate] == Self.challenge, "\(method) \(path)")
                #expect(answer.errorCode == "unauthorized", "\(method) \(path): \(answer.text)")
            }
        }
    }

    @Test func malformedUnknownExpiredAndRevokedTokensAre401() async throws {
        try await InProcessAPI.with { api in
            let conn = try PGConnection(configuration: api.configuration)
            defer { conn.close() }
            let scope = try AccessScope(role: .bappeda, region: RegionCode(parsing: "14.72"))
            let expired = try TokenStore.create(scope, label: "expired", expiresAt: Date(timeIntervalSinceNow: -60), on: conn).secret
            let revoked = try TokenStore.create(scope, label: "revoked", expiresAt: nil, on: conn)
            // Valid until revoked: the same secret reads first.
            #expect(try await api.get("/v1/submissions?region=14.72", token: revoked.secret).status == 200)
            #expect(try TokenStore.revoke(id: revoked.token.id, at: Date(), on: conn))
            let unknown = "rekap_" + String(repeating: "A", count: 43)
            for (name, header, reason) in [
                ("malformed token", "Bearer not-a-token", "malformed"), ("not Bearer", "Basic dXNlcjpwYXNz", "Bearer"),
                ("unknown token", "Bearer \(unknown)", "not known"), ("expired token", "Bearer \(expired)", "expired"),
                ("revoked token", "Bearer \(revoked.secret)", "revoked"),
            ] {
                let answer = try await api.get("/v1/submissions", headers: [.authorization: header])
                #expect(answer.status == 401, "\(name)")
                #expect(answer.headers[.wwwAuthenticate] == Self.invalidToken, "\(name)")
                #expect(answer.errorCode == "unauthorized" && answer.message?.contains(reason) == true, "\(name): \(answer.text)")
            }
            #expect(try await api.get("/v1/submissions", token: api.tokens.kecamatan).status == 200)
        }
    }

    @Test func aValidTokenOutsideItsRegionIs403() async throws {
        try await InProcessAPI.with { api in
            let tokens = api.tokens
            for (path, token) in [
                ("/v1/submissions?region=14.72.03", tokens.kecamatan), ("/v1/submissions?region=14.72.02", tokens.kelurahan),
                ("/v1/submissions?region=14.72", tokens.otherCityBappeda), ("/v1/submissions", tokens.revenue),
                ("/v1/rankings/penyerapan?year=2023&city=14.72", tokens.otherCityBappeda),
                ("/v1/rankings/iku?year=2023&city=14.72", tokens.kecamatan),
                ("/v1/reports/14.72/2023", tokens.otherCityBappeda), ("/v1/reports/14.72/2023", tokens.revenue),
            ] {
                let answer = try await api.get(path, token: token)
                #expect(answer.status == 403 && answer.errorCode == "forbidden", "\(path): \(answer.status) \(answer.text)")
            }
            // Their own region is allowed.
            #expect(try await api.get("/v1/submissions?region=14.72.02", token: tokens.kecamatan).status == 200)
            #expect(try await api.get("/v1/submissions?region=14.72.02.1002", token: tokens.kelurahan).status == 200)
        }
    }
}

/// Every error is a JSON answer `{"error": CODE, "message": TEXT}` with the right status.
@Suite(.timeLimit(.minutes(5))) struct RouterErrorTests {
    @Test func errorsAreJSONWithACodeAndAMessage() async throws {
        try await InProcessAPI.with { api in
            let bappeda = api.tokens.bappeda
            let cases: [(HTTPRequest.Method, String, String?, Int, String)] = [
                (.get, "/v1/nothing-here", bappeda, 404, "no_route"),
                (.get, "/nothing-here", nil, 404, "no_route"),
                // An unserved method on a served path: the router answers as for an unknown path.
                (.delete, "/v1/submissions", bappeda, 404, "no_route"),
                (.get, "/v1/rankings/pbb?year=20x3", bappeda, 400, "bad_request"),
                (.get, "/v1/rankings/pbb?year=2023&city=14.72.02", bappeda, 400, "bad_request"),
                (.get, "/v1/rankings/iku?year=2023&lowest=maybe", bappeda, 400, "bad_request"),
                (.get, "/v1/submissions?year=abc", api.tokens.kecamatan, 400, "bad_request"),
                (.get, "/v1/submissions/999999", api.tokens.kecamatan, 404, "not_found"),
                (.post, "/v1/submissions", bappeda, 403, "forbidden"),
            ]
            for (method, path, token, status, code) in cases {
                let answer = try await api.send(method, path, token: token, body: method == .post ? "{}" : nil)
                #expect(answer.status == status && answer.errorCode == code, "\(method) \(path): \(answer.status) \(answer.text)")
                #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true, "\(method) \(path)")
                #expect(answer.message?.isEmpty == false, "\(method) \(path)")
            }
        }
    }

    @Test func aRejectedSubmissionIs422WithEveryProblemAndStoresNothing() async throws {
        try await InProcessAPI.with { api in
            let document = #"{"format":"rekap.submission/v1","region":"14.72.02","year":"2023","period":"FY","pbb":[{"kelurahan":"14.72.02.1002","ketetapan":"-5","realisasi":"1.234","as_of":"2023-02-30"}]}"#
            let answer = try await api.send(.post, "/v1/submissions", token: api.tokens.kecamatan, body: document)
            #expect(answer.status == 422, "\(answer.text)")
            #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true)
            guard case .array(let problems)? = answer.json?["problems"] else {
                Issue.record("no problems: \(answer.text)")
                return
            }
            let pointers = problems.compactMap { problem -> String? in
                if case .string(let pointer)? = problem["pointer"] { pointer } else { nil }
            }
            #expect(Set(pointers).isSuperset(of: ["/year", "/pbb/0/ketetapan", "/pbb/0/realisasi", "/pbb/0/as_of"]), "\(pointers)")
            let list = try await api.get("/v1/submissions", token: api.tokens.kecamatan)
            #expect(list.json == .array([]))
            let notJSON = try await api.send(.post, "/v1/submissions", token: api.tokens.kecamatan, body: "{\"format\":")
            #expect(notJSON.status == 422)
        }
    }
}

/// A ranking answer is kept and served again while nothing it was read from changed.
@Suite(.timeLimit(.minutes(5))) struct RouterAnswerCacheTests {
    static let path = "/v1/rankings/penyerapan?year=2023"

    @Test func theSecondRequestIsServedFromTheCache() async throws {
        try await InProcessAPI.with { api in
            try await api.seedDemo(["14.72.01", "14.72.02", "14.72.03"])
            let first = try await api.get(Self.path, token: api.tokens.bappeda)
            #expect(first.status == 200 && first.headers[HTTPField.Name("Rekap-Aggregates")!] == "fresh", "\(first.text)")
            #expect(api.dependencies.answers.count == 1)
            let second = try await api.get(Self.path, token: api.tokens.bappeda)
            #expect(second.status == 200 && second.text == first.text)
            let metrics = try await api.get("/metrics").text
            #expect(metrics.contains(#"rekap_answer_cache_lookups_total{route="penyerapan",source="read"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"rekap_answer_cache_lookups_total{route="penyerapan",source="stored"} 1"#), "\(metrics)")

            // Another scope's request is its own read, and a refused one never gets the stored body.
            let refused = try await api.get(Self.path + "&city=14.72", token: api.tokens.otherCityBappeda)
            #expect(refused.status == 403 && refused.text != first.text)

            // A new submission changes the stamp: the next answer is read again (and says stale).
            try await DemoSubmissions.submit(["14.72.04"], client: api.dependencies.client)
            let third = try await api.get(Self.path, token: api.tokens.bappeda)
            #expect(third.headers[HTTPField.Name("Rekap-Aggregates")!] == "stale")
            let after = try await api.get("/metrics").text
            #expect(after.contains(#"rekap_answer_cache_lookups_total{route="penyerapan",source="read"} 2"#), "\(after)")
            #expect(after.contains(#"rekap_answer_cache_lookups_total{route="penyerapan",source="stored"} 1"#), "\(after)")
        }
    }
}
