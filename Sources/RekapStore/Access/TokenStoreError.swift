import RekapDomain

/// Why a token could not be created or read.
public enum TokenStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The region is not in the region registry (`rekap regions import` first).
    case unknownRegion(RegionCode)
    /// A stored row that no longer makes a valid token (role, region or level); never written by rekap.
    case invalidStoredToken(id: Int64, reason: String)

    public var description: String {
        switch self {
        case .unknownRegion(let region):
            "region \(region.text) is not in the region registry"
        case .invalidStoredToken(let id, let reason):
            "stored token \(id) is invalid: \(reason)"
        }
    }
}
