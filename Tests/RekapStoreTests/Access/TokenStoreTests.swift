import Crypto
import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// API tokens: created with a secret shown once, checked, expired, revoked; only a hash is stored.
@Suite(.accessDatabase)
struct TokenStoreTests {
    static let now = Date(timeIntervalSince1970: 1_764_400_000)  // 2025-11-29

    @Test func createdTokenChecksAsItsScope() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let scope = AccessRegions.scope(.kecamatan, AccessRegions.dumaiTimur)
        let (token, secret) = try TokenStore.create(scope, label: "Dumai Timur operator", expiresAt: nil, on: conn)
        #expect(token.scope == scope)
        #expect(token.role == .kecamatan && token.region.text == "14.72.02")
        #expect(token.label == "Dumai Timur operator")
        #expect(token.expiresAt == nil && token.revokedAt == nil && token.lastUsedAt == nil)
        // rekap_ + 43 base64url characters (32 random bytes, no padding).
        #expect(secret.hasPrefix("rekap_"))
        #expect(secret.count == 49)
        #expect(secret.dropFirst(6).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })

        #expect(try TokenStore.check(secret: secret, at: Self.now, on: conn) == .valid(scope, tokenID: token.id))
        // The check is remembered (for `rekap token list`).
        let used = try #require(try TokenStore.token(id: token.id, on: conn))
        #expect(used.lastUsedAt == Self.now)
    }

    @Test func lastUseIsStampedAtMostOnceAMinuteAndOnlyByAValidCheck() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let scope = AccessRegions.scope(.kelurahan, AccessRegions.telukBinjai)
        let (token, secret) = try TokenStore.create(scope, label: nil, expiresAt: Self.now.addingTimeInterval(3600), on: conn)
        func lastUsed() throws -> Date? { try TokenStore.token(id: token.id, on: conn)?.lastUsedAt }
        #expect(try TokenStore.check(secret: secret, at: Self.now, on: conn) == .valid(scope, tokenID: token.id))
        #expect(try lastUsed() == Self.now)
        // Within the minute: accepted, but not written again.
        #expect(try TokenStore.check(secret: secret, at: Self.now.addingTimeInterval(59), on: conn) == .valid(scope, tokenID: token.id))
        #expect(try lastUsed() == Self.now)
        // After it, stamped anew, also by the API's checkAndStamp, which reads the token's city's stamp.
        let later = Self.now.addingTimeInterval(61)
        let (check, cityStamp) = try TokenStore.checkAndStamp(secret: secret, at: later, on: conn)
        #expect(check == .valid(scope, tokenID: token.id))
        #expect(try cityStamp == AggregateStamp.read(city: scope.city, on: conn))
        #expect(try lastUsed() == later)
        // A refused check leaves it alone and reads no stamp.
        let expired = try TokenStore.checkAndStamp(secret: secret, at: Self.now.addingTimeInterval(7200), on: conn)
        #expect(expired.check == .expired && expired.cityStamp == nil)
        #expect(try lastUsed() == later)
    }

    @Test func theDatabaseHoldsOnlyTheSecretsHash() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let (token, secret) = try TokenStore.create(AccessRegions.scope(.bappeda, AccessRegions.dumai), label: nil, expiresAt: nil, on: conn)
        let stored = try #require(try conn.queryValue([UInt8].self, "SELECT token_hash FROM api_token WHERE id = \(token.id)"))
        #expect(stored == Array(SHA256.hash(data: Array(secret.utf8))))
        // No column of the row holds the secret, nor its random part.
        let rowText = try #require(try conn.queryValue(String.self, "SELECT t::text FROM api_token t WHERE id = \(token.id)"))
        #expect(!rowText.contains(String(secret.dropFirst(6))))
        #expect(!rowText.contains(secret))
        // Two tokens never share a secret.
        let (_, other) = try TokenStore.create(AccessRegions.scope(.bappeda, AccessRegions.dumai), label: nil, expiresAt: nil, on: conn)
        #expect(other != secret)
    }

    @Test func expiredTokenIsRefusedFromItsExpiry() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let expiry = Self.now.addingTimeInterval(3600)
        let scope = AccessRegions.scope(.revenue, AccessRegions.dumai)
        let (token, secret) = try TokenStore.create(scope, label: "Bapenda", expiresAt: expiry, on: conn)
        #expect(token.expiresAt == expiry)
        #expect(try TokenStore.check(secret: secret, at: Self.now, on: conn) == .valid(scope, tokenID: token.id))
        #expect(try TokenStore.check(secret: secret, at: expiry, on: conn) == .expired)
        #expect(try TokenStore.check(secret: secret, at: expiry.addingTimeInterval(86400), on: conn) == .expired)
    }

    @Test func revokedTokenIsRefusedAndRevokesOnce() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let (token, secret) = try TokenStore.create(AccessRegions.scope(.kelurahan, AccessRegions.jayaMukti), label: nil,
                                                    expiresAt: Self.now.addingTimeInterval(-1), on: conn)
        #expect(try TokenStore.revoke(id: token.id, at: Self.now, on: conn))
        #expect(try TokenStore.revoke(id: token.id, at: Self.now, on: conn) == false)
        #expect(try TokenStore.revoke(id: 987_654_321, at: Self.now, on: conn) == false)
        // Revoked wins over expired.
        #expect(try TokenStore.check(secret: secret, at: Self.now, on: conn) == .revoked)
        #expect(try TokenStore.token(id: token.id, on: conn)?.revokedAt == Self.now)
        #expect(try TokenStore.token(id: 987_654_321, on: conn) == nil)
    }

    @Test(arguments: [
        "", "rekap_", "token", "Bearer rekap_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "rekap_" + String(repeating: "A", count: 42), "rekap_" + String(repeating: "A", count: 44),
        "rekap_" + String(repeating: "A", count: 42) + "+", "rekap_" + String(repeating: "A", count: 42) + "=",
        "REKAP_" + String(repeating: "A", count: 43), "rekap_" + String(repeating: "A", count: 42) + "é",
    ])
    func malformedSecretIsMalformed(secret: String) throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        #expect(try TokenStore.check(secret: secret, at: Self.now, on: conn) == .malformed)
    }

    @Test func wellFormedButUnknownSecretIsUnknown() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        #expect(try TokenStore.check(secret: "rekap_" + String(repeating: "A", count: 43), at: Self.now, on: conn) == .unknown)
        #expect(try TokenStore.check(secret: "rekap_" + String(repeating: "_-9z", count: 10) + "abc", at: Self.now, on: conn) == .unknown)
    }

    @Test func regionOutsideTheRegistryIsRefused() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        // A real kelurahan of Kota Pekanbaru that this database's registry does not hold.
        let absent = AccessRegions.scope(.kelurahan, "14.71.01.1003")
        #expect(throws: TokenStoreError.unknownRegion(absent.region)) {
            try TokenStore.create(absent, label: nil, expiresAt: nil, on: conn)
        }
    }

    @Test func listShowsTokensWithoutSecrets() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let (token, _) = try TokenStore.create(AccessRegions.scope(.kecamatan, AccessRegions.dumaiBarat), label: "listed", expiresAt: nil, on: conn)
        let listed = try TokenStore.list(on: conn)
        #expect(listed.contains(token))
        #expect(listed.map(\.id) == listed.map(\.id).sorted())
    }

    @Test func theAPIRoleCannotReadTokensAndScopesNeedATransaction() async throws {
        // One connection, so the last query runs on the one that was in the scope.
        try await TestDatabase.withClient(maxConnections: 1) { client in
            let scope = AccessRegions.scope(.bappeda, AccessRegions.dumai)
            let error = await #expect(throws: PGError.self) {
                try await client.withTransaction(scope: scope) { conn in try conn.query("SELECT count(*) FROM api_token") }
            }
            #expect(error?.isRefusal == true, "\(String(describing: error))")
            let outside = await #expect(throws: PGError.self) {
                try await client.withConnection { conn in try conn.enterAccessScope(scope) }
            }
            #expect(outside?.kind == .usage)
            // The role and the scope end with the transaction: the pooled connection is the owner again.
            let role = try await client.withConnection { conn in
                try conn.queryValue(Bool.self, "SELECT current_user <> 'rekap_api' AND current_setting('rekap.role', true) IS DISTINCT FROM 'bappeda'")
            }
            #expect(role == true)
        }
    }
}
