/// Which periods each region level of a city owes a report for: a city setting, since cities differ
/// (most ask their kecamatan for an LKjIP and quarterly realisation, and few ask it of every kelurahan).
///
/// What completeness counts as missing: a period a region does not owe and did not submit is simply
/// not expected. A submission for a period that is not owed is still stored and shown.
public struct ReportingObligations: Sendable, Hashable {
    /// Periods every kecamatan owes.
    public var kecamatan: Set<Period>
    /// Periods every kelurahan and desa owes.
    public var kelurahan: Set<Period>

    public init(kecamatan: Set<Period>, kelurahan: Set<Period>) {
        self.kecamatan = kecamatan
        self.kelurahan = kelurahan
    }

    /// The default, for a city that set nothing: kecamatan owe the annual report (FY) and the four
    /// quarters; kelurahan and desa owe nothing until the city says so.
    public static let `default` = ReportingObligations(kecamatan: Set(Period.allCases), kelurahan: [])

    /// The periods a region of `level` owes; nothing above the kecamatan (a city does not report to itself).
    public func periods(owedBy level: RegionLevel) -> Set<Period> {
        switch level {
        case .kecamatan: kecamatan
        case .desaKelurahan: kelurahan
        case .provinsi, .kabupatenKota: []
        }
    }

    /// Whether a region of `level` owes `period`.
    public func owes(_ level: RegionLevel, _ period: Period) -> Bool {
        periods(owedBy: level).contains(period)
    }

    /// Periods in the order reports list them (FY, Q1 … Q4).
    public static func ordered(_ periods: Set<Period>) -> [Period] {
        Period.allCases.filter(periods.contains)
    }
}
