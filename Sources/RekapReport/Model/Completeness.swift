import Foundation
import RekapDomain

/// Which periods one region has submitted for the report's year.
public struct CompletenessRow: Sendable, Hashable {
    public var region: ReportRegion
    /// One status per period, in `Period.allCases` order (FY, Q1 … Q4).
    public var periods: [PeriodStatus]

    /// A period's submission: the latest revision and when it came, or nothing.
    public struct PeriodStatus: Sendable, Hashable {
        public var period: Period
        /// The latest revision's number; nil when nothing was submitted.
        public var revision: Int?
        /// When the latest revision was stored.
        public var submittedAt: Date?

        public init(period: Period, revision: Int? = nil, submittedAt: Date? = nil) {
            self.period = period
            self.revision = revision
            self.submittedAt = submittedAt
        }

        public var isSubmitted: Bool { revision != nil }
    }

    public init(region: ReportRegion, periods: [PeriodStatus]) {
        self.region = region
        self.periods = periods
    }

    /// The status of `period` (not submitted when absent).
    public func status(_ period: Period) -> PeriodStatus {
        periods.first(where: { $0.period == period }) ?? PeriodStatus(period: period)
    }
}
