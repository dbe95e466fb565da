import Foundation
import RekapDomain

/// Completeness of one kecamatan: which periods it submitted itself, and how many of its kelurahan and
/// desa submitted anything.
public struct KecamatanCompleteness: Sendable, Hashable {
    public var kecamatan: ReportRegion
    /// The kecamatan's own submissions, one status per period in `Period.allCases` order.
    public var periods: [CompletenessRow.PeriodStatus]
    /// Kelurahan and desa of the kecamatan.
    public var villages: Int
    /// Of those, how many submitted at least one period.
    public var villagesReporting: Int

    public init(kecamatan: ReportRegion, periods: [CompletenessRow.PeriodStatus], villages: Int, villagesReporting: Int) {
        self.kecamatan = kecamatan
        self.periods = periods
        self.villages = villages
        self.villagesReporting = villagesReporting
    }

    /// The status of `period` (not submitted when absent).
    public func status(_ period: Period) -> CompletenessRow.PeriodStatus {
        periods.first(where: { $0.period == period }) ?? CompletenessRow.PeriodStatus(period: period)
    }

    /// Groups the report's completeness rows (kecamatan and kelurahan alike) by kecamatan, in code order.
    /// A kelurahan whose kecamatan has no row of its own still gets its kecamatan's line, named by code.
    public static func summarize(_ rows: [CompletenessRow]) -> [KecamatanCompleteness] {
        var byCode: [RegionCode: KecamatanCompleteness] = [:]
        for row in rows where row.region.code.level == .kecamatan {
            byCode[row.region.code] = KecamatanCompleteness(
                kecamatan: row.region, periods: Period.allCases.map(row.status), villages: 0, villagesReporting: 0)
        }
        for row in rows where row.region.code.level == .desaKelurahan {
            guard let kecamatan = row.region.code.ancestor(at: .kecamatan) else { continue }
            var line = byCode[kecamatan] ?? KecamatanCompleteness(
                kecamatan: ReportRegion(code: kecamatan, name: kecamatan.text),
                periods: Period.allCases.map { CompletenessRow.PeriodStatus(period: $0) }, villages: 0, villagesReporting: 0)
            line.villages += 1
            if row.periods.contains(where: \.isSubmitted) { line.villagesReporting += 1 }
            byCode[kecamatan] = line
        }
        return byCode.values.sorted { $0.kecamatan.code < $1.kecamatan.code }
    }
}
