import Foundation

/// One region's report for one year and period (contract §1, `rekap.submission/v1`), decoded and
/// checked for shape. Reported parent amounts are kept as reported; sums are computed separately.
public struct Submission: Sendable, Hashable {
    /// The only format version this library reads.
    public static let formatV1 = "rekap.submission/v1"

    /// The format version, always ``formatV1`` once decoded.
    public var format: String
    /// The submitting kecamatan, kelurahan or desa; every region named inside lies within it.
    public var region: RegionCode
    /// The budget and reporting year.
    public var year: Int
    /// The annual LKjIP (`FY`) or a triwulan realisation (`Q1`…`Q4`).
    public var period: Period
    /// The signature block, as printed.
    public var signed: Signature?
    /// The IKU (Indikator Kinerja Utama) with their targets and realisasi (LKjIP Tabel 3.3).
    public var indicators: [Indicator]
    /// The budget tree (program → kegiatan → sub kegiatan) and the totals the office reported.
    public var budget: Budget?
    /// PBB-P2 realisation per kelurahan as of a date, as the office reports it.
    public var pbb: [PBBRow]
    /// Awards won by the region or its kelurahan (LKjIP Tabel 3.11).
    public var awards: [Award]
}

/// The reporting period: the annual LKjIP or a quarter (cumulative to the quarter's end).
public enum Period: String, Sendable, Hashable, CaseIterable {
    /// The fiscal year: the annual LKjIP.
    case fy = "FY"
    /// Triwulan I: January to March.
    case q1 = "Q1"
    /// Triwulan II: January to June.
    case q2 = "Q2"
    /// Triwulan III: January to September.
    case q3 = "Q3"
    /// Triwulan IV: the whole year, as a quarterly realisation.
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
    /// The signatory's name as printed, e.g. "ZAINUR, SH".
    public var by: String?
    /// The signatory's NIP (Nomor Induk Pegawai, the civil-servant number), as printed.
    public var nip: String?
    /// The signatory's position, e.g. "Camat" or "Lurah".
    public var role: String?
    /// The day of signing; before the period's end it is a finding.
    public var date: CalendarDate?
}

/// One IKU (Indikator Kinerja Utama, key performance indicator) with its target and realisasi.
public struct Indicator: Sendable, Hashable {
    /// The office's short code, e.g. "IKM"; unique within the submission, and what matches the same
    /// indicator across kecamatan and years.
    public var code: String
    /// The indicator as the report names it, e.g. "Indeks Kepuasan Masyarakat".
    public var name: String
    /// The sasaran strategis (strategic objective) the indicator measures.
    public var sasaran: String?
    /// The unit of `target` and `realisasi`, e.g. "indeks" or "%".
    public var unit: String?
    /// Whether more (`higher`) or less (`lower`) is better; decides the capaian formula.
    public var polarity: Polarity
    /// The year's target, as agreed in the Perjanjian Kinerja.
    public var target: Decimal
    /// What was achieved (the actual value) in the period.
    public var realisasi: Decimal
    /// The capaian (achievement %) the office printed, if any; checked against the computed one, never
    /// used instead.
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
    /// Operating spending: staff, goods and services, grants.
    case operasi
    /// Capital spending: assets used beyond the year (buildings, equipment, roads).
    case modal
    /// Unforeseen spending (disasters, emergencies).
    case tidakTerduga = "tidak_terduga"
    /// Transfers to other governments and to villages.
    case transfer

    public static func < (lhs: BelanjaType, rhs: BelanjaType) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A pagu with its realisasi.
public struct PaguRealisasi: Sendable, Hashable {
    /// The budget allocation (anggaran).
    public var pagu: Amount
    /// What was spent of it.
    public var realisasi: Amount
    public init(pagu: Amount, realisasi: Amount) {
        self.pagu = pagu
        self.realisasi = realisasi
    }
}

/// The budget section: the program tree plus what the office reported as totals.
public struct Budget: Sendable, Hashable {
    /// The program tree, in the order reported.
    public var programs: [Program]
    /// Reported totals by belanja type (only the types the office gave).
    public var belanja: [BelanjaType: PaguRealisasi]
    /// The reported grand total, checked against the programs.
    public var total: BudgetTotal?
}

/// Reported grand total.
public struct BudgetTotal: Sendable, Hashable {
    /// The total allocation of the original budget (APBD murni), before the mid-year amendment.
    public var paguMurni: Amount?
    /// The total allocation after the amendment (APBD perubahan), or the only one.
    public var pagu: Amount
    /// The total spent; sisa = pagu − realisasi, penyerapan = realisasi ÷ pagu × 100.
    public var realisasi: Amount
}

/// A program: reported amounts are optional when its kegiatan carry them.
public struct Program: Sendable, Hashable {
    /// The national nomenclature code (Permendagri 90/2019), e.g. "7.01.02", where the office knows it.
    public var code: String?
    /// The program's name.
    public var name: String
    /// The source of funds, e.g. "APBD".
    public var sumberDana: String?
    /// The allocation before the mid-year amendment (murni); a program that existed only then has
    /// `pagu` 0 and no kegiatan.
    public var paguMurni: Amount?
    /// The allocation after the amendment (perubahan), as reported.
    public var pagu: Amount?
    /// What the program spent, as reported.
    public var realisasi: Amount?
    /// The program's kegiatan (activities).
    public var kegiatan: [Kegiatan]
}

/// A kegiatan within a program.
public struct Kegiatan: Sendable, Hashable {
    /// The nomenclature code, e.g. "7.01.02.2.01".
    public var code: String?
    /// The kegiatan's name.
    public var name: String
    /// Its allocation as reported; checked against its sub kegiatan.
    public var pagu: Amount?
    /// What it spent as reported; checked against its sub kegiatan.
    public var realisasi: Amount?
    /// Its budget lines.
    public var subKegiatan: [SubKegiatan]
}

/// A sub kegiatan: a budget line; pagu and realisasi are required here.
public struct SubKegiatan: Sendable, Hashable {
    /// The nomenclature code, e.g. "7.01.02.2.01.01".
    public var code: String?
    /// The line's name.
    public var name: String
    /// Its spending type; the `belanja` totals are checked against the lines of each type.
    public var belanja: BelanjaType?
    /// The line's allocation.
    public var pagu: Amount
    /// What the line spent.
    public var realisasi: Amount
    /// The kelurahan or desa the line is spent in, within the submitting region.
    public var kelurahan: RegionCode?
}

/// One PBB-P2 realisation row for a kelurahan or desa as of a date.
public struct PBBRow: Sendable, Hashable {
    /// The kelurahan or desa, within the submitting region.
    public var kelurahan: RegionCode
    /// The assessed principal (pokok ketetapan) of the year's tax objects.
    public var ketetapan: Amount
    /// The principal paid so far (penalties not included).
    public var realisasi: Amount
    /// The number of tax objects (NOP) assessed.
    public var objek: Int?
    /// How many objects are paid in full (lunas).
    public var objekLunas: Int?
    /// The day the figures stand at; a later row for the same kelurahan supersedes it from its own date.
    public var asOf: CalendarDate
}

/// Level of the body that gave an award.
public enum AwardLevel: String, Sendable, Hashable, CaseIterable {
    /// Held by a kelurahan or desa.
    case kelurahan
    /// Held by a kecamatan.
    case kecamatan
    /// Held by the kota or kabupaten (or one of its agencies).
    case kota
    /// Held by the province.
    case provinsi
    /// Held at national level.
    case nasional
}

/// An award won by the submitting region or one of its kelurahan/desa.
public struct Award: Sendable, Hashable {
    /// Who won: the submitting region or one of its kelurahan.
    public var region: RegionCode
    /// The competition, e.g. "Lomba Mars Germas".
    public var title: String
    /// 1, 2 or 3 for a podium place; nil otherwise (then `label` says what, e.g. "Harapan 1").
    public var place: Int?
    /// The award as named, e.g. "Juara 1" or "Harapan 1".
    public var label: String?
    /// The level of the body that held the competition.
    public var level: AwardLevel
    /// The body that gave it, e.g. "Dinas Kesehatan".
    public var givenBy: String?
    /// When it was given.
    public var date: CalendarDate?
}
