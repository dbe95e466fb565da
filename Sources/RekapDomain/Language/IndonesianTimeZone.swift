import Foundation

/// Indonesia's three civil time zones. A city's own zone is a setting stored with the city
/// (`city_setting` in RekapStore); a city without one gets its province's (``forProvince(_:)``).
public enum IndonesianTimeZone: String, Sendable, Hashable, CaseIterable {
    /// Waktu Indonesia Barat, UTC+7: Sumatra, Java, West and Central Kalimantan.
    case wib = "Asia/Jakarta"
    /// Waktu Indonesia Tengah, UTC+8: Bali, Nusa Tenggara, South/East/North Kalimantan, Sulawesi.
    case wita = "Asia/Makassar"
    /// Waktu Indonesia Timur, UTC+9: Maluku and Papua.
    case wit = "Asia/Jayapura"

    /// The IANA identifier, e.g. "Asia/Jakarta".
    public var identifier: String { rawValue }

    /// "WIB", "WITA", "WIT": how times are labelled in Indonesia (in both languages).
    public var abbreviation: String {
        switch self {
        case .wib: "WIB"
        case .wita: "WITA"
        case .wit: "WIT"
        }
    }

    /// Foundation's zone (the three identifiers are in every tz database).
    public var timeZone: TimeZone { TimeZone(identifier: identifier)! }

    /// A zone from its IANA identifier or its abbreviation ("WIB"); nil for others.
    public init?(name: String) {
        if let zone = IndonesianTimeZone(rawValue: name) { self = zone; return }
        guard let zone = IndonesianTimeZone.allCases.first(where: { $0.abbreviation.caseInsensitiveCompare(name) == .orderedSame }) else { return nil }
        self = zone
    }

    /// The zone of a province by its two-digit code (Permendagri region codes): Bali, the Nusa
    /// Tenggaras, South, East and North Kalimantan and Sulawesi are WITA; Maluku and Papua WIT; the rest WIB.
    public static func forProvince(_ province: String) -> IndonesianTimeZone {
        switch Int(province.prefix(2)) ?? 0 {
        case 51...53, 63...65, 71...76: .wita
        case 81...82, 91...99: .wit
        default: .wib
        }
    }
}
