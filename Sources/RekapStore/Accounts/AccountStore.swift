import Foundation
import PostgresLibPQ
import RekapDomain

/// Person accounts (`person_account`, `password_setup_code`; `sql/0012_accounts.sql`): created by an
/// administrator with a one-time code, the password set by the person with that code, checked at
/// login with lockout, disabled or reset by an administrator. Runs as the table owner (the CLI, and
/// rekapd before a request enters its access scope), as ``TokenStore`` does.
///
/// Only hashes are stored: a bcrypt hash of the password (``AccountPasswords``) and the SHA-256 of a
/// one-time code (computed by PostgreSQL, as for tokens). A code is shown once, used once, and expires.
public enum AccountStore {
    /// What a one-time password-setup code starts with.
    public static let setupCodePrefix = "rekap_setup_"
    /// How long a new one-time code stays usable unless told otherwise.
    public static let defaultSetupLifetime: Duration = .seconds(72 * 3600)

    /// A login as stored: lower case, trimmed.
    public static func normalizedLogin(_ login: String) -> String {
        login.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    // MARK: Administration

    /// Creates an account for `scope` and returns it with its one-time setup code (shown once).
    /// Throws ``AccountStoreError/loginTaken(_:)`` when the login exists, ``AccountStoreError/invalidLogin(_:)``
    /// for a login of the wrong shape, ``AccountStoreError/unknownRegion(_:)`` when the region is not registered.
    public static func create(login rawLogin: String, displayName: String, scope: AccessScope,
                              setupLifetime: Duration = defaultSetupLifetime, at: Date, on conn: PGConnection) throws -> (PersonAccount, String) {
        let login = normalizedLogin(rawLogin)
        guard login.range(of: #"^[a-z0-9][a-z0-9._-]{1,62}$"#, options: .regularExpression) != nil else {
            throw AccountStoreError.invalidLogin(rawLogin)
        }
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else { throw AccountStoreError.invalidDisplayName }
        return try conn.transaction { conn in
            guard try conn.queryValue(Bool.self, "SELECT EXISTS (SELECT FROM region WHERE code = \(scope.region.text))") == true else {
                throw AccountStoreError.unknownRegion(scope.region)
            }
            guard try conn.queryValue(Bool.self, "SELECT EXISTS (SELECT FROM person_account WHERE login = \(login))") == false else {
                throw AccountStoreError.loginTaken(login)
            }
            let id = try conn.queryValue(Int64.self, """
                INSERT INTO person_account (login, display_name, role, region_code, created_at)
                VALUES (\(login), \(name), \(scope.role.rawValue), \(scope.region.text), \(at))
                RETURNING id
                """)!
            let code = try newSetupCode(accountID: id, lifetime: setupLifetime, at: at, on: conn)
            return (PersonAccount(id: id, login: login, displayName: name, scope: scope, createdAt: at), code)
        }
    }

    /// Every account, by login.
    public static func list(on conn: PGConnection) throws -> [PersonAccount] {
        try conn.query("""
            SELECT id, login, display_name, role, region_code, created_at, password_set_at, disabled_at, locked_until, last_login_at
              FROM person_account ORDER BY login
            """).map(account)
    }

    /// The account with `login`, or nil.
    public static func find(login: String, on conn: PGConnection) throws -> PersonAccount? {
        try conn.query("""
            SELECT id, login, display_name, role, region_code, created_at, password_set_at, disabled_at, locked_until, last_login_at
              FROM person_account WHERE login = \(normalizedLogin(login))
            """).first.map(account)
    }

    /// Disables the account at `at`: its sessions end at once (the session check sees `disabled_at`;
    /// they are also marked revoked) and its unused codes stop working. False when there is no such
    /// account or it was already disabled.
    @discardableResult
    public static func disable(login: String, at: Date, on conn: PGConnection) throws -> Bool {
        try conn.transaction { conn in
            guard let id = try conn.queryValue(Int64.self, """
                UPDATE person_account SET disabled_at = \(at)
                 WHERE login = \(normalizedLogin(login)) AND disabled_at IS NULL RETURNING id
                """) else { return false }
            try endSessions(accountID: id, at: at, on: conn)
            try conn.execute("UPDATE password_setup_code SET used_at = \(at) WHERE account_id = \(id) AND used_at IS NULL")
            return true
        }
    }

    /// A new one-time code for `login` (the old password stops working, its sessions end, the lockout
    /// is lifted, earlier unused codes are void). Nil when there is no such account; throws
    /// ``AccountStoreError/disabled(_:)`` for a disabled one.
    public static func reset(login: String, setupLifetime: Duration = defaultSetupLifetime, at: Date, on conn: PGConnection) throws -> String? {
        try conn.transaction { conn in
            guard let row = try conn.query("""
                SELECT id, disabled_at IS NOT NULL AS disabled FROM person_account WHERE login = \(normalizedLogin(login)) FOR UPDATE
                """).first else { return nil }
            let id = try row.decode(Int64.self, column: "id")
            if try row.decode(Bool.self, column: "disabled") { throw AccountStoreError.disabled(normalizedLogin(login)) }
            try conn.execute("""
                UPDATE person_account SET password_hash = NULL, password_set_at = NULL, failed_logins = 0, locked_until = NULL
                 WHERE id = \(id)
                """)
            try endSessions(accountID: id, at: at, on: conn)
            return try newSetupCode(accountID: id, lifetime: setupLifetime, at: at, on: conn)
        }
    }

    // MARK: Setting a password

    /// The account a one-time code would set the password of, when the code is live at `at`
    /// (unused, unexpired, its account enabled); nil otherwise. Nothing is changed.
    public static func setupAccount(code: String, at: Date, on conn: PGConnection) throws -> SignedInAccount? {
        guard TokenSecret.isWellFormed(code, prefix: setupCodePrefix) else { return nil }
        return try conn.query("""
            SELECT a.id, a.login, a.display_name
              FROM password_setup_code c JOIN person_account a ON a.id = c.account_id
             WHERE c.code_hash = sha256(convert_to(\(code), 'UTF8'))
               AND c.used_at IS NULL AND c.expires_at > \(at) AND a.disabled_at IS NULL
            """).first.map { row in
            SignedInAccount(id: try row.decode(Int64.self, column: "id"), login: try row.decode(String.self, column: "login"),
                            displayName: try row.decode(String.self, column: "display_name"))
        }
    }

    /// Uses one-time `code` to set its account's password to `passwordHash` (bcrypt, made by
    /// ``AccountPasswords``): the code is spent in the same statement that checks it, so it works
    /// once even when two requests race. Nil when the code is unknown, used, expired or its account
    /// disabled (one answer for all). Ends the account's other sessions and lifts a lockout.
    public static func setPassword(code: String, passwordHash: String, at: Date, on conn: PGConnection) throws -> SignedInAccount? {
        guard TokenSecret.isWellFormed(code, prefix: setupCodePrefix) else { return nil }
        return try conn.transaction { conn in
            guard let row = try conn.query("""
                UPDATE password_setup_code c SET used_at = \(at)
                  FROM person_account a
                 WHERE a.id = c.account_id AND c.code_hash = sha256(convert_to(\(code), 'UTF8'))
                   AND c.used_at IS NULL AND c.expires_at > \(at) AND a.disabled_at IS NULL
                RETURNING a.id, a.login, a.display_name
                """).first else { return nil }
            let account = SignedInAccount(id: try row.decode(Int64.self, column: "id"), login: try row.decode(String.self, column: "login"),
                                          displayName: try row.decode(String.self, column: "display_name"))
            try conn.execute("""
                UPDATE person_account SET password_hash = \(passwordHash), password_set_at = \(at), failed_logins = 0, locked_until = NULL
                 WHERE id = \(account.id)
                """)
            try endSessions(accountID: account.id, at: at, on: conn)
            return account
        }
    }

    // MARK: Logging in

    /// What a login attempt needs before the password is checked (outside any transaction: bcrypt is slow).
    public struct LoginCandidate: Sendable {
        public let account: SignedInAccount
        public let scope: AccessScope
        /// nil until a password is set.
        public let passwordHash: String?
        public let disabled: Bool
        public let lockedUntil: Date?
    }

    /// The account `login` names, for ``AccountLogin``; nil when there is none.
    public static func loginCandidate(login: String, on conn: PGConnection) throws -> LoginCandidate? {
        try conn.query("""
            SELECT id, login, display_name, role, region_code, password_hash, disabled_at IS NOT NULL AS disabled, locked_until
              FROM person_account WHERE login = \(normalizedLogin(login))
            """).first.map { row in
            let id = try row.decode(Int64.self, column: "id")
            return LoginCandidate(
                account: SignedInAccount(id: id, login: try row.decode(String.self, column: "login"),
                                         displayName: try row.decode(String.self, column: "display_name")),
                scope: try TokenStore.scope(id: id, role: row.decode(String.self, column: "role"), region: row.decode(String.self, column: "region_code")),
                passwordHash: try row.decode(String?.self, column: "password_hash"),
                disabled: try row.decode(Bool.self, column: "disabled"),
                lockedUntil: try row.decode(Date?.self, column: "locked_until"))
        }
    }

    /// Counts a failed login of account `id` at `at` (atomically, so parallel guesses all count) and
    /// locks it as `lockout` says; returns the lock's end when it is locked now.
    @discardableResult
    public static func recordFailure(accountID id: Int64, lockout: LoginLockout, at: Date, on conn: PGConnection) throws -> Date? {
        try conn.transaction { conn in
            guard let failures = try conn.queryValue(Int.self, """
                UPDATE person_account SET failed_logins = failed_logins + 1 WHERE id = \(id) RETURNING failed_logins
                """) else { return nil }
            guard let lock = lockout.lock(afterFailures: failures) else { return nil }
            let until = at.addingTimeInterval(TimeInterval(lock.components.seconds))
            try conn.execute("UPDATE person_account SET locked_until = \(until) WHERE id = \(id)")
            return until
        }
    }

    /// A successful login: the failure count starts again.
    public static func recordSuccess(accountID id: Int64, at: Date, on conn: PGConnection) throws {
        try conn.execute("UPDATE person_account SET failed_logins = 0, locked_until = NULL, last_login_at = \(at) WHERE id = \(id)")
    }

    // MARK: Helpers

    static func newSetupCode(accountID: Int64, lifetime: Duration, at: Date, on conn: PGConnection) throws -> String {
        // Earlier unused codes are void: only the latest one printed works.
        try conn.execute("UPDATE password_setup_code SET used_at = \(at) WHERE account_id = \(accountID) AND used_at IS NULL")
        let code = TokenSecret.generate(prefix: setupCodePrefix)
        let expiresAt = at.addingTimeInterval(TimeInterval(lifetime.components.seconds))
        try conn.execute("""
            INSERT INTO password_setup_code (account_id, code_hash, created_at, expires_at)
            VALUES (\(accountID), sha256(convert_to(\(code), 'UTF8')), \(at), \(expiresAt))
            """)
        return code
    }

    static func endSessions(accountID: Int64, at: Date, on conn: PGConnection) throws {
        try conn.execute("UPDATE web_session SET revoked_at = \(at) WHERE account_id = \(accountID) AND revoked_at IS NULL")
    }

    static func account(_ row: PGRow) throws -> PersonAccount {
        let id = try row.decode(Int64.self, column: "id")
        return PersonAccount(
            id: id, login: try row.decode(String.self, column: "login"), displayName: try row.decode(String.self, column: "display_name"),
            scope: try TokenStore.scope(id: id, role: row.decode(String.self, column: "role"), region: row.decode(String.self, column: "region_code")),
            createdAt: try row.decode(Date.self, column: "created_at"), passwordSetAt: try row.decode(Date?.self, column: "password_set_at"),
            disabledAt: try row.decode(Date?.self, column: "disabled_at"), lockedUntil: try row.decode(Date?.self, column: "locked_until"),
            lastLoginAt: try row.decode(Date?.self, column: "last_login_at"))
    }
}

/// Why an account could not be created or changed.
public enum AccountStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidLogin(String)
    case invalidDisplayName
    case loginTaken(String)
    case unknownRegion(RegionCode)
    case disabled(String)

    public var description: String {
        switch self {
        case .invalidLogin(let login):
            "\"\(login)\" cannot be a login: 2 to 63 characters, lower-case letters, digits, '.', '_' and '-', starting with a letter or digit"
        case .invalidDisplayName: "the name must not be empty (at most 200 characters)"
        case .loginTaken(let login): "an account with login \"\(login)\" exists already"
        case .unknownRegion(let region): "region \(region) is not registered; run rekap regions import first"
        case .disabled(let login): "the account \"\(login)\" is disabled"
        }
    }
}
