import Foundation
import RekapDomain

/// One indicator of one kecamatan (a line of Tabel 3.3 and 3.4).
public struct IKURow: Sendable, Hashable {
    public var kecamatan: ReportRegion
    public var code: String
    public var name: String
    public var sasaran: String?
    public var unit: String?
    public var polarity: Polarity
    public var target: Decimal
    public var realisasi: Decimal
    /// The target at the end of the Renstra period, when reported.
    public var renstraTarget: Decimal?
    /// The same indicator a year earlier, when that year was reported.
    public var previous: Previous?
    /// The predikat of this year's capaian on the city's scale; nil when there is no capaian.
    public var predikat: String?
    /// The signed PK's target for the year (the perubahan PK where it has the indicator, else the murni
    /// one), shown beside the reported target; capaian stays computed against the reported target.
    public var pkTarget: PlanTarget?
    /// The stored Renstra's end-of-period target, when a Renstra covering the year is stored.
    public var renstraEnd: PlanTarget?

    /// Last year's figures of the indicator (Tabel 3.4's left half).
    public struct Previous: Sendable, Hashable {
        public var target: Decimal
        public var realisasi: Decimal
        public var polarity: Polarity
        /// Where the figures come from.
        public var source: Source

        /// Last year's stored FY report (its consolidated figures) is preferred; without one, the
        /// figures this year's report restates (`previous`, contract §1.1).
        public enum Source: String, Sendable, Hashable {
            case storedReport = "stored_report"
            case reported
        }

        public init(target: Decimal, realisasi: Decimal, polarity: Polarity = .higher, source: Source = .storedReport) {
            self.target = target
            self.realisasi = realisasi
            self.polarity = polarity
            self.source = source
        }

        /// Last year's capaian in percent; nil when it cannot be computed.
        public var capaian: Decimal? { Capaian.compute(target: target, realisasi: realisasi, polarity: polarity).percent }
    }

    public init(kecamatan: ReportRegion, code: String, name: String, sasaran: String? = nil, unit: String? = nil,
                polarity: Polarity = .higher, target: Decimal, realisasi: Decimal,
                renstraTarget: Decimal? = nil, previous: Previous? = nil, predikat: String? = nil,
                pkTarget: PlanTarget? = nil, renstraEnd: PlanTarget? = nil) {
        self.kecamatan = kecamatan
        self.code = code
        self.name = name
        self.sasaran = sasaran
        self.unit = unit
        self.polarity = polarity
        self.target = target
        self.realisasi = realisasi
        self.renstraTarget = renstraTarget
        self.previous = previous
        self.pkTarget = pkTarget
        self.renstraEnd = renstraEnd
        // Unless given (a city may rate on its own scale): LKjIP Tabel 3.2's predikat of the capaian.
        self.predikat = predikat ?? Capaian.compute(target: target, realisasi: realisasi, polarity: polarity).percent
            .map(Scale.predikatCapaian.label(for:))
    }

    /// The exact capaian in percent (`Capaian.compute`: floored at 0 for a lower-is-better indicator far
    /// over target); nil when it cannot be computed (a target of 0).
    public var capaian: Decimal? { Capaian.compute(target: target, realisasi: realisasi, polarity: polarity).percent }

    /// Capaian of this year's realisasi against the PK's target; nil without a PK target or when not computable.
    public var pkCapaian: Decimal? {
        pkTarget.flatMap { Capaian.compute(target: $0.value, realisasi: realisasi, polarity: polarity).percent }
    }

    /// The Renstra end target progress is measured toward: the stored Renstra's, else the one the report states.
    public var renstraEndTarget: Decimal? { renstraEnd?.value ?? renstraTarget }

    /// Progress toward the Renstra end target (Tabel 3.5): this year's realisasi against it, computed like
    /// capaian; nil without an end target or when not computable.
    public var renstraProgress: Decimal? {
        renstraEndTarget.flatMap { Capaian.compute(target: $0, realisasi: realisasi, polarity: polarity).percent }
    }
}

/// City-wide statistics of one indicator code over the kecamatan that reported it.
public struct IKUStatistics: Sendable, Hashable {
    public var code: String
    public var name: String
    /// Kecamatan that reported the indicator with a computable capaian.
    public var reporting: Int
    public var mean: Decimal?
    public var median: Decimal?
    public var minimum: Decimal?
    public var maximum: Decimal?
    /// How many kecamatan reached each predikat: every label of the scale in force, best first, zero
    /// counts included (the report's columns follow these labels).
    public var predikatCounts: [PredikatCount]

    public struct PredikatCount: Sendable, Hashable {
        public var predikat: String
        public var count: Int
        public init(predikat: String, count: Int) {
            self.predikat = predikat
            self.count = count
        }
    }

    public init(code: String, name: String, reporting: Int, mean: Decimal?, median: Decimal?, minimum: Decimal?,
                maximum: Decimal?, predikatCounts: [PredikatCount]) {
        self.code = code
        self.name = name
        self.reporting = reporting
        self.mean = mean
        self.median = median
        self.minimum = minimum
        self.maximum = maximum
        self.predikatCounts = predikatCounts
    }

    /// Every predikat label of `Scale.predikatCapaian` (LKjIP Tabel 3.2), best first.
    public static var predikatLabels: [String] {
        Scale.predikatCapaian.bands.map(\.label) + [Scale.predikatCapaian.otherwise]
    }

    /// The count for `predikat` (0 when absent).
    public func count(of predikat: String) -> Int {
        predikatCounts.first(where: { $0.predikat == predikat })?.count ?? 0
    }
}
