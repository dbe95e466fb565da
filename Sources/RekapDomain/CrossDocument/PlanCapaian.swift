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
        return report.document.indicators.enumerated().compactMap { index, indicator in
            guard let (target, place) = target(for: indicator, period: report.document.period, in: documents) else { return nil }
            return PlanCapaian(pointer: .root / "indicators" / index, code: indicator.code, target: target, place: place,
                               capaian: Capaian.compute(target: target, realisasi: indicator.realisasi, polarity: indicator.polarity))
        }
    }

    /// The PK target `indicator` of a `period` report is measured against, and where it is: the PK's
    /// yearly target for FY, its `quarters` target for Q1–Q4 (nil when it gives none), of the PK
    /// `CrossDocumentRules.pkIndicator` picks. Templates show the same figure as "Target PK".
    public static func target(for indicator: Indicator, period: Period, in documents: PlanDocuments) -> (target: Decimal, place: DocumentPlace)? {
        guard let (pk, pkIndex) = CrossDocumentRules.pkIndicator(for: indicator, in: documents) else { return nil }
        let planned = pk.document.indicators[pkIndex]
        let pointer: JSONPointer = .root / "indicators" / pkIndex
        if period == .fy { return (planned.target, DocumentPlace(pk.reference, pointer / "target")) }
        guard let target = planned.quarters[period] else { return nil }
        return (target, DocumentPlace(pk.reference, pointer / "quarters" / period.rawValue))
    }

    /// The indicators a new `period` report starts from (a form with nothing entered yet): every
    /// indicator the signed PKs list, the perubahan's figures where it has the indicator, else the
    /// murni's (the choice `CrossDocumentRules.pkIndicator` makes), each with the target the report
    /// will be measured against (the quarter's for Q1–Q4, nil when the PK gives none).
    public static func startingIndicators(period: Period, in documents: PlanDocuments) -> [(indicator: PKIndicator, target: Decimal?)] {
        var result: [(indicator: PKIndicator, target: Decimal?)] = []
        for pk in [documents.pkMurni, documents.pkPerubahan].compactMap({ $0 }) {
            for indicator in pk.document.indicators {
                let planned = documents.pkPerubahan.flatMap { perubahan in
                    PlanMatching.index(of: indicator.code, indicator.name, in: perubahan.document.indicators, code: \.code, name: \.name)
                        .map { perubahan.document.indicators[$0] }
                } ?? indicator
                guard PlanMatching.index(of: planned.code, planned.name, in: result.map(\.indicator), code: \.code, name: \.name) == nil
                else { continue }
                result.append((planned, period == .fy ? planned.target : planned.quarters[period]))
            }
        }
        return result
    }
}
