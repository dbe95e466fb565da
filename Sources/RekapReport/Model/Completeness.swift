import Foundation
import RekapDomain

/// Which periods one region has submitted for the report's year.
public struct CompletenessRow: Sendable, Hashable {
    public var region: ReportRegion
    /// One status per period, in `Period.allCases` order (FY, Q1 … Q4).
    public var periods: [PeriodStatus]

    /// A period's submission: the latest revision, when it was stored and when it was signed, or
    /// nothing; and whether the region owes the period at all (the city's `ReportingObligations`).
    public struct PeriodStatus: Sendable, Hashable {
        public var period: Period
        /// The latest revision's number; nil when nothing was submitted.
        public var revision: Int?
        /// When the latest revision was stored.
        public var submittedAt: Date?
        /// The day the latest revision was signed (`signed.date`), when it says.
        public var signedOn: CalendarDate?
        /// Whether the region owes this period; one that is not owed and not submitted is not missing.
        public var owed: Bool

        public init(period: Period, revision: Int? = nil, submittedAt: Date? = nil, signedOn: CalendarDate? = nil,
                    owed: Bool = true) {
            self.period = period
            self.revision = revision
            self.submittedAt = submittedAt
            self.signedOn = signedOn
            self.owed = owed
        }

        public var isSubmitted: Bool { revision != nil }
        /// Owed and not submitted: what completeness reports as missing.
        public var isMissing: Bool { owed && !isSubmitted }
    }

    public init(region: ReportRegion, periods: [PeriodStatus]) {
        self.region = region
        self.periods = periods
    }

    /// Whether the region owes anything or sent anything: a row worth listing.
    public var isExpectedOrSubmitted: Bool { Period.allCases.contains { status($0).owed || status($0).isSubmitted } }

    /// The status of `period` (not submitted when absent).
    public func status(_ period: Period) -> PeriodStatus {
        periods.first(where: { $0.period == period }) ?? PeriodStatus(period: period)
    }
}
