/// Why a role and a region do not make an ``AccessScope``.
public struct AccessScopeError: Error, Sendable, Hashable, CustomStringConvertible {
    public let role: AccessRole
    public let region: RegionCode

    public var description: String {
        "a \(role.rawValue) token needs a \(role.regionLevel) code (level \(role.regionLevel.rawValue)), "
            + "but \(region.text) is a \(region.level) code (level \(region.level.rawValue))"
    }
}
