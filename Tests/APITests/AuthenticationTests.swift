import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// Bearer tokens: what is refused with 401, and that the access log never shows a secret.
@Suite(.timeLimit(.minutes(10))) struct AuthenticationTests {
    /// A route of each resource, each needing a token.
    static let protectedRoutes: [(String, String)] = [
        ("GET", "/v1/submissions"), ("GET", "/v1/submissions/1"), ("POST", "/v1/submissions"),
        ("GET", "/v1/rankings/pbb?year=2023"), ("GET", "/v1/rankings/iku?year=2023"),
        ("GET", "/v1/rankings/penyerapan?year=2023"), ("GET", "/v1/rankings/awards?year=2023"),
        ("GET", "/v1/reports/14.72/2023"), ("GET", "/v1/templates/14.72.02/2023"), ("POST", "/v1/consolidations"),
        ("POST", "/v1/pbb/ketetapan"), ("POST", "/v1/pbb/pembayaran"),
    ]

    @Test func aMissingTokenIs401WithAChallengeOnEveryProtectedRoute() async throws {
        try await APIServer.with { server in
            for (method, path) in Self.protectedRoutes {
                let response = try await server.client.send(method, path, body: method == "POST" ? [] : nil)
                #expect(response.status == 401, "\(method) \(path)")
                #expect(response.headers["www-authenticate"] == #"Bearer realm="rekap""#, "\(method) \(path)")
                #expect(response.errorCode == "unauthorized")
            }
        }
    }

    @Test func malformedUnknownExpiredAndRevokedTokensAre401() async throws {
        try await APIServer.with { server in
            let conn = try server.connect()
            defer { conn.close() }
            let scope = try AccessScope(role: .bappeda, region: RegionCode(parsing: "14.72"))
            let expired = try TokenStore.create(scope, label: "expired", expiresAt: Date(timeIntervalSinceNow: -60), on: conn).secret
            let revoked = try TokenStore.create(scope, label: "revoked", expiresAt: nil, on: conn)
            #expect(try TokenStore.revoke(id: revoked.token.id, at: Date(), on: conn))
            let unknown = "rekap_" + String(repeating: "A", count: 43)

            let cases: [(String, String, String)] = [
                ("malformed token", "Bearer not-a-token", "malformed"),
                ("not Bearer", "Basic dXNlcjpwYXNz", "Bearer"),
                ("Bearer without a token", "Bearer ", "Bearer"),
                ("unknown token", "Bearer \(unknown)", "not known"),
                ("expired token", "Bearer \(expired)", "expired"),
                ("revoked token", "Bearer \(revoked.secret)", "revoked"),
            ]
            for (name, header, reason) in cases {
                let response = try await server.client.send("GET", "/v1/submissions", headers: ["Authorization": header])
                #expect(response.status == 401, "\(name)")
                #expect(response.headers["www-authenticate"] == #"Bearer realm="rekap", error="invalid_token""#, "\(name)")
                #expect(response.string("message")?.contains(reason) == true, "\(name): \(response.text)")
            }
            // The same secret before it was revoked worked; a valid one still does.
            let valid = try await server.client.get("/v1/submissions", token: server.tokens.kecamatan)
            #expect(valid.status == 200)
            // The scheme is case-insensitive (RFC 7235).
            let lower = try await server.client.send("GET", "/v1/submissions", headers: ["Authorization": "bearer \(server.tokens.kecamatan)"])
            #expect(lower.status == 200)
        }
    }

    @Test func publicRoutesNeedNoToken() async throws {
        try await APIServer.with { server in
            let health = try await server.client.get("/healthz")
            let metrics = try await server.client.get("/metrics")
            #expect(health.status == 200 && metrics.status == 200)
        }
    }

    @Test func theAccessLogHasOneLinePerRequestAndNeverASecretOrABody() async throws {
        try await APIServer.with { server in
            let marker = "BODY-MARKER-\(UInt32.random(in: 0...UInt32.max))"
            _ = try await server.client.get("/v1/submissions", token: server.tokens.kecamatan)
            _ = try await server.client.send("GET", "/v1/submissions", headers: ["Authorization": "Bearer \(server.tokens.bappeda)x"])
            _ = try await server.client.post(
                "/v1/submissions", token: server.tokens.kecamatan, json: #"{"format":"\#(marker)"}"#)
            let tokenID = try Self.tokenID(of: server.tokens.kecamatan, on: server)
            let lines = try await eventually("three access log lines") { () -> [Substring]? in
                let lines = server.child.stderr.split(separator: "\n").filter { $0.contains("route=/v1/submissions") }
                return lines.count >= 3 ? lines : nil
            }
            #expect(lines.count == 3)
            #expect(lines[0].contains("method=GET") && lines[0].contains("status=200") && lines[0].contains("token_id=\(tokenID)"))
            #expect(lines[0].contains("duration_ms="))
            #expect(lines[1].contains("status=401") && lines[1].contains("token_id=-"))
            #expect(lines[2].contains("method=POST") && lines[2].contains("status=422"))
            let log = server.child.stderr
            for secret in [server.tokens.kecamatan, server.tokens.bappeda] {
                #expect(!log.contains(secret))
            }
            #expect(!log.contains("Bearer") && !log.lowercased().contains("authorization"))
            #expect(!log.contains(marker))
        }
    }

    static func tokenID(of secret: String, on server: APIServer) throws -> Int64 {
        let conn = try server.connect()
        defer { conn.close() }
        guard case .valid(_, let id) = try TokenStore.check(secret: secret, at: Date(), on: conn) else {
            throw ContractError("the token is not valid")
        }
        return id
    }
}
