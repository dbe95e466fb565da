import Foundation

/// The computed figures of an accepted submission, for printing and storing next to it.
public struct SubmissionSummary: Sendable, Hashable {
    public struct IndicatorFigures: Sendable, Hashable {
        public let pointer: JSONPointer
        public let code: String
        public let name: String
        public let polarity: Polarity
        public let capaian: Capaian
        /// Predikat capaian (Tabel 3.2) and peringkat (Permendagri 86/2017) of the capaian, when computed.
        public let predikat: String?
        public let peringkat: String?
        /// capaian ÷ total penyerapan (LKjIP Tabel 3.10).
        public let efisiensi: Efisiensi
    }

    public struct ProgramFigures: Sendable, Hashable {
        public let pointer: JSONPointer
        public let code: String?
        public let name: String
        public let pagu: Decimal
        public let realisasi: Decimal
        public let sisa: Decimal
        /// Nil when pagu is 0.
        public let penyerapan: Decimal?
    }

    public struct TotalFigures: Sendable, Hashable {
        public let pagu: Decimal
        public let realisasi: Decimal
        public let sisa: Decimal
        public let penyerapan: Decimal?
    }

    public let indicators: [IndicatorFigures]
    public let programs: [ProgramFigures]
    /// Nil without a budget section.
    public let total: TotalFigures?
    /// Sums of the lines by belanja type (types carried by some line).
    public let belanja: [BelanjaType: BudgetFigures.PaguRealisasiSum]

    /// Computes the figures. The total uses the reported `total` when present (checked by findings),
    /// else the sum of the programs; programs likewise use reported amounts when present.
    public init(_ submission: Submission, predikat: Scale = .predikatCapaian, peringkat: Scale = .permendagri86) {
        var programs: [ProgramFigures] = []
        var total: TotalFigures?
        var belanja: [BelanjaType: BudgetFigures.PaguRealisasiSum] = [:]
        if let budget = submission.budget {
            let figures = BudgetFigures(budget)
            programs = figures.programs.map {
                ProgramFigures(pointer: $0.node.pointer, code: $0.node.code, name: $0.node.name, pagu: $0.node.pagu,
                               realisasi: $0.node.realisasi, sisa: $0.node.sisa, penyerapan: $0.node.penyerapan)
            }
            let node = figures.total
            total = TotalFigures(pagu: node.pagu, realisasi: node.realisasi, sisa: node.sisa, penyerapan: node.penyerapan)
            belanja = figures.belanjaFromLines
        }
        self.programs = programs
        self.total = total
        self.belanja = belanja
        self.indicators = submission.indicators.enumerated().map { index, indicator in
            let capaian = Capaian.compute(target: indicator.target, realisasi: indicator.realisasi, polarity: indicator.polarity)
            let percent = capaian.percent
            return IndicatorFigures(pointer: .root / "indicators" / index, code: indicator.code, name: indicator.name,
                                    polarity: indicator.polarity, capaian: capaian,
                                    predikat: percent.map(predikat.label(for:)), peringkat: percent.map(peringkat.label(for:)),
                                    efisiensi: total == nil ? .undefined(LocalizedText(id: "laporan tidak memuat anggaran", en: "the submission has no budget"))
                                        : Efisiensi.compute(capaian: percent, penyerapan: total?.penyerapan))
        }
    }
}
