import Foundation

/// A region's five-year strategic plan (contract §1.2, `rekap.renstra/v1`): the targets per year of
/// each indicator for the period `from`…`to`, signed before the years it plans.
public struct Renstra: Sendable, Hashable {
    /// The only format version this library reads.
    public static let formatV1 = "rekap.renstra/v1"
    /// The longest period: `to` − `from` is at most this.
    public static let maximumSpan = 5

    public var format: String
    /// The kecamatan, kelurahan or desa whose plan this is.
    public var region: RegionCode
    public var from: Int
    public var to: Int
    public var indicators: [RenstraIndicator]

    /// The years the plan covers.
    public var years: ClosedRange<Int> { from...to }
}

/// One indicator of a Renstra with its yearly targets.
public struct RenstraIndicator: Sendable, Hashable {
    public var code: String?
    public var name: String
    public var sasaran: String?
    public var unit: String?
    public var polarity: Polarity
    /// How the value is measured, as the matrix prints it ("SKM dari Bagian Ortal").
    public var formula: String?
    public var baseline: RenstraBaseline?
    /// Target per year; every year lies within the plan's `from`…`to` (the decoder refuses others).
    public var targets: [Int: Decimal]

    /// The target of `year`, if the plan gives one.
    public func target(for year: Int) -> Decimal? { targets[year] }
}

/// The starting condition ("kondisi awal") of a Renstra indicator; `value` is nil where the matrix says NA.
public struct RenstraBaseline: Sendable, Hashable {
    public var year: Int?
    public var value: Decimal?
}

extension Renstra {
    /// The end-of-period target of an indicator: its target for `to` (contract §1.2), if given.
    public func endTarget(of indicator: RenstraIndicator) -> Decimal? { indicator.targets[to] }
}
