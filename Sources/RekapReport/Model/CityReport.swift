import Foundation
import RekapDomain

/// The consolidated report of one city for one year, shaped like chapter III of an LKjIP
/// (Tabel 3.3–3.11) but across all kecamatan and kelurahan.
///
/// Pure data: the loader in RekapStore fills it from the aggregate tables, the renderers
/// (`MarkdownRenderer`, `HTMLRenderer`, `CSVRenderer`, `JSONRenderer`) print it. Every figure is an
/// exact `Decimal`; percentages are computed here from exact numerators and denominators and only
/// rounded when printed (half-up, 2 decimals, `DecimalText.percent`).
public struct CityReport: Sendable, Hashable {
    /// The kota or kabupaten.
    public var city: ReportRegion
    public var year: Int
    /// When the report was produced.
    public var generatedAt: Date
    /// When the aggregates were last computed; nil when never.
    public var aggregatedAt: Date?
    /// Why the figures may be out of date (submissions stored after the last consolidation), in both
    /// languages; nil when they are current.
    public var stalenessNote: LocalizedText?

    /// Tabel 3.3/3.4: each kecamatan's indicators with last year's figures.
    public var iku: [IKURow]
    /// City-wide statistics per indicator code.
    public var ikuStatistics: [IKUStatistics]
    /// Tabel 3.7/3.8 across kecamatan: programs matched by code (or name when uncoded).
    public var programs: [ProgramBudget]
    /// Totals by belanja type across kecamatan.
    public var belanja: [BelanjaBudget]
    /// Tabel 3.10 per kecamatan: IKU capaian against budget penyerapan.
    public var efisiensi: [EfisiensiRow]
    /// PBB-P2 per kecamatan (sums of its kelurahan).
    public var pbbKecamatan: [PBBFigures]
    /// PBB-P2 per kelurahan and desa.
    public var pbbKelurahan: [PBBFigures]
    /// The leaderboards `rekap rank` prints, in the order they are shown.
    public var leaderboards: [Leaderboard]
    /// Tabel 3.11 across the city: the kelurahan medal table.
    public var medals: [MedalStanding]
    /// Who submitted each period, and when.
    public var completeness: [CompletenessRow]
    /// The open findings (of each region's latest revision per period).
    public var findings: [SubmissionFindings]
    /// Quarterly submissions' indicators measured against the PK's quarterly targets, where a PK gives them.
    public var quarterPlanCapaian: [QuarterPlanCapaian]
    /// The open findings across documents (report, PK, Renstra), each naming both documents.
    public var crossFindings: [CrossDocumentFinding]
    /// The city's own time zone, in which the HTML report shows times (a city setting; else its province's).
    public var timeZone: IndonesianTimeZone

    public init(city: ReportRegion, year: Int, generatedAt: Date, aggregatedAt: Date? = nil, stalenessNote: LocalizedText? = nil,
                iku: [IKURow] = [], ikuStatistics: [IKUStatistics] = [], programs: [ProgramBudget] = [],
                belanja: [BelanjaBudget] = [], efisiensi: [EfisiensiRow] = [], pbbKecamatan: [PBBFigures] = [],
                pbbKelurahan: [PBBFigures] = [], leaderboards: [Leaderboard] = [], medals: [MedalStanding] = [],
                completeness: [CompletenessRow] = [], findings: [SubmissionFindings] = [],
                quarterPlanCapaian: [QuarterPlanCapaian] = [], crossFindings: [CrossDocumentFinding] = [],
                timeZone: IndonesianTimeZone? = nil) {
        self.city = city
        self.year = year
        self.generatedAt = generatedAt
        self.aggregatedAt = aggregatedAt
        self.stalenessNote = stalenessNote
        self.iku = iku
        self.ikuStatistics = ikuStatistics
        self.programs = programs
        self.belanja = belanja
        self.efisiensi = efisiensi
        self.pbbKecamatan = pbbKecamatan
        self.pbbKelurahan = pbbKelurahan
        self.leaderboards = leaderboards
        self.medals = medals
        self.completeness = completeness
        self.findings = findings
        self.quarterPlanCapaian = quarterPlanCapaian
        self.crossFindings = crossFindings
        self.timeZone = timeZone ?? IndonesianTimeZone.forProvince(city.code.text)
    }

    /// Pagu and realisasi of all programs together (the TOTAL line of Tabel 3.7).
    public var budgetTotal: BudgetAmounts {
        BudgetAmounts(pagu: programs.reduce(0) { $0 + $1.amounts.pagu }, realisasi: programs.reduce(0) { $0 + $1.amounts.realisasi })
    }
}

/// A region as the report names it.
public struct ReportRegion: Sendable, Hashable {
    public var code: RegionCode
    public var name: String

    public init(code: RegionCode, name: String) {
        self.code = code
        self.name = name
    }
}
