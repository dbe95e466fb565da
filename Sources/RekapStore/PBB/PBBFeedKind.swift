/// The two PBB-P2 feeds of the revenue agency (contract §2).
public enum PBBFeedKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `ketetapan.csv`: assessed pokok per object and year.
    case ketetapan
    /// `pembayaran.csv`: payments per object and year.
    case pembayaran

    /// The exact header row.
    public var columns: [String] {
        switch self {
        case .ketetapan: ["nop", "tahun", "kelurahan", "pokok"]
        case .pembayaran: ["nop", "tahun", "tanggal", "pokok", "denda"]
        }
    }

    public var header: String { columns.joined(separator: ",") }

    public var description: String { rawValue }
}

extension PBBFeedKind {
    /// The table the feed is merged into.
    var table: String {
        switch self {
        case .ketetapan: "pbb_ketetapan"
        case .pembayaran: "pbb_pembayaran"
        }
    }
}
