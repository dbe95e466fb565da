// TEMPORARY: the minimal AccessScope the `api` skeleton needs until the `access` branch commits the real
// one (RekapDomain/Access). Whoever merges `access` deletes this file and keeps access's version.

/// Who an API token speaks for.
public enum AccessRole: String, Sendable, CaseIterable {
    case kecamatan, kelurahan, bappeda, revenue
}

/// A role bound to the region it may act for.
public struct AccessScope: Sendable, Hashable {
    public let role: AccessRole
    public let region: RegionCode

    public init(role: AccessRole, region: RegionCode) {
        self.role = role
        self.region = region
    }

    /// The kota/kabupaten the region lies in.
    public var city: RegionCode { region.ancestor(at: .kabupatenKota) ?? region }
}
