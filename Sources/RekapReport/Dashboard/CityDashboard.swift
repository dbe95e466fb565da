import Foundation
import RekapDomain

/// What Bappeda's dashboard shows for one city and year: the leaderboards (PBB-P2 as of a chosen day),
/// the medal table, completeness per kecamatan and the open findings.
///
/// Pure data, filled by `CityDashboardLoader` in RekapStore from the same queries as `rekap rank` and
/// `rekap report`, and printed by ``DashboardRenderer``.
public struct CityDashboard: Sendable, Hashable {
    public var city: ReportRegion
    public var year: Int
    /// The day the PBB-P2 boards stand at; nil: as of the last payment loaded.
    public var asOf: CalendarDate?
    /// When the page was produced.
    public var generatedAt: Date
    /// When the aggregates were last computed; nil when never.
    public var aggregatedAt: Date?
    /// Why the figures may be out of date; nil when they are current.
    public var stalenessNote: LocalizedText?
    /// The `rekap rank` boards, in the order shown (PBB-P2 first).
    public var leaderboards: [Leaderboard]
    /// The kelurahan medal table (`rekap rank awards`).
    public var medals: [MedalStanding]
    /// One line per kecamatan.
    public var completeness: [KecamatanCompleteness]
    /// The open findings (of each region's latest revision per period).
    public var findings: [SubmissionFindings]
    /// The open findings across documents (report, PK, Renstra), each naming both documents.
    public var crossFindings: [CrossDocumentFinding]
    /// The city's own time zone, in which times are shown (a city setting; else its province's).
    public var timeZone: IndonesianTimeZone

    public init(city: ReportRegion, year: Int, asOf: CalendarDate? = nil, generatedAt: Date, aggregatedAt: Date? = nil,
                stalenessNote: LocalizedText? = nil, leaderboards: [Leaderboard] = [], medals: [MedalStanding] = [],
                completeness: [KecamatanCompleteness] = [], findings: [SubmissionFindings] = [],
                crossFindings: [CrossDocumentFinding] = [],
                timeZone: IndonesianTimeZone? = nil) {
        self.city = city
        self.year = year
        self.asOf = asOf
        self.generatedAt = generatedAt
        self.aggregatedAt = aggregatedAt
        self.stalenessNote = stalenessNote
        self.leaderboards = leaderboards
        self.medals = medals
        self.completeness = completeness
        self.findings = findings
        self.crossFindings = crossFindings
        self.timeZone = timeZone ?? IndonesianTimeZone.forProvince(city.code.text)
    }
}
