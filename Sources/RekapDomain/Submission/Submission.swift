import Foundation

/// One region's report for one year and period (contract §1, `rekap.submission/v1`), decoded and
/// checked for shape. Reported parent amounts are kept as reported; sums are computed separately.
public struct Submission: Sendable, Hashable {
    /// The only format version this library reads.
    public static let formatV1 = "rekap.submission/v1"

    public var format: String
    /// The submitting kecamatan, kelurahan or desa.
    public var region: RegionCode
    public var year: Int
    public var period: Period
    public var signed: Signature?
    public var indicators: [Indicator]
    public var budget: Budget?
    public var pbb: [PBBRow]
    public var awards: [Award]
}

/// The reporting period: the annual LKjIP or a quarter (cumulative to the quarter's end).
public enum Period: String, Sendable, Hashable, CaseIterable {
    case fy = "FY"
    case q1 = "Q1"
    case q2 = "Q2"
    case q3 = "Q3"
    case q4 = "Q4"

    /// The last day the period covers in `year`.
    public func lastDay(of year: Int) -> CalendarDate {
        switch self {
        case .q1: try! CalendarDate(year: year, month: 3, day: 31)
        case .q2: try! CalendarDate(year: year, month: 6, day: 30)
        case .q3: try! CalendarDate(year: year, month: 9, day: 30)
        case .fy, .q4: try! CalendarDate(year: year, month: 12, day: 31)
        }
    }
}

/// Who signed the report. Every field is optional: offices differ in what they print.
public struct Signature: Sendable, Hashable {
    public var by: String?
    public var nip: String?
    public var role: String?
    public var date: CalendarDate?
}

/// One IKU with its target and realisasi.
public struct Indicator: Sendable, Hashable {
    public var code: String
    public var name: String
    public var sasaran: String?
    public var unit: String?
    public var polarity: Polarity
    public var target: Decimal
    public var realisasi: Decimal
    /// The capaian the office printed, if any; checked against the computed one, never used instead.
    public var reportedCapaian: Decimal?
    /// The Renstra end target as this report states it (LKjIP Tabel 3.5); checked against the stored Renstra.
    public var renstraTarget: Decimal?
    /// Last year's figures as this report restates them (Tabel 3.4), contract §1.1.
    public var previous: PreviousResult? = nil
    /// The absorption % the office divided by in its efficiency table (Tabel 3.10).
    public var reportedPenyerapan: Decimal? = nil
    /// The efisiensi the office printed (capaian % ÷ penyerapan %).
    public var reportedEfisiensi: Decimal? = nil
}

/// Last year's result of an indicator as a report restates it (`previous`, contract §1.1).
/// `year` is the report's year − 1 (the decoder refuses any other); the figures are optional
/// because offices print what they have.
public struct PreviousResult: Sendable, Hashable {
    public var year: Int
    public var target: Decimal?
    public var realisasi: Decimal?
    public var reportedCapaian: Decimal?
}

/// Belanja (spending) types of the regional budget.
public enum BelanjaType: String, Sendable, Hashable, CaseIterable, Comparable {
    case operasi
    case modal
    case tidakTerduga = "tidak_terduga"
    case transfer

    public static func < (lhs: BelanjaType, rhs: BelanjaType) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A pagu with its realisasi.
public struct PaguRealisasi: Sendable, Hashable {
    public var pagu: Amount
    public var realisasi: Amount
    public init(pagu: Amount, realisasi: Amount) {
        self.pagu = pagu
        self.realisasi = realisasi
    }
}

/// The budget section: the program tree plus what the office reported as totals.
public struct Budget: Sendable, Hashable {
    public var programs: [Program]
    /// Reported totals by belanja type (only the types the office gave).
    public var belanja: [BelanjaType: PaguRealisasi]
    public var total: BudgetTotal?
}

/// Reported grand total.
public struct BudgetTotal: Sendable, Hashable {
    public var paguMurni: Amount?
    public var pagu: Amount
    public var realisasi: Amount
}

/// A program: reported amounts are optional when its kegiatan carry them.
public struct Program: Sendable, Hashable {
    public var code: String?
    public var name: String
    public var sumberDana: String?
    public var paguMurni: Amount?
    public var pagu: Amount?
    public var realisasi: Amount?
    public var kegiatan: [Kegiatan]
}

/// A kegiatan within a program.
public struct Kegiatan: Sendable, Hashable {
    public var code: String?
    public var name: String
    public var pagu: Amount?
    public var realisasi: Amount?
    public var subKegiatan: [SubKegiatan]
}

/// A sub kegiatan: a budget line; pagu and realisasi are required here.
public struct SubKegiatan: Sendable, Hashable {
    public var code: String?
    public var name: String
    public var belanja: BelanjaType?
    public var pagu: Amount
    public var realisasi: Amount
    /// The kelurahan or desa the line is spent in, within the submitting region.
    public var kelurahan: RegionCode?
}

/// One PBB-P2 realisation row for a kelurahan or desa as of a date.
public struct PBBRow: Sendable, Hashable {
    public var kelurahan: RegionCode
    public var ketetapan: Amount
    public var realisasi: Amount
    public var objek: Int?
    public var objekLunas: Int?
    public var asOf: CalendarDate
}

/// Level of the body that gave an award.
public enum AwardLevel: String, Sendable, Hashable, CaseIterable {
    case kelurahan, kecamatan, kota, provinsi, nasional
}

/// An award won by the submitting region or one of its kelurahan/desa.
public struct Award: Sendable, Hashable {
    public var region: RegionCode
    public var title: String
    /// 1, 2 or 3 for a podium place; nil otherwise (then `label` says what, e.g. "Harapan 1").
    public var place: Int?
    public var label: String?
    public var level: AwardLevel
    public var givenBy: String?
    public var date: CalendarDate?
}
