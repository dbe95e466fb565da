import Foundation

/// Capaian against the plan (issue 12): beside the capaian a report computes against its own target,
/// the PK's target for the same indicator and the capaian against it. FY reports use the PK's yearly
/// target; Q1–Q4 submissions the PK's `quarters` target for their quarter, when the PK gives one.
public struct PlanCapaian: Sendable, Hashable {
    /// The report's indicator.
    public let pointer: JSONPointer
    public let code: String
    /// The PK target and where it is (the perubahan PK where it has the indicator, else the murni one).
    public let target: Decimal
    public let place: DocumentPlace
    /// Capaian of the report's realisasi against `target`.
    public let capaian: Capaian

    /// One entry per report indicator that a PK gives a target for (for this period).
    public static func figures(_ documents: PlanDocuments) -> [PlanCapaian] {
        guard let report = documents.report else { return [] }
        let period = report.document.period
        return report.document.indicators.enumerated().compactMap { index, indicator in
            guard let (pk, pkIndex) = CrossDocumentRules.pkIndicator(for: indicator, in: documents) else { return nil }
            let planned = pk.document.indicators[pkIndex]
            let pointer: JSONPointer = .root / "indicators" / pkIndex
            let target: Decimal?
            let place: JSONPointer
            if period == .fy {
                (target, place) = (planned.target, pointer / "target")
            } else {
                (target, place) = (planned.quarters[period], pointer / "quarters" / period.rawValue)
            }
            guard let target else { return nil }
            return PlanCapaian(pointer: .root / "indicators" / index, code: indicator.code, target: target,
                               place: DocumentPlace(pk.reference, place),
                               capaian: Capaian.compute(target: target, realisasi: indicator.realisasi, polarity: indicator.polarity))
        }
    }
}
