import Foundation
import PostgresLibPQ
import RekapDomain

/// Dashboard login sessions in `web_session` (`sql/0009_web_session.sql`): a browser logs in with a
/// token once and then holds a session secret of its own (`rekap_session_` + 43 base64url
/// characters), never the token's. Only the SHA-256 of a session secret is stored, computed by
/// PostgreSQL as for tokens.
///
/// A session is valid until it expires, is revoked (logout), or its token is revoked or expires: the
/// check joins `api_token`, so `rekap token revoke` ends the token's sessions. Runs as the table
/// owner, before the request enters an access scope (``TokenStore`` does the same).
///
/// ```swift
/// let secret = try WebSessionStore.create(tokenID: id, lifetime: .seconds(12 * 3600), at: Date(), on: conn)
/// switch try WebSessionStore.check(secret: secret, at: Date(), on: conn) {
/// case .valid(let scope, let tokenID): …
/// case .malformed, .unknown, .expired, .revoked: … // log in again
/// }
/// try WebSessionStore.revoke(secret: secret, at: Date(), on: conn)
/// ```
public enum WebSessionStore {
    /// What a session secret starts with (told apart from a token's `rekap_` secret).
    public static let secretPrefix = "rekap_session_"

    /// Starts a session for token `tokenID`, valid for `lifetime` from `at`; returns its secret, the
    /// only time it is available (it goes into the browser's cookie). Sessions that ended more than
    /// 30 days before `at` are deleted on the way.
    public static func create(tokenID: Int64, lifetime: Duration, at: Date, on conn: PGConnection) throws -> String {
        let secret = TokenSecret.generate(prefix: secretPrefix)
        let expiresAt = at.addingTimeInterval(TimeInterval(lifetime.components.seconds))
        // Logins are rare: each one forgets the sessions that ended more than 30 days ago.
        try conn.execute("""
            DELETE FROM web_session
             WHERE expires_at < \(at)::timestamptz - interval '30 days' OR revoked_at < \(at)::timestamptz - interval '30 days'
            """)
        try conn.execute("""
            INSERT INTO web_session (secret_hash, token_id, created_at, expires_at, last_seen_at)
            VALUES (sha256(convert_to(\(secret), 'UTF8')), \(tokenID), \(at), \(expiresAt), \(at))
            """)
        return secret
    }

    /// Whether session `secret` may be used at `at`, answered as for a token: `.valid` with the scope
    /// and id of the session's token; `.revoked` when the session or its token was revoked,
    /// `.expired` when either expired (revoked wins). A valid check refreshes `last_seen_at` at most
    /// once a minute.
    public static func check(secret: String, at: Date, on conn: PGConnection) throws -> TokenCheck {
        guard TokenSecret.isWellFormed(secret, prefix: secretPrefix) else { return .malformed }
        let rows = try conn.cachedQuery("""
            SELECT s.id AS session_id, t.id AS token_id, t.role, t.region_code,
                   s.revoked_at IS NOT NULL OR t.revoked_at IS NOT NULL AS revoked,
                   s.expires_at <= \(at) OR (t.expires_at IS NOT NULL AND t.expires_at <= \(at)) AS expired,
                   s.last_seen_at < \(at)::timestamptz - interval '1 minute' AS touch_due
              FROM web_session s JOIN api_token t ON t.id = s.token_id
             WHERE s.secret_hash = sha256(convert_to(\(secret), 'UTF8'))
            """)
        guard let row = rows.first else { return .unknown }
        if try row.decode(Bool.self, column: "revoked") { return .revoked }
        if try row.decode(Bool.self, column: "expired") { return .expired }
        let tokenID = try row.decode(Int64.self, column: "token_id")
        if try row.decode(Bool.self, column: "touch_due") {
            try conn.execute("UPDATE web_session SET last_seen_at = \(at) WHERE id = \(try row.decode(Int64.self, column: "session_id"))")
        }
        let scope = try TokenStore.scope(
            id: tokenID, role: row.decode(String.self, column: "role"), region: row.decode(String.self, column: "region_code"))
        return .valid(scope, tokenID: tokenID)
    }

    /// Ends session `secret` at `at` (logout). False when there is no such live session.
    @discardableResult
    public static func revoke(secret: String, at: Date, on conn: PGConnection) throws -> Bool {
        guard TokenSecret.isWellFormed(secret, prefix: secretPrefix) else { return false }
        return try conn.execute("""
            UPDATE web_session SET revoked_at = \(at)
             WHERE secret_hash = sha256(convert_to(\(secret), 'UTF8')) AND revoked_at IS NULL
            """) == 1
    }
}
