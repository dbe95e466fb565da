import Foundation
import PostgresLibPQ
import RekapDomain

/// Browser login sessions in `web_session` (`sql/0009_web_session.sql`, `0012_accounts.sql`): a person
/// logs in with an account (or, before 0012, a browser with a token) once and then holds a session
/// secret of its own (`rekap_session_` + 43 base64url characters). Only the SHA-256 of a session
/// secret is stored, computed by PostgreSQL as for tokens. Sessions live in PostgreSQL, so several
/// rekapd share them and an administrator can end them.
///
/// A session is valid until it expires, is revoked (logout), or its owner ends: a token revoked or
/// expired (`rekap token revoke`), an account disabled (`rekap user disable`, at once: the check
/// reads `disabled_at`). Runs as the table owner, before the request enters an access scope
/// (``TokenStore`` does the same).
///
/// ```swift
/// let secret = try WebSessionStore.create(accountID: id, lifetime: .seconds(12 * 3600), at: Date(), on: conn)
/// switch try WebSessionStore.check(secret: secret, at: Date(), on: conn) {
/// case .valid(let scope, .account(let person)): …
/// case .valid(let scope, .token(let id)): …
/// case .refused(let why): … // log in again
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
        try create(owner: "token_id", id: tokenID, lifetime: lifetime, at: at, on: conn)
    }

    /// Starts a session for person account `accountID` (its password checked), as ``create(tokenID:lifetime:at:on:)``.
    public static func create(accountID: Int64, lifetime: Duration, at: Date, on conn: PGConnection) throws -> String {
        try create(owner: "account_id", id: accountID, lifetime: lifetime, at: at, on: conn)
    }

    private static func create(owner column: String, id: Int64, lifetime: Duration, at: Date, on conn: PGConnection) throws -> String {
        let secret = TokenSecret.generate(prefix: secretPrefix)
        let expiresAt = at.addingTimeInterval(TimeInterval(lifetime.components.seconds))
        // Logins are rare: each one forgets the sessions that ended more than 30 days ago.
        try conn.execute("""
            DELETE FROM web_session
             WHERE expires_at < \(at)::timestamptz - interval '30 days' OR revoked_at < \(at)::timestamptz - interval '30 days'
            """)
        // The owner's column is one of two fixed names, never input.
        try conn.execute("""
            INSERT INTO web_session (secret_hash, \(identifier: column), created_at, expires_at, last_seen_at)
            VALUES (sha256(convert_to(\(secret), 'UTF8')), \(id), \(at), \(expiresAt), \(at))
            """)
        return secret
    }

    /// Whether session `secret` may be used at `at`: `.valid` with the scope of the session's owner
    /// (a token's or an account's role and region: the same ``RekapDomain/AccessScope`` either way)
    /// and who it is; refused `.revoked` when the session or its token was revoked or its account
    /// disabled, `.expired` when the session or its token expired (revoked wins). A valid check
    /// refreshes `last_seen_at` at most once a minute.
    public static func check(secret: String, at: Date, on conn: PGConnection) throws -> SessionCheck {
        guard TokenSecret.isWellFormed(secret, prefix: secretPrefix) else { return .refused(.malformed) }
        let rows = try conn.cachedQuery("""
            SELECT s.id AS session_id, t.id AS token_id, a.id AS account_id, a.login, a.display_name,
                   coalesce(t.role, a.role) AS role, coalesce(t.region_code, a.region_code) AS region_code,
                   s.revoked_at IS NOT NULL OR t.revoked_at IS NOT NULL OR a.disabled_at IS NOT NULL AS revoked,
                   s.expires_at <= \(at) OR (t.expires_at IS NOT NULL AND t.expires_at <= \(at)) AS expired,
                   s.last_seen_at < \(at)::timestamptz - interval '1 minute' AS touch_due
              FROM web_session s
              LEFT JOIN api_token t ON t.id = s.token_id
              LEFT JOIN person_account a ON a.id = s.account_id
             WHERE s.secret_hash = sha256(convert_to(\(secret), 'UTF8'))
            """)
        guard let row = rows.first else { return .refused(.unknown) }
        if try row.decode(Bool.self, column: "revoked") { return .refused(.revoked) }
        if try row.decode(Bool.self, column: "expired") { return .refused(.expired) }
        if try row.decode(Bool.self, column: "touch_due") {
            try conn.execute("UPDATE web_session SET last_seen_at = \(at) WHERE id = \(try row.decode(Int64.self, column: "session_id"))")
        }
        let owner: SessionOwner
        let ownerID: Int64
        if let accountID = try row.decode(Int64?.self, column: "account_id") {
            ownerID = accountID
            owner = .account(SignedInAccount(id: accountID, login: try row.decode(String.self, column: "login"),
                                             displayName: try row.decode(String.self, column: "display_name")))
        } else {
            ownerID = try row.decode(Int64.self, column: "token_id")
            owner = .token(id: ownerID)
        }
        let scope = try TokenStore.scope(
            id: ownerID, role: row.decode(String.self, column: "role"), region: row.decode(String.self, column: "region_code"))
        return .valid(scope, owner)
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
