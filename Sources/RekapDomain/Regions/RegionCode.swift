/// The administrative level of a Kemendagri region code, from its number of segments.
public enum RegionLevel: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case provinsi = 1
    case kabupatenKota = 2
    case kecamatan = 3
    case desaKelurahan = 4

    public static func < (lhs: RegionLevel, rhs: RegionLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .provinsi: "provinsi"
        case .kabupatenKota: "kabupaten/kota"
        case .kecamatan: "kecamatan"
        case .desaKelurahan: "desa/kelurahan"
        }
    }
}

/// What kind of level-2 region a code names. Kemendagri numbers kabupaten 01–69 and kota 71–99.
public enum RegencyKind: String, Sendable, Hashable {
    case kabupaten
    case kota
}

/// What kind of level-4 region a code names, read from the first digit of the 4th segment.
///
/// Names are never used: there is a desa literally named "Kelurahan" (`33.22.08.2003`).
public enum VillageKind: String, Sendable, Hashable {
    case kelurahan
    case desa
    case desaAdat = "desa_adat"
}

/// Why a text is not a Kemendagri region code.
public struct RegionCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "\"\(text)\" is not a region code: \(reason)" }
}

/// A Kemendagri kode wilayah: `PP`, `PP.KK`, `PP.KK.CC` or `PP.KK.CC.NNNN`.
///
/// Only the shape is checked here (segment count, widths 2/2/2/4, ASCII digits, no all-zero segment,
/// a 4th segment starting with 1, 2 or 3);
/// whether the region exists is a question for the region registry in the storage layer.
/// The canonical text is the dotted form, which sorts like the hierarchy because every segment
/// has a fixed width, so `Comparable` simply compares the text.
public struct RegionCode: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible {
    /// Segment widths, in order.
    static let widths = [2, 2, 2, 4]

    /// The dotted code, e.g. `14.72.02.1004`.
    public let text: String
    /// The segments as written (leading zeros kept), e.g. `["14", "72", "02", "1004"]`.
    public let segments: [String]

    /// Parses a dotted code; throws a `RegionCodeError` saying what is wrong.
    public init(parsing text: String) throws(RegionCodeError) {
        func fail(_ reason: String) -> RegionCodeError { RegionCodeError(text: text, reason: reason) }
        if text.isEmpty { throw fail("it is empty") }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count > Self.widths.count {
            throw fail("it has \(parts.count) segments; at most 4 (provinsi.kabupaten/kota.kecamatan.desa/kelurahan)")
        }
        for (index, part) in parts.enumerated() {
            let width = Self.widths[index]
            let position = ["1st", "2nd", "3rd", "4th"][index]
            if part.isEmpty { throw fail("its \(position) segment is empty") }
            // ASCII digits only: Character.isNumber would let Arabic-Indic or full-width digits through.
            if !part.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                throw fail("its \(position) segment \"\(part)\" has a character that is not a digit 0-9")
            }
            if part.utf8.count != width {
                throw fail("its \(position) segment \"\(part)\" has \(part.utf8.count) digits; it must have \(width)")
            }
            if part.utf8.allSatisfy({ $0 == UInt8(ascii: "0") }) {
                throw fail("its \(position) segment is all zeros")
            }
            if index == 3, !["1", "2", "3"].contains(part.first) {
                throw fail("its 4th segment \"\(part)\" must start with 1 (kelurahan), 2 (desa) or 3 (desa adat)")
            }
        }
        self.text = text
        self.segments = parts
    }

    /// Parses a code, or returns nil.
    public init?(_ description: String) {
        guard let code = try? RegionCode(parsing: description) else { return nil }
        self = code
    }

    private init(validSegments: [String]) {
        self.segments = validSegments
        self.text = validSegments.joined(separator: ".")
    }

    public var description: String { text }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.text < rhs.text }

    /// The level, from the number of segments.
    public var level: RegionLevel { RegionLevel(rawValue: segments.count)! }

    /// The region one level up, or nil for a provinsi.
    public var parent: RegionCode? {
        segments.count > 1 ? RegionCode(validSegments: Array(segments.dropLast())) : nil
    }

    /// This code and its ancestors, from the provinsi down to this one.
    public var lineage: [RegionCode] {
        (1...segments.count).map { RegionCode(validSegments: Array(segments.prefix($0))) }
    }

    /// The ancestor (or self) at `level`, or nil when `level` is below this code's level.
    public func ancestor(at level: RegionLevel) -> RegionCode? {
        level.rawValue <= segments.count ? RegionCode(validSegments: Array(segments.prefix(level.rawValue))) : nil
    }

    /// True when this region is `other` or lies inside it (a kelurahan is within its kecamatan,
    /// its kota and its provinsi, and within itself).
    public func isWithin(_ other: RegionCode) -> Bool {
        other.segments.count <= segments.count && Array(segments.prefix(other.segments.count)) == other.segments
    }

    /// Kabupaten or kota, for codes at level 2 or below; nil for a provinsi.
    public var regencyKind: RegencyKind? {
        guard segments.count >= 2, let number = Int(segments[1]) else { return nil }
        return number >= 71 ? .kota : .kabupaten
    }

    /// Kelurahan, desa or desa adat for a level-4 code; nil for other levels.
    public var villageKind: VillageKind? {
        guard segments.count == 4, let first = segments[3].first else { return nil }
        switch first {
        case "1": return .kelurahan
        case "2": return .desa
        case "3": return .desaAdat
        default: return nil
        }
    }
}
