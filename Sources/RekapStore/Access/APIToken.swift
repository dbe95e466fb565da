import Foundation
import RekapDomain

/// A stored API token, without its secret (only its SHA-256 is stored; see ``TokenStore``).
public struct APIToken: Sendable, Hashable {
    public let id: Int64
    /// What the token may do: its role and region.
    public let scope: AccessScope
    public var role: AccessRole { scope.role }
    public var region: RegionCode { scope.region }
    /// Who or what it was issued to, e.g. "Kecamatan Dumai Timur, operator".
    public let label: String?
    public let createdAt: Date
    /// After this instant the token is refused; nil: it does not expire.
    public let expiresAt: Date?
    /// When it was revoked; a revoked token is refused from then on.
    public let revokedAt: Date?
    /// The last successful check (refreshed at most once a minute); nil: never used.
    public let lastUsedAt: Date?

    public init(id: Int64, scope: AccessScope, label: String?, createdAt: Date,
                expiresAt: Date?, revokedAt: Date?, lastUsedAt: Date? = nil) {
        self.id = id
        self.scope = scope
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }
}
