import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// Dashboard sessions: a random secret of their own (never the token's), stored hashed, ended by
/// logout, by their expiry, and with their token (revoked or expired).
@Suite(.accessDatabase)
struct WebSessionStoreTests {
    static let now = Date(timeIntervalSince1970: 1_764_400_000)  // 2025-11-29
    static let day = Duration.seconds(24 * 3600)

    @Test func aSessionIsValidAsItsTokenAndOnlyItsHashIsStored() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let scope = AccessRegions.scope(.bappeda, AccessRegions.dumai)
        let (token, tokenSecret) = try TokenStore.create(scope, label: "session test", expiresAt: nil, on: conn)
        let secret = try WebSessionStore.create(tokenID: token.id, lifetime: Self.day, at: Self.now, on: conn)
        #expect(secret.hasPrefix("rekap_session_") && secret.count == "rekap_session_".count + 43 && secret != tokenSecret)
        #expect(try WebSessionStore.check(secret: secret, at: Self.now.addingTimeInterval(60), on: conn) == .valid(scope, .token(id: token.id)))
        // The token's secret is no session, nor a session's secret a token.
        #expect(try WebSessionStore.check(secret: tokenSecret, at: Self.now, on: conn) == .refused(.malformed))
        #expect(try TokenStore.check(secret: secret, at: Self.now, on: conn) == .malformed)
        let stored = try conn.queryValue(Int.self, """
            SELECT count(*)::int FROM web_session
             WHERE token_id = \(token.id) AND secret_hash = sha256(convert_to(\(secret), 'UTF8'))
               AND position(convert_to(\(secret), 'UTF8') IN secret_hash) = 0
            """)
        #expect(stored == 1)
    }

    @Test func logoutExpiryAndTheTokenEndASession() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let scope = AccessRegions.scope(.bappeda, AccessRegions.dumai)
        let (token, _) = try TokenStore.create(scope, label: "session ends", expiresAt: Self.now.addingTimeInterval(7 * 86400), on: conn)
        let loggedOut = try WebSessionStore.create(tokenID: token.id, lifetime: Self.day, at: Self.now, on: conn)
        let open = try WebSessionStore.create(tokenID: token.id, lifetime: Self.day, at: Self.now, on: conn)

        #expect(try WebSessionStore.revoke(secret: loggedOut, at: Self.now, on: conn))
        #expect(try !WebSessionStore.revoke(secret: loggedOut, at: Self.now, on: conn))
        #expect(try WebSessionStore.check(secret: loggedOut, at: Self.now, on: conn) == .refused(.revoked))
        #expect(try WebSessionStore.check(secret: open, at: Self.now, on: conn) == .valid(scope, .token(id: token.id)))
        // Past its own expiry; past its token's (a longer session cannot outlive the token).
        #expect(try WebSessionStore.check(secret: open, at: Self.now.addingTimeInterval(86400), on: conn) == .refused(.expired))
        let long = try WebSessionStore.create(tokenID: token.id, lifetime: .seconds(30 * 86400), at: Self.now, on: conn)
        #expect(try WebSessionStore.check(secret: long, at: Self.now.addingTimeInterval(8 * 86400), on: conn) == .refused(.expired))
        // Revoking the token ends every session of it at once.
        #expect(try TokenStore.revoke(id: token.id, at: Self.now, on: conn))
        #expect(try WebSessionStore.check(secret: long, at: Self.now.addingTimeInterval(60), on: conn) == .refused(.revoked))
        #expect(try WebSessionStore.check(secret: "rekap_session_" + String(repeating: "A", count: 43), at: Self.now, on: conn) == .refused(.unknown))
    }
}
