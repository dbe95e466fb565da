import Foundation
import RekapDomain

/// PBB-P2 figures of one kecamatan or kelurahan for the report's year.
public struct PBBFigures: Sendable, Hashable {
    /// Where a figure came from: the revenue agency's feeds (`rekap pbb load`) or a submission's `pbb` rows.
    public enum Source: String, Sendable, Hashable, CaseIterable {
        case feed
        case submission
        /// A kecamatan whose kelurahan come from both.
        case mixed
    }

    public var region: ReportRegion
    public var ketetapan: Decimal
    public var realisasi: Decimal
    /// Tax objects, and objects paid in full; nil when unknown (submissions may omit them).
    public var objek: Int?
    public var objekLunas: Int?
    /// The first day realisasi reached the ketetapan; nil when it has not (or it is unknown).
    public var reachedFullOn: CalendarDate?
    /// The date the figures stand at.
    public var asOf: CalendarDate?
    /// nil when nothing is known about the region yet.
    public var source: Source?

    public init(region: ReportRegion, ketetapan: Decimal, realisasi: Decimal, objek: Int? = nil, objekLunas: Int? = nil,
                reachedFullOn: CalendarDate? = nil, asOf: CalendarDate? = nil, source: Source?) {
        self.region = region
        self.ketetapan = ketetapan
        self.realisasi = realisasi
        self.objek = objek
        self.objekLunas = objekLunas
        self.reachedFullOn = reachedFullOn
        self.asOf = asOf
        self.source = source
    }

    /// realisasi ÷ ketetapan × 100; nil when there is no ketetapan.
    public var percent: Decimal? { ketetapan.isZero ? nil : realisasi * 100 / ketetapan }
}
