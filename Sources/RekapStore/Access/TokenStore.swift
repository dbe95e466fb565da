import Foundation
import PostgresLibPQ
import RekapDomain

/// API tokens in `api_token`: created with a secret shown once, checked on every request, revoked.
///
/// Only the SHA-256 of a secret is stored, computed by PostgreSQL (`sha256(convert_to(secret, 'UTF8'))`),
/// so the database never holds a usable secret. Runs as the table owner: `rekap_api` has no access
/// to `api_token`, so check the token before ``PostgresLibPQ/PGConnection/enterAccessScope(_:)``.
///
/// ```swift
/// let (token, secret) = try TokenStore.create(scope, label: "operator", expiresAt: nil, on: conn)
/// switch try TokenStore.check(secret: secret, at: Date(), on: conn) {
/// case .valid(let scope, let tokenID): …
/// case .malformed, .unknown, .expired, .revoked: … // 401
/// }
/// ```
public enum TokenStore {
    /// Stores a new token for `scope` and returns it with its secret (`rekap_` + 43 base64url
    /// characters), the only time the secret is available.
    ///
    /// - Throws: ``TokenStoreError/unknownRegion(_:)`` when the scope's region is not in the registry.
    public static func create(_ scope: AccessScope, label: String?, expiresAt: Date?,
                              on conn: PGConnection) throws -> (token: APIToken, secret: String) {
        let secret = TokenSecret.generate()
        let rows = try conn.query("""
            INSERT INTO api_token (role, region_code, label, token_hash, expires_at)
            SELECT \(scope.role.rawValue), r.code, \(label), sha256(convert_to(\(secret), 'UTF8')), \(expiresAt)
            FROM region r WHERE r.code = \(scope.region.text)
            RETURNING \(unsafeRaw: columns)
            """)
        guard let row = rows.first else { throw TokenStoreError.unknownRegion(scope.region) }
        return (try token(from: row), secret)
    }

    /// Whether `secret` belongs to a live token at `at`. A string not of the secret's shape is
    /// `.malformed` without a query. A valid check refreshes the token's `last_used_at` (at most
    /// once a minute). Revoked wins over expired.
    public static func check(secret: String, at: Date, on conn: PGConnection) throws -> TokenCheck {
        try check(secret: secret, at: at, stamp: false, on: conn).check
    }

    /// ``check(secret:at:on:)``, and for a valid token the ``AggregateStamp`` of its city read in
    /// the same statement: what the API's answer cache needs on every ranking request, in one round
    /// trip instead of two.
    public static func checkAndStamp(secret: String, at: Date, on conn: PGConnection) throws -> (check: TokenCheck, cityStamp: AggregateStamp?) {
        try check(secret: secret, at: at, stamp: true, on: conn)
    }

    private static func check(secret: String, at: Date, stamp: Bool, on conn: PGConnection) throws -> (check: TokenCheck, cityStamp: AggregateStamp?) {
        guard TokenSecret.isWellFormed(secret) else { return (.malformed, nil) }
        // A plain indexed read on every request, prepared once per connection (planning it cost more
        // than running it); the write only when last_used_at is due (at most once a minute per
        // token), so the hot path is one cheap statement. A token's region is a kota or below: its
        // city is the code's first five characters (PP.KK).
        let stampColumns: PGQuery = stamp ? ", \(AggregateStamp.columns(cityCode: "left(api_token.region_code, 5)"))" : ""
        let rows = try conn.cachedQuery("""
            SELECT id, role, region_code, revoked_at IS NOT NULL AS revoked,
                   expires_at IS NOT NULL AND expires_at <= \(at) AS expired,
                   last_used_at IS NULL OR last_used_at < \(at)::timestamptz - interval '1 minute' AS touch_due
                   \(stampColumns)
            FROM api_token WHERE token_hash = sha256(convert_to(\(secret), 'UTF8'))
            """)
        guard let row = rows.first else { return (.unknown, nil) }
        if try row.decode(Bool.self, column: "revoked") { return (.revoked, nil) }
        if try row.decode(Bool.self, column: "expired") { return (.expired, nil) }
        let id = try row.decode(Int64.self, column: "id")
        if try row.decode(Bool.self, column: "touch_due") {
            try conn.execute("""
                UPDATE api_token SET last_used_at = \(at)
                WHERE id = \(id) AND (last_used_at IS NULL OR last_used_at < \(at)::timestamptz - interval '1 minute')
                """)
        }
        let scope = try scope(id: id, role: row.decode(String.self, column: "role"), region: row.decode(String.self, column: "region_code"))
        return (.valid(scope, tokenID: id), stamp ? try AggregateStamp.decode(row) : nil)
    }

    /// Revokes token `id` at `at`. False when there is no such token or it is already revoked
    /// (see ``token(id:on:)`` to tell which).
    public static func revoke(id: Int64, at: Date, on conn: PGConnection) throws -> Bool {
        try conn.execute("UPDATE api_token SET revoked_at = \(at) WHERE id = \(id) AND revoked_at IS NULL") == 1
    }

    /// Every token, oldest first (never secrets or hashes).
    public static func list(on conn: PGConnection) throws -> [APIToken] {
        try conn.query("SELECT \(unsafeRaw: columns) FROM api_token ORDER BY id").map(token(from:))
    }

    /// Token `id`, or nil.
    public static func token(id: Int64, on conn: PGConnection) throws -> APIToken? {
        try conn.query("SELECT \(unsafeRaw: columns) FROM api_token WHERE id = \(id)").first.map(token(from:))
    }

    private static let columns = "id, role, region_code, label, created_at, expires_at, revoked_at, last_used_at"

    private static func token(from row: PGRow) throws -> APIToken {
        let id = try row.decode(Int64.self, column: "id")
        let scope = try scope(id: id, role: row.decode(String.self, column: "role"),
                              region: row.decode(String.self, column: "region_code"))
        return APIToken(id: id, scope: scope,
                        label: try row.decode(String?.self, column: "label"),
                        createdAt: try row.decode(Date.self, column: "created_at"),
                        expiresAt: try row.decode(Date?.self, column: "expires_at"),
                        revokedAt: try row.decode(Date?.self, column: "revoked_at"),
                        lastUsedAt: try row.decode(Date?.self, column: "last_used_at"))
    }

    static func scope(id: Int64, role roleText: String, region regionText: String) throws -> AccessScope {
        guard let role = AccessRole(rawValue: roleText) else {
            throw TokenStoreError.invalidStoredToken(id: id, reason: "unknown role \"\(roleText)\"")
        }
        do {
            return try AccessScope(role: role, region: RegionCode(parsing: regionText))
        } catch {
            throw TokenStoreError.invalidStoredToken(id: id, reason: "\(error)")
        }
    }
}
