import Foundation
import RekapDomain

/// Pagu and realisasi, with what follows from them.
public struct BudgetAmounts: Sendable, Hashable {
    public var pagu: Decimal
    public var realisasi: Decimal

    public init(pagu: Decimal, realisasi: Decimal) {
        self.pagu = pagu
        self.realisasi = realisasi
    }

    /// pagu − realisasi (negative when overspent).
    public var sisa: Decimal { pagu - realisasi }
    /// realisasi ÷ pagu × 100, exact to 38 digits; nil when pagu is 0.
    public var penyerapan: Decimal? { BudgetFigures.penyerapan(pagu: pagu, realisasi: realisasi) }
}

/// One program summed over the kecamatan that run it (Tabel 3.7/3.8 across the city).
public struct ProgramBudget: Sendable, Hashable {
    /// The nomenclature code, when the offices gave one (programs are matched by it).
    public var code: String?
    public var name: String
    /// How many kecamatan reported the program.
    public var kecamatanCount: Int
    /// The allocation before the mid-year amendment, when reported.
    public var paguMurni: Decimal?
    public var amounts: BudgetAmounts

    public init(code: String?, name: String, kecamatanCount: Int, paguMurni: Decimal? = nil, amounts: BudgetAmounts) {
        self.code = code
        self.name = name
        self.kecamatanCount = kecamatanCount
        self.paguMurni = paguMurni
        self.amounts = amounts
    }
}

/// One belanja type summed over the kecamatan.
public struct BelanjaBudget: Sendable, Hashable {
    public var belanja: BelanjaType
    public var amounts: BudgetAmounts

    public init(belanja: BelanjaType, amounts: BudgetAmounts) {
        self.belanja = belanja
        self.amounts = amounts
    }
}

/// Efficiency of one kecamatan (Tabel 3.10): its IKU capaian against its budget penyerapan.
public struct EfisiensiRow: Sendable, Hashable {
    public var kecamatan: ReportRegion
    /// The kecamatan's IKU capaian (the mean over its indicators, as `rekap rank iku` ranks it).
    public var capaian: Decimal?
    /// The kecamatan's whole budget; nil when it reported none.
    public var budget: BudgetAmounts?

    public init(kecamatan: ReportRegion, capaian: Decimal?, budget: BudgetAmounts?) {
        self.kecamatan = kecamatan
        self.capaian = capaian
        self.budget = budget
    }

    /// capaian ÷ penyerapan, with its label ("efisien" at 1 or more).
    public var efisiensi: Efisiensi { Efisiensi.compute(capaian: capaian, penyerapan: budget?.penyerapan) }
}
