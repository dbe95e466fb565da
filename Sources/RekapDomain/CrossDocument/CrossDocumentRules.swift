import Foundation

/// Computes the findings across a region's documents of one year (contract §1.3). Pure: the store calls
/// it with whatever documents it holds whenever one of them is stored or revised, so the order of
/// arrival does not matter, and replaces the previous result.
public struct CrossDocumentRules: Sendable {
    public init() {}

    public func findings(_ documents: PlanDocuments) -> [CrossFinding] {
        var result: [CrossFinding] = []
        let renstra = documents.renstra
        for pk in documents.pks {
            if let renstra, renstra.document.years.contains(pk.document.year) { result += pkVsRenstra(pk, renstra) }
        }
        guard let report = documents.report else { return result }
        if let renstra, renstra.document.years.contains(report.document.year) { result += renstraEnd(report, renstra) }
        if let previous = documents.previousReport { result += previousYear(report, previous) }
        if report.document.period == .fy {
            result += pkTargets(report, documents)
            for pk in documents.pks {
                result += missingIndicators(report, pk)
                result += budget(report, pk)
            }
        } else {
            result += quarterTargets(report, documents)
        }
        return result
    }

    /// The PK a report indicator is measured against: the perubahan one where it has the indicator, else the murni one.
    public static func pkIndicator(for indicator: Indicator, in documents: PlanDocuments) -> (pk: Filed<PerjanjianKinerja>, index: Int)? {
        for pk in [documents.pkPerubahan, documents.pkMurni].compactMap({ $0 }) {
            if let index = PlanMatching.index(of: indicator.code, indicator.name, in: pk.document.indicators, code: \.code, name: \.name) {
                return (pk, index)
            }
        }
        return nil
    }

    // MARK: Targets

    private func pkTargets(_ report: Filed<Submission>, _ documents: PlanDocuments) -> [CrossFinding] {
        var result: [CrossFinding] = []
        for (index, indicator) in report.document.indicators.enumerated() {
            guard let (pk, pkIndex) = Self.pkIndicator(for: indicator, in: documents) else { continue }
            let target = pk.document.indicators[pkIndex].target
            guard target != indicator.target else { continue }
            result.append(CrossFinding(.warning, .pkTargetVsReport,
                                       DocumentPlace(report.reference, .root / "indicators" / index / "target"),
                                       against: DocumentPlace(pk.reference, .root / "indicators" / pkIndex / "target"),
                                       both { l in l == .en ? "\(indicator.code): the report measures against target \(n(indicator.target)) but the signed \(pk.reference) sets \(n(target))"
                                           : "\(indicator.code): laporan mengukur terhadap target \(n(indicator.target, l)), padahal \(pk.reference) yang ditandatangani menetapkan \(n(target, l))" }))
        }
        return result
    }

    private func pkVsRenstra(_ pk: Filed<PerjanjianKinerja>, _ renstra: Filed<Renstra>) -> [CrossFinding] {
        var result: [CrossFinding] = []
        let year = pk.document.year
        for (index, indicator) in pk.document.indicators.enumerated() {
            guard let rIndex = PlanMatching.index(of: indicator.code, indicator.name, in: renstra.document.indicators, code: \.code, name: \.name),
                  let planned = renstra.document.indicators[rIndex].target(for: year), planned != indicator.target else { continue }
            result.append(CrossFinding(.warning, .pkVsRenstra,
                                       DocumentPlace(pk.reference, .root / "indicators" / index / "target"),
                                       against: DocumentPlace(renstra.reference, .root / "indicators" / rIndex / "targets" / String(year)),
                                       both { l in l == .en ? "\(label(indicator.code, indicator.name)): the PK's target \(n(indicator.target)) differs from the Renstra's target for \(year), \(n(planned))"
                                           : "\(label(indicator.code, indicator.name)): target PK \(n(indicator.target, l)) berbeda dari target Renstra untuk \(year), \(n(planned, l))" }))
        }
        return result
    }

    private func renstraEnd(_ report: Filed<Submission>, _ renstra: Filed<Renstra>) -> [CrossFinding] {
        var result: [CrossFinding] = []
        let plan = renstra.document
        for (index, indicator) in report.document.indicators.enumerated() {
            guard let stated = indicator.renstraTarget,
                  let rIndex = PlanMatching.index(of: indicator.code, indicator.name, in: plan.indicators, code: \.code, name: \.name),
                  let end = plan.endTarget(of: plan.indicators[rIndex]), end != stated else { continue }
            result.append(CrossFinding(.warning, .renstraEndVsReport,
                                       DocumentPlace(report.reference, .root / "indicators" / index / "renstra_target"),
                                       against: DocumentPlace(renstra.reference, .root / "indicators" / rIndex / "targets" / String(plan.to)),
                                       both { l in l == .en ? "\(indicator.code): the report states the Renstra end target as \(n(stated)) but the Renstra sets \(n(end)) for \(plan.to)"
                                           : "\(indicator.code): laporan menyebut target akhir Renstra \(n(stated, l)), padahal Renstra menetapkan \(n(end, l)) untuk \(plan.to)" }))
        }
        return result
    }

    private func missingIndicators(_ report: Filed<Submission>, _ pk: Filed<PerjanjianKinerja>) -> [CrossFinding] {
        var result: [CrossFinding] = []
        let indicators = report.document.indicators
        for (index, indicator) in indicators.enumerated()
        where PlanMatching.index(of: indicator.code, indicator.name, in: pk.document.indicators, code: \.code, name: \.name) == nil {
            result.append(CrossFinding(.warning, .reportIndicatorNotInPK,
                                       DocumentPlace(report.reference, .root / "indicators" / index),
                                       against: DocumentPlace(pk.reference, .root / "indicators"),
                                       LocalizedText(id: "\(indicator.code) \"\(indicator.name)\" dilaporkan, tetapi tidak tercantum dalam \(pk.reference)",
                                                 en: "\(indicator.code) \"\(indicator.name)\" is reported but the \(pk.reference) does not list it")))
        }
        for (index, indicator) in pk.document.indicators.enumerated()
        where PlanMatching.index(of: indicator.code, indicator.name, in: indicators, code: { $0.code }, name: \.name) == nil {
            result.append(CrossFinding(.warning, .pkIndicatorNotInReport,
                                       DocumentPlace(pk.reference, .root / "indicators" / index),
                                       against: DocumentPlace(report.reference, .root / "indicators"),
                                       both { l in l == .en ? "\(label(indicator.code, indicator.name)) is signed in the PK (target \(n(indicator.target))) but the report never mentions it"
                                           : "\(label(indicator.code, indicator.name)) ditandatangani dalam PK (target \(n(indicator.target, l))), tetapi tidak pernah disebut dalam laporan" }))
        }
        return result
    }

    // MARK: Budget

    private func budget(_ report: Filed<Submission>, _ pk: Filed<PerjanjianKinerja>) -> [CrossFinding] {
        guard let budget = report.document.budget else { return [] }
        var result: [CrossFinding] = []
        let figures = BudgetFigures(budget)
        let murni = pk.document.kind == .murni
        let field = murni ? "pagu_murni" : "pagu"
        var matched = Set<Int>()
        for (index, program) in pk.document.programs.enumerated() {
            let place = DocumentPlace(pk.reference, .root / "programs" / index / "anggaran")
            guard let bIndex = PlanMatching.index(of: program.code, program.name, in: budget.programs, code: \.code, name: \.name) else {
                result.append(CrossFinding(.warning, .pkProgramNotInBudget, place, against: DocumentPlace(report.reference, .root / "budget" / "programs"),
                                           LocalizedText(id: "program \"\(program.name)\" dalam PK tidak ada dalam anggaran laporan",
                                                         en: "program \"\(program.name)\" of the PK is not in the report's budget")))
                continue
            }
            matched.insert(bIndex)
            guard let anggaran = program.anggaran?.value else { continue }
            // A program absent from the original budget has no pagu_murni: it counts as 0 (as for the total).
            let reported = murni ? (budget.programs[bIndex].paguMurni?.value ?? 0) : figures.programs[bIndex].node.pagu
            guard reported != anggaran else { continue }
            result.append(CrossFinding(.warning, .pkVsBudget, place,
                                       against: DocumentPlace(report.reference, .root / "budget" / "programs" / bIndex / field),
                                       both { l in l == .en ? "program \"\(program.name)\": the PK commits \(amt(anggaran)) but the report's \(field) is \(amt(reported)) (the PK is \(anggaran > reported ? "higher" : "lower") by \(amt(abs(anggaran - reported))))"
                                           : "program \"\(program.name)\": PK menyepakati \(amt(anggaran, l)), padahal \(field) laporan \(amt(reported, l)) (PK \(anggaran > reported ? "lebih tinggi" : "lebih rendah") \(amt(abs(anggaran - reported), l)))" }))
        }
        for (bIndex, program) in budget.programs.enumerated() where !matched.contains(bIndex) {
            let allocated = murni ? (program.paguMurni?.value ?? 0) : figures.programs[bIndex].node.pagu
            guard !allocated.isZero else { continue }
            result.append(CrossFinding(.info, .budgetProgramNotInPK,
                                       DocumentPlace(report.reference, .root / "budget" / "programs" / bIndex / field),
                                       against: DocumentPlace(pk.reference, .root / "programs"),
                                       both { l in l == .en ? "program \"\(program.name)\" (\(field) \(amt(allocated))) is not listed in the \(pk.reference)"
                                           : "program \"\(program.name)\" (\(field) \(amt(allocated, l))) tidak tercantum dalam \(pk.reference)" }))
        }
        return result
    }

    // MARK: Previous year, quarters

    private func previousYear(_ report: Filed<Submission>, _ last: Filed<Submission>) -> [CrossFinding] {
        guard last.document.period == .fy, last.document.year == report.document.year - 1 else { return [] }
        var result: [CrossFinding] = []
        for (index, indicator) in report.document.indicators.enumerated() {
            guard let previous = indicator.previous,
                  let lIndex = PlanMatching.index(of: indicator.code, indicator.name, in: last.document.indicators, code: { $0.code }, name: \.name) else { continue }
            let stored = last.document.indicators[lIndex]
            for (field, stated, value) in [("target", previous.target, stored.target), ("realisasi", previous.realisasi, stored.realisasi)] {
                guard let stated, stated != value else { continue }
                result.append(CrossFinding(.warning, .previousYear,
                                           DocumentPlace(report.reference, .root / "indicators" / index / "previous" / field),
                                           against: DocumentPlace(last.reference, .root / "indicators" / lIndex / field),
                                           both { l in l == .en ? "\(indicator.code): the report restates \(previous.year)'s \(field) as \(n(stated)) but the stored \(last.reference) says \(n(value))"
                                               : "\(indicator.code): laporan menyebut \(field) \(previous.year) sebesar \(n(stated, l)), padahal \(last.reference) yang tersimpan mencatat \(n(value, l))" }))
            }
        }
        return result
    }

    private func quarterTargets(_ report: Filed<Submission>, _ documents: PlanDocuments) -> [CrossFinding] {
        var result: [CrossFinding] = []
        let period = report.document.period
        for (index, indicator) in report.document.indicators.enumerated() {
            guard let (pk, pkIndex) = Self.pkIndicator(for: indicator, in: documents),
                  let planned = pk.document.indicators[pkIndex].quarters[period], planned != indicator.target else { continue }
            let own = Capaian.compute(target: indicator.target, realisasi: indicator.realisasi, polarity: indicator.polarity).percent
            let against = Capaian.compute(target: planned, realisasi: indicator.realisasi, polarity: indicator.polarity).percent
            result.append(CrossFinding(.warning, .quarterTarget,
                                       DocumentPlace(report.reference, .root / "indicators" / index / "target"),
                                       against: DocumentPlace(pk.reference, .root / "indicators" / pkIndex / "quarters" / period.rawValue),
                                       both { l in l == .en ? "\(indicator.code): the \(period.rawValue) target \(n(indicator.target)) differs from the PK's \(n(planned)); capaian against the PK is \(pct(against)) (against the report's own target \(pct(own)))"
                                           : "\(indicator.code): target \(period.rawValue) \(n(indicator.target, l)) berbeda dari target PK \(n(planned, l)); capaian terhadap PK \(pct(against, l)) (terhadap target laporan sendiri \(pct(own, l)))" }))
        }
        return result
    }

    // MARK: Formatting

    private func label(_ code: String?, _ name: String) -> String { code ?? "\"\(name)\"" }
    /// English: plain exact digits; Bahasa Indonesia: grouped the Indonesian way (12.763.150.960; 98,51).
    private func n(_ value: Decimal, _ language: Language = .en) -> String {
        language == .en ? DecimalText.string(value) : LocalizedNumber.string(value, language)
    }
    private func amt(_ value: Decimal, _ language: Language = .en) -> String { n(value, language) }
    private func pct(_ value: Decimal?, _ language: Language = .en) -> String {
        guard let value else { return language == .en ? "not computable" : "tidak dapat dihitung" }
        return language == .en ? DecimalText.percent(value) : LocalizedNumber.percent(value, language)
    }
    /// A message built once per language.
    private func both(_ text: (Language) -> String) -> LocalizedText { LocalizedText(id: text(.id), en: text(.en)) }
}
