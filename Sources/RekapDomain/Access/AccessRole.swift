/// Who an API token speaks for. The role fixes the level of the token's region (see ``AccessScope``).
///
/// - `kecamatan`: a kecamatan office; submits and reads for its kecamatan and the kelurahan under it.
/// - `kelurahan`: a kelurahan office; submits and reads for itself only.
/// - `bappeda`: the city's planning agency; reads everything of its kota/kabupaten (submissions,
///   rankings, reports) and may trigger consolidation, but does not submit.
/// - `revenue`: the city's revenue agency (Bapenda); loads PBB-P2 feeds for its kota/kabupaten and
///   reads its PBB ranking.
public enum AccessRole: String, Sendable, CaseIterable {
    case kecamatan
    case kelurahan
    case bappeda
    case revenue

    /// The level a token's region must have for this role.
    public var regionLevel: RegionLevel {
        switch self {
        case .kecamatan: .kecamatan
        case .kelurahan: .desaKelurahan
        case .bappeda, .revenue: .kabupatenKota
        }
    }
}
