/// What one API token may do: a role and the region it speaks for. Pure rules, no database.
///
/// The same rules are enforced a second time by PostgreSQL row-level security
/// (`sql/0006_access.sql`, functions `rekap_may_*`): a change here must be made there too, and the
/// two are tested against the same cases.
///
/// ```swift
/// let scope = try AccessScope(role: .kecamatan, region: RegionCode(parsing: "14.72.02"))
/// scope.maySubmit(for: RegionCode("14.72.02.1004")!)  // true: a kelurahan under it
/// scope.mayReadCity(scope.city)                       // false: rankings are Bappeda's
/// ```
public struct AccessScope: Sendable, Hashable, CustomStringConvertible {
    public let role: AccessRole
    public let region: RegionCode

    /// Throws ``AccessScopeError`` when the region's level does not fit the role: kecamatan needs
    /// level 3, kelurahan level 4, bappeda and revenue a kota/kabupaten (level 2).
    public init(role: AccessRole, region: RegionCode) throws(AccessScopeError) {
        guard region.level == role.regionLevel else { throw AccessScopeError(role: role, region: region) }
        self.role = role
        self.region = region
    }

    /// The kota/kabupaten the scope lies in.
    public var city: RegionCode {
        // Every role's level is 2 or below, so the ancestor exists.
        region.ancestor(at: .kabupatenKota)!
    }

    /// Whether the token may submit a report for `target`: a kecamatan for itself and its kelurahan,
    /// a kelurahan for itself; Bappeda and revenue never submit.
    public func maySubmit(for target: RegionCode) -> Bool {
        switch role {
        case .kecamatan: target == region || target.parent == region
        case .kelurahan: target == region
        case .bappeda, .revenue: false
        }
    }

    /// Whether the token may read `target`'s submissions: what it may submit for, and for Bappeda
    /// every region of its city.
    public func mayRead(_ target: RegionCode) -> Bool {
        switch role {
        case .kecamatan, .kelurahan: maySubmit(for: target)
        case .bappeda: target.isWithin(region)
        case .revenue: false
        }
    }

    /// Whether the token may read city-wide results of `city` (rankings, reports, dashboard): Bappeda of that city.
    public func mayReadCity(_ city: RegionCode) -> Bool {
        role == .bappeda && city == region
    }

    /// Whether the token may read the PBB-P2 ranking of `city`: Bappeda or revenue of that city.
    public func mayReadPBBRanking(city: RegionCode) -> Bool {
        (role == .bappeda || role == .revenue) && city == region
    }

    /// Whether the token may load PBB-P2 feeds for `city`: revenue of that city.
    public func mayLoadPBB(city: RegionCode) -> Bool {
        role == .revenue && city == region
    }

    /// Whether the token may ask for `city`'s aggregates to be recomputed: Bappeda of that city.
    public func mayConsolidate(city: RegionCode) -> Bool {
        role == .bappeda && city == region
    }

    /// E.g. `kecamatan 14.72.02`.
    public var description: String { "\(role.rawValue) \(region.text)" }
}
