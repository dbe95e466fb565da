/// Something noteworthy about an accepted submission: it is stored anyway, with its findings.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
        case error, warning, info

        /// error < warning < info, so sorting puts the worst first.
        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public let severity: Severity
    /// A stable id such as "budget.parent-sum-mismatch"; see `FindingRule`.
    public let rule: String
    public let pointer: JSONPointer
    /// The message in both languages, with the figures: Bahasa Indonesia is what pages show by default.
    public let text: LocalizedText
    /// The English message, e.g. "program pagu 150000000 differs from the sum of its kegiatan 143512700 (by 6487300)":
    /// what the API's `message` field, the CLI and programs reading findings have always had.
    public var message: String { text.en }

    /// A finding with its message in both languages.
    public init(_ severity: Severity, _ rule: FindingRule, at pointer: JSONPointer, _ text: LocalizedText) {
        self.init(severity, rule: rule.rawValue, at: pointer, text)
    }

    /// A finding whose message has no translation yet (shown in English in both languages).
    public init(_ severity: Severity, _ rule: FindingRule, at pointer: JSONPointer, _ message: String) {
        self.init(severity, rule: rule.rawValue, at: pointer, LocalizedText(message))
    }

    /// A finding read back from storage, whose rule id is kept as text (a rule renamed or retired
    /// later must not make old findings unreadable).
    public init(_ severity: Severity, rule: String, at pointer: JSONPointer, _ text: LocalizedText) {
        self.severity = severity
        self.rule = rule
        self.pointer = pointer
        self.text = text
    }

    /// A stored finding with only its English message (stored before messages had both languages).
    public init(_ severity: Severity, rule: String, at pointer: JSONPointer, _ message: String) {
        self.init(severity, rule: rule, at: pointer, LocalizedText(message))
    }

    public var description: String { "\(severity.rawValue) \(rule) \(pointer): \(message)" }
}

/// The rule ids findings use. Raw values are stable: stored findings and other programs refer to them.
public enum FindingRule: String, Sendable, Hashable, CaseIterable {
    /// A program's or kegiatan's reported pagu/realisasi differs from the sum of its lines.
    case parentSumMismatch = "budget.parent-sum-mismatch"
    /// Realisasi above pagu, at any level.
    case realisasiExceedsPagu = "budget.realisasi-exceeds-pagu"
    /// A reported `belanja` total differs from the lines of that type.
    case belanjaMismatch = "budget.belanja-mismatch"
    /// Some lines carry a belanja type and some do not, so `belanja` totals cannot be checked.
    case belanjaUnclassified = "budget.belanja-unclassified"
    /// The reported `belanja` totals do not add up to the reported `total`.
    case belanjaTotalMismatch = "budget.belanja-total-mismatch"
    /// The reported `total` differs from the sum of the programs.
    case totalMismatch = "budget.total-mismatch"
    /// `total.pagu_murni` differs from the sum of the programs' `pagu_murni`.
    case paguMurniMismatch = "budget.pagu-murni-mismatch"
    /// `reported_capaian` differs from the computed capaian by more than 0.01 percentage points.
    case capaianMismatch = "indicator.capaian-mismatch"
    /// `reported_capaian` differs by at most 0.01 points: offices truncate instead of rounding.
    case capaianRounding = "indicator.capaian-rounding"
    /// `reported_penyerapan` differs from the budget's own penyerapan by more than 0.01 points.
    case penyerapanMismatch = "indicator.penyerapan-mismatch"
    /// `reported_efisiensi` does not follow from the report's own capaian and penyerapan (above 0.001).
    case efisiensiInconsistent = "indicator.efisiensi-inconsistent"
    /// `reported_efisiensi` differs from computed capaian ÷ budget penyerapan (above 0.001).
    case efisiensiMismatch = "indicator.efisiensi-mismatch"
    /// A PK's printed `total` differs from the sum of its programs' `anggaran`.
    case pkTotalMismatch = "pk.total-mismatch"
    /// A PK program's `anggaran` differs from the sum of its lines.
    case pkProgramSumMismatch = "pk.program-sum-mismatch"
    /// No capaian can be computed (target 0 or negative).
    case capaianCannotCompute = "indicator.capaian-cannot-compute"
    /// `lower` polarity capaian below zero, floored at 0.
    case capaianFloored = "indicator.capaian-floored"
    /// The report was signed before its period ended.
    case signedBeforePeriodEnd = "signed.before-period-end"
    /// PBB realisasi above the ketetapan.
    case pbbRealisasiExceedsKetetapan = "pbb.realisasi-exceeds-ketetapan"
    /// More objects paid in full than objects.
    case pbbLunasExceedsObjek = "pbb.lunas-exceeds-objek"
    /// A PBB row dated before the tax year began.
    case pbbAsOfBeforeYear = "pbb.as-of-before-year"
    /// An award with neither a podium place nor a label.
    case awardWithoutPlaceOrLabel = "awards.no-place-or-label"
    /// A key this format version does not know; ignored.
    case unknownKey = "document.unknown-key"
}
