/// The documents of one region and year that cross-document findings look at; any may be absent.
public struct PlanDocuments: Sendable, Hashable {
    /// The report (FY or a quarter) of the year.
    public var report: Filed<Submission>?
    public var pkMurni: Filed<PerjanjianKinerja>?
    public var pkPerubahan: Filed<PerjanjianKinerja>?
    /// The Renstra whose period covers the year (one that does not is ignored).
    public var renstra: Filed<Renstra>?
    /// Last year's stored FY report, for `previous`.
    public var previousReport: Filed<Submission>?

    public init(report: Filed<Submission>? = nil, pkMurni: Filed<PerjanjianKinerja>? = nil, pkPerubahan: Filed<PerjanjianKinerja>? = nil,
                renstra: Filed<Renstra>? = nil, previousReport: Filed<Submission>? = nil) {
        self.report = report
        self.pkMurni = pkMurni
        self.pkPerubahan = pkPerubahan
        self.renstra = renstra
        self.previousReport = previousReport
    }

    /// The PKs present, murni first.
    public var pks: [Filed<PerjanjianKinerja>] { [pkMurni, pkPerubahan].compactMap { $0 } }
}
