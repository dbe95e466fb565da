import Foundation

/// Pagu and realisasi of one node of the budget tree, reported and computed side by side.
public struct BudgetNodeFigures: Sendable, Hashable {
    public let pointer: JSONPointer
    public let code: String?
    public let name: String
    /// What the office wrote, if anything.
    public let reportedPagu: Decimal?
    public let reportedRealisasi: Decimal?
    /// The sum of the children; nil when the node has no children (nothing to sum).
    public let childrenPagu: Decimal?
    public let childrenRealisasi: Decimal?

    /// The figure used for percentages and parents: reported when given, else the children's sum.
    /// Reported figures are kept, never silently replaced (contract §1); findings flag disagreement.
    public var pagu: Decimal { reportedPagu ?? childrenPagu ?? 0 }
    public var realisasi: Decimal { reportedRealisasi ?? childrenRealisasi ?? 0 }
    /// pagu − realisasi (negative when overspent).
    public var sisa: Decimal { pagu - realisasi }
    /// realisasi ÷ pagu × 100; nil when pagu is 0.
    public var penyerapan: Decimal? { BudgetFigures.penyerapan(pagu: pagu, realisasi: realisasi) }
}

/// The budget tree's sums: sub kegiatan → kegiatan → program → total, plus totals by belanja type.
public struct BudgetFigures: Sendable, Hashable {
    public struct ProgramFigures: Sendable, Hashable {
        public let node: BudgetNodeFigures
        public let paguMurni: Decimal?
        public let kegiatan: [BudgetNodeFigures]
    }

    public let programs: [ProgramFigures]
    /// The sum of the programs (each as `BudgetNodeFigures.pagu`/`realisasi`), with the reported total.
    public let total: BudgetNodeFigures
    /// Sums of the lines by belanja type (only types some line carries).
    public let belanjaFromLines: [BelanjaType: PaguRealisasiSum]
    /// Lines that carry no belanja type.
    public let unclassifiedLines: Int
    /// Lines in all.
    public let lineCount: Int

    /// Exact sums for one belanja type.
    public struct PaguRealisasiSum: Sendable, Hashable {
        public var pagu: Decimal
        public var realisasi: Decimal
    }

    /// realisasi ÷ pagu × 100, or nil when pagu is 0 (no percentage of nothing).
    public static func penyerapan(pagu: Decimal, realisasi: Decimal) -> Decimal? {
        pagu.isZero ? nil : realisasi * 100 / pagu
    }

    public init(_ budget: Budget) {
        let programsPointer = JSONPointer.root / "budget" / "programs"
        var belanja: [BelanjaType: PaguRealisasiSum] = [:]
        var unclassified = 0
        var lines = 0
        var programs: [ProgramFigures] = []
        for (pIndex, program) in budget.programs.enumerated() {
            let pPointer = programsPointer / pIndex
            var kegiatan: [BudgetNodeFigures] = []
            for (kIndex, item) in program.kegiatan.enumerated() {
                var pagu = Decimal(0), realisasi = Decimal(0)
                for line in item.subKegiatan {
                    pagu += line.pagu.value
                    realisasi += line.realisasi.value
                    lines += 1
                    if let type = line.belanja {
                        belanja[type, default: PaguRealisasiSum(pagu: 0, realisasi: 0)].pagu += line.pagu.value
                        belanja[type, default: PaguRealisasiSum(pagu: 0, realisasi: 0)].realisasi += line.realisasi.value
                    } else {
                        unclassified += 1
                    }
                }
                let hasLines = !item.subKegiatan.isEmpty
                kegiatan.append(BudgetNodeFigures(pointer: pPointer / "kegiatan" / kIndex, code: item.code, name: item.name,
                                                  reportedPagu: item.pagu?.value, reportedRealisasi: item.realisasi?.value,
                                                  childrenPagu: hasLines ? pagu : nil, childrenRealisasi: hasLines ? realisasi : nil))
            }
            let hasKegiatan = !kegiatan.isEmpty
            let node = BudgetNodeFigures(pointer: pPointer, code: program.code, name: program.name,
                                         reportedPagu: program.pagu?.value, reportedRealisasi: program.realisasi?.value,
                                         childrenPagu: hasKegiatan ? kegiatan.reduce(0) { $0 + $1.pagu } : nil,
                                         childrenRealisasi: hasKegiatan ? kegiatan.reduce(0) { $0 + $1.realisasi } : nil)
            programs.append(ProgramFigures(node: node, paguMurni: program.paguMurni?.value, kegiatan: kegiatan))
        }
        self.programs = programs
        let hasPrograms = !programs.isEmpty
        self.total = BudgetNodeFigures(pointer: .root / "budget" / "total", code: nil, name: "total",
                                       reportedPagu: budget.total?.pagu.value, reportedRealisasi: budget.total?.realisasi.value,
                                       childrenPagu: hasPrograms ? programs.reduce(0) { $0 + $1.node.pagu } : nil,
                                       childrenRealisasi: hasPrograms ? programs.reduce(0) { $0 + $1.node.realisasi } : nil)
        self.belanjaFromLines = belanja
        self.unclassifiedLines = unclassified
        self.lineCount = lines
    }
}
