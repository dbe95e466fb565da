import Foundation

/// One indicator of a PK with its yearly target and, optionally, its rencana aksi quarterly targets.
public struct PKIndicator: Sendable, Hashable {
    public var code: String?
    public var name: String
    public var sasaran: String?
    public var unit: String?
    public var polarity: Polarity?
    public var target: Decimal
    /// Targets cumulative to the end of Q1…Q4, like Q submissions; only the quarters the PK gives.
    public var quarters: [Period: Decimal]
}
