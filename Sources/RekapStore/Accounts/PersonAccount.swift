import Foundation
import RekapDomain

/// A person's account (`person_account`, `sql/0012_accounts.sql`): who logs in to rekap's pages. Its
/// role and region mean what a token's do, so an account yields the same ``RekapDomain/AccessScope``
/// (and the same row-level security) as a token of that role and region.
public struct PersonAccount: Sendable, Hashable {
    public let id: Int64
    /// What the person types to log in (lower case).
    public let login: String
    public let displayName: String
    public let scope: AccessScope
    public let createdAt: Date
    /// When a password was last set; nil while the one-time code is still unused.
    public let passwordSetAt: Date?
    public let disabledAt: Date?
    /// Until when failed logins lock the account; nil when not locked.
    public let lockedUntil: Date?
    public let lastLoginAt: Date?

    public init(id: Int64, login: String, displayName: String, scope: AccessScope, createdAt: Date,
                passwordSetAt: Date? = nil, disabledAt: Date? = nil, lockedUntil: Date? = nil, lastLoginAt: Date? = nil) {
        self.id = id
        self.login = login
        self.displayName = displayName
        self.scope = scope
        self.createdAt = createdAt
        self.passwordSetAt = passwordSetAt
        self.disabledAt = disabledAt
        self.lockedUntil = lockedUntil
        self.lastLoginAt = lastLoginAt
    }
}

/// The person a browser session speaks for, as a route needs it (who sent a revision).
public struct SignedInAccount: Sendable, Hashable {
    public let id: Int64
    public let login: String
    public let displayName: String

    public init(id: Int64, login: String, displayName: String) {
        self.id = id
        self.login = login
        self.displayName = displayName
    }
}
