/// One stored revision of a region's report: which submission, of what, and its revision number.
///
/// This is also what the `rekap_submission` notification carries (RekapStore's `SubmissionNotification`),
/// so the consolidation daemon knows which city and year to recompute.
public struct SubmissionRevision: Sendable, Hashable {
    /// `submission.id`.
    public let id: Int64
    /// The submitting kecamatan, kelurahan or desa.
    public let region: RegionCode
    public let year: Int
    public let period: Period
    /// 1 for the first accepted document of (region, year, period), then 2, 3, … without gaps.
    public let revision: Int

    public init(id: Int64, region: RegionCode, year: Int, period: Period, revision: Int) {
        self.id = id
        self.region = region
        self.year = year
        self.period = period
        self.revision = revision
    }

    /// The kota or kabupaten the region lies in (what consolidation is keyed by).
    public var city: RegionCode { region.ancestor(at: .kabupatenKota) ?? region }
}
