import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// Person accounts: one-time setup codes (hash only, single use, expiry), the lockout after failed
/// logins, disabling and resetting, and sessions that carry the same scope a token of the account's
/// role and region has.
@Suite(.accessDatabase)
struct AccountStoreTests {
    static let now = Date(timeIntervalSince1970: 1_764_400_000)  // 2025-11-29
    static let hour = Duration.seconds(3600)
    static let passwords = AccountPasswords(cost: AccountPasswords.minimumCost)

    static func create(_ login: String, _ role: AccessRole, _ region: String, on conn: PGConnection) throws -> (PersonAccount, String) {
        try AccountStore.create(login: login, displayName: "Uji \(login)", scope: AccessRegions.scope(role, region),
                                setupLifetime: hour, at: now, on: conn)
    }

    @Test func aSetupCodeIsStoredHashedWorksOnceAndExpires() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let (account, code) = try Self.create("setup.once", .kecamatan, AccessRegions.dumaiTimur, on: conn)
        #expect(code.hasPrefix(AccountStore.setupCodePrefix))
        // Only the SHA-256 is stored, never the code.
        let stored = try conn.queryValue(Int.self, """
            SELECT count(*)::int FROM password_setup_code
             WHERE account_id = \(account.id) AND code_hash = sha256(convert_to(\(code), 'UTF8'))
            """)
        #expect(stored == 1)
        #expect(try conn.queryValue(Int.self, "SELECT count(*)::int FROM password_setup_code WHERE encode(code_hash, 'escape') LIKE '%rekap_setup_%'") == 0)
        #expect(try AccountStore.setupAccount(code: code, at: Self.now, on: conn)?.login == "setup.once")
        let hash = Self.passwords.hash("kata-sandi-pertama")
        #expect(try AccountStore.setPassword(code: code, passwordHash: hash, at: Self.now, on: conn)?.id == account.id)
        // Used once: the same code is refused afterwards, and the password stays.
        #expect(try AccountStore.setupAccount(code: code, at: Self.now, on: conn) == nil)
        #expect(try AccountStore.setPassword(code: code, passwordHash: Self.passwords.hash("kata-sandi-kedua"), at: Self.now, on: conn) == nil)
        let candidate = try #require(try AccountStore.loginCandidate(login: "SETUP.once ", on: conn))
        #expect(Self.passwords.verify("kata-sandi-pertama", hash: candidate.passwordHash))
        #expect(!Self.passwords.verify("kata-sandi-kedua", hash: candidate.passwordHash))

        // Expiry: a reset's code works until its lifetime ends, not after.
        let late = try #require(try AccountStore.reset(login: "setup.once", setupLifetime: Self.hour, at: Self.now, on: conn))
        let afterAnHour = Self.now.addingTimeInterval(3600)
        #expect(try AccountStore.setupAccount(code: late, at: afterAnHour, on: conn) == nil)
        #expect(try AccountStore.setPassword(code: late, passwordHash: hash, at: afterAnHour, on: conn) == nil)
        #expect(try AccountStore.setPassword(code: late, passwordHash: hash, at: Self.now.addingTimeInterval(3599), on: conn) != nil)
        // A reset voids the earlier unused code and the old password.
        let first = try #require(try AccountStore.reset(login: "setup.once", at: Self.now, on: conn))
        let second = try #require(try AccountStore.reset(login: "setup.once", at: Self.now, on: conn))
        #expect(try AccountStore.setupAccount(code: first, at: Self.now, on: conn) == nil)
        #expect(try AccountStore.setupAccount(code: second, at: Self.now, on: conn) != nil)
        #expect(try AccountStore.loginCandidate(login: "setup.once", on: conn)?.passwordHash == nil)
        // Malformed and unknown codes get the same nil.
        #expect(try AccountStore.setupAccount(code: "rekap_setup_" + String(repeating: "A", count: 43), at: Self.now, on: conn) == nil)
        #expect(try AccountStore.setupAccount(code: "nonsense", at: Self.now, on: conn) == nil)
    }

    @Test func repeatedFailuresLockTheAccountForLongerEachTime() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let (account, _) = try Self.create("lock.me", .kecamatan, AccessRegions.dumaiTimur, on: conn)
        let lockout = LoginLockout(threshold: 5, baseLock: .seconds(60), maximumLock: .seconds(3600))
        for _ in 1...4 {
            #expect(try AccountStore.recordFailure(accountID: account.id, lockout: lockout, at: Self.now, on: conn) == nil)
        }
        #expect(try AccountStore.recordFailure(accountID: account.id, lockout: lockout, at: Self.now, on: conn) == Self.now.addingTimeInterval(60))
        #expect(try AccountStore.recordFailure(accountID: account.id, lockout: lockout, at: Self.now, on: conn) == Self.now.addingTimeInterval(120))
        #expect(try AccountStore.recordFailure(accountID: account.id, lockout: lockout, at: Self.now, on: conn) == Self.now.addingTimeInterval(240))
        #expect(try AccountStore.loginCandidate(login: "lock.me", on: conn)?.lockedUntil == Self.now.addingTimeInterval(240))
        #expect(lockout.lock(afterFailures: 40) == .seconds(3600))
        // A success starts the count again.
        try AccountStore.recordSuccess(accountID: account.id, at: Self.now, on: conn)
        #expect(try AccountStore.loginCandidate(login: "lock.me", on: conn)?.lockedUntil == nil)
        #expect(try AccountStore.recordFailure(accountID: account.id, lockout: lockout, at: Self.now, on: conn) == nil)
    }

    @Test func anAccountsSessionHasTheScopeOfATokenOfItsRoleAndRegionAndEndsWhenDisabled() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let (account, _) = try Self.create("lurah.jaya-mukti", .kelurahan, AccessRegions.jayaMukti, on: conn)
        let (token, _) = try TokenStore.create(AccessRegions.scope(.kelurahan, AccessRegions.jayaMukti), label: nil, expiresAt: nil, on: conn)
        let secret = try WebSessionStore.create(accountID: account.id, lifetime: .seconds(3600), at: Self.now, on: conn)
        guard case .valid(let scope, .account(let person)) = try WebSessionStore.check(secret: secret, at: Self.now, on: conn) else {
            Issue.record("the account's session is not valid")
            return
        }
        #expect(scope == token.scope)
        #expect(person.login == "lurah.jaya-mukti")
        // A kelurahan account reads and submits for itself only: not its kecamatan, not a neighbour.
        #expect(scope.maySubmit(for: RegionCode(AccessRegions.jayaMukti)!))
        #expect(!scope.maySubmit(for: RegionCode(AccessRegions.dumaiTimur)!))
        #expect(!scope.mayRead(RegionCode(AccessRegions.telukBinjai)!))
        #expect(!scope.mayReadCity(RegionCode(AccessRegions.dumai)!))
        // Disabled: the session stops working at once, and so does its code; it cannot be reset.
        #expect(try AccountStore.disable(login: "lurah.jaya-mukti", at: Self.now, on: conn))
        #expect(try WebSessionStore.check(secret: secret, at: Self.now, on: conn) == .refused(.revoked))
        #expect(try !AccountStore.disable(login: "lurah.jaya-mukti", at: Self.now, on: conn))
        #expect(throws: AccountStoreError.disabled("lurah.jaya-mukti")) { try AccountStore.reset(login: "lurah.jaya-mukti", at: Self.now, on: conn) }
        #expect(try AccountStore.loginCandidate(login: "lurah.jaya-mukti", on: conn)?.disabled == true)
    }

    @Test func accountsAreRefusedForABadLoginATakenLoginOrARoleOfTheWrongLevel() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        _ = try Self.create("taken", .bappeda, AccessRegions.dumai, on: conn)
        #expect(throws: AccountStoreError.loginTaken("taken")) { try Self.create("Taken", .bappeda, AccessRegions.dumai, on: conn) }
        #expect(throws: AccountStoreError.invalidLogin("a b")) { try Self.create("a b", .bappeda, AccessRegions.dumai, on: conn) }
        #expect(throws: AccountStoreError.invalidLogin("<script>")) { try Self.create("<script>", .bappeda, AccessRegions.dumai, on: conn) }
        // The table refuses a role whose region has the wrong level even if Swift were bypassed.
        #expect(throws: PGError.self) {
            try conn.execute("INSERT INTO person_account (login, display_name, role, region_code) VALUES ('x.y', 'X', 'bappeda', '14.72.02')")
        }
        // A session belongs to exactly one of a token or an account.
        #expect(throws: PGError.self) {
            try conn.execute("INSERT INTO web_session (secret_hash, expires_at) VALUES (sha256('x'), now() + interval '1 hour')")
        }
    }
}
