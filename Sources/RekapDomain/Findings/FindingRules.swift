import Foundation

/// Computes the findings of an accepted submission. Pure: same submission, same findings, same order.
public struct FindingRules: Sendable {
    /// Largest difference between reported and computed capaian that counts as rounding (percentage points).
    public var capaianTolerance: Decimal = Decimal(sign: .plus, exponent: -2, significand: 1)
    /// Largest difference between a reported and a computed efisiensi ratio that is not reported (contract §1.1).
    public var efisiensiTolerance: Decimal = Decimal(sign: .plus, exponent: -3, significand: 1)

    public init() {}

    /// `unknownKeys` are the keys ignored that are listed one by one; `omittedUnknownKeys` more are
    /// counted in one last finding (``SubmissionLimits/listedUnknownKeys``).
    public func findings(for submission: Submission, unknownKeys: [JSONPointer] = [], omittedUnknownKeys: Int = 0) -> [Finding] {
        var result: [Finding] = []
        result += indicatorFindings(submission)
        if let budget = submission.budget { result += budgetFindings(budget) }
        result += otherFindings(submission)
        result += unknownKeys.map { Finding(.info, .unknownKey, at: $0, Self.unknownKey($0, format: Submission.formatV1)) }
        if omittedUnknownKeys > 0 {
            result.append(Finding(.info, .unknownKey, at: .root, LocalizedText(
                id: "dan \(omittedUnknownKeys) kunci lain yang bukan bagian dari \(Submission.formatV1) diabaikan",
                en: "and \(omittedUnknownKeys) more keys that are not part of \(Submission.formatV1) were ignored")))
        }
        return result
    }

    // MARK: Indicators

    func indicatorFindings(_ submission: Submission) -> [Finding] {
        var result: [Finding] = []
        let penyerapan = submission.budget.flatMap { BudgetFigures($0).total.penyerapan }
        for (index, indicator) in submission.indicators.enumerated() {
            let pointer = JSONPointer.root / "indicators" / index
            let capaian = Capaian.compute(target: indicator.target, realisasi: indicator.realisasi, polarity: indicator.polarity)
            switch capaian {
            case .cannotCompute(let reason):
                result.append(Finding(.warning, .capaianCannotCompute, at: pointer / "target", LocalizedText(
                    id: "capaian \(indicator.code) tidak dapat dihitung: \(reason)", en: "capaian of \(indicator.code) cannot be computed: \(reason)")))
            case .flooredAtZero(let raw):
                result.append(Finding(.info, .capaianFloored, at: pointer / "realisasi", both { l in
                    l == .en ? "realisasi \(n(indicator.realisasi)) is more than twice the target \(n(indicator.target)) of a lower-is-better indicator; capaian \(pct(raw)) is counted as 0.00"
                        : "realisasi \(n(indicator.realisasi, l)) lebih dari dua kali target \(n(indicator.target, l)) pada indikator yang makin kecil makin baik; capaian \(pct(raw, l)) dihitung 0,00"
                }))
            case .value: break
            }
            if let reported = indicator.reportedCapaian, let computed = capaian.percent {
                result += reportedCapaian(reported, computed: computed, formula: { formula(indicator.polarity, target: indicator.target, realisasi: indicator.realisasi, $0) },
                                          at: pointer / "reported_capaian", what: LocalizedText(id: "capaian yang dilaporkan", en: "reported capaian"))
            }
            result += previousFindings(indicator, at: pointer / "previous")
            result += efisiensiFindings(indicator, capaian: capaian.percent, budgetPenyerapan: penyerapan, at: pointer)
        }
        return result
    }

    /// A printed capaian against the computed one: a mismatch beyond `capaianTolerance`, else rounding.
    private func reportedCapaian(_ reported: Decimal, computed: Decimal, formula: (Language) -> String, at pointer: JSONPointer, what: LocalizedText) -> [Finding] {
        let difference = abs(reported - computed)
        if difference > capaianTolerance {
            return [Finding(.warning, .capaianMismatch, at: pointer, both { l in
                l == .en ? "\(what.en) \(n(reported)) differs from the computed \(pct(computed)) (\(formula(l))) by \(pct(difference)) percentage points"
                    : "\(what.id) \(n(reported, l)) berbeda dari hasil hitung \(pct(computed, l)) (\(formula(l))) sebesar \(pct(difference, l)) poin persen"
            })]
        } else if difference > 0 {
            return [Finding(.info, .capaianRounding, at: pointer, both { l in
                l == .en ? "\(what.en) \(n(reported)) differs slightly from the computed \(pct(computed)) (\(formula(l))), probably cut off instead of rounded"
                    : "\(what.id) \(n(reported, l)) sedikit berbeda dari hasil hitung \(pct(computed, l)) (\(formula(l))), kemungkinan dipotong, bukan dibulatkan"
            })]
        }
        return []
    }

    /// `previous.reported_capaian` is checked like the current one (contract §1.1).
    private func previousFindings(_ indicator: Indicator, at pointer: JSONPointer) -> [Finding] {
        guard let previous = indicator.previous, let reported = previous.reportedCapaian,
              let target = previous.target, let realisasi = previous.realisasi,
              let computed = Capaian.compute(target: target, realisasi: realisasi, polarity: indicator.polarity).percent else { return [] }
        return reportedCapaian(reported, computed: computed, formula: { formula(indicator.polarity, target: target, realisasi: realisasi, $0) },
                               at: pointer / "reported_capaian",
                               what: LocalizedText(id: "capaian \(previous.year) yang dilaporkan", en: "reported capaian of \(previous.year)"))
    }

    /// `reported_penyerapan` against the budget's own penyerapan, and `reported_efisiensi` against the
    /// office's own two figures and against the computed ones (contract §1.1).
    private func efisiensiFindings(_ indicator: Indicator, capaian: Decimal?, budgetPenyerapan: Decimal?, at pointer: JSONPointer) -> [Finding] {
        var result: [Finding] = []
        if let reported = indicator.reportedPenyerapan, let budgetPenyerapan, abs(reported - budgetPenyerapan) > capaianTolerance {
            // The seed's Tabel 3.10 divides by the IKM's realisasi: say so when that is what happened.
            let hint: (Language) -> String = { l in
                reported == indicator.realisasi
                    ? (l == .en ? "; it equals this indicator's realisasi \(n(indicator.realisasi)), not an absorption" : "; nilainya sama dengan realisasi indikator ini \(n(indicator.realisasi, l)), bukan penyerapan")
                    : reported == indicator.target
                    ? (l == .en ? "; it equals this indicator's target \(n(indicator.target)), not an absorption" : "; nilainya sama dengan target indikator ini \(n(indicator.target, l)), bukan penyerapan") : ""
            }
            result.append(Finding(.warning, .penyerapanMismatch, at: pointer / "reported_penyerapan", both { l in
                l == .en ? "reported penyerapan \(n(reported)) differs from the budget's penyerapan \(pct(budgetPenyerapan)) (total realisasi / total pagu × 100)\(hint(l))"
                    : "penyerapan yang dilaporkan \(n(reported, l)) berbeda dari penyerapan anggaran \(pct(budgetPenyerapan, l)) (total realisasi / total pagu × 100)\(hint(l))"
            }))
        }
        guard let reported = indicator.reportedEfisiensi else { return result }
        if let ownCapaian = indicator.reportedCapaian ?? capaian, let ownPenyerapan = indicator.reportedPenyerapan, !ownPenyerapan.isZero {
            let own = ownCapaian / ownPenyerapan
            if abs(reported - own) > efisiensiTolerance {
                result.append(Finding(.warning, .efisiensiInconsistent, at: pointer / "reported_efisiensi", both { l in
                    l == .en ? "reported efisiensi \(n(reported)) does not follow from the report's own figures \(n(ownCapaian)) / \(n(ownPenyerapan)) = \(ratio(own))"
                        : "efisiensi yang dilaporkan \(n(reported, l)) tidak sesuai dengan angka laporan itu sendiri \(n(ownCapaian, l)) / \(n(ownPenyerapan, l)) = \(ratio(own, l))"
                }))
            }
        }
        if let computed = Efisiensi.compute(capaian: capaian, penyerapan: budgetPenyerapan).value, abs(reported - computed) > efisiensiTolerance {
            result.append(Finding(.warning, .efisiensiMismatch, at: pointer / "reported_efisiensi", both { l in
                l == .en ? "reported efisiensi \(n(reported)) differs from the computed \(ratio(computed)) (capaian \(pct(capaian ?? 0)) / penyerapan \(pct(budgetPenyerapan ?? 0)))"
                    : "efisiensi yang dilaporkan \(n(reported, l)) berbeda dari hasil hitung \(ratio(computed, l)) (capaian \(pct(capaian ?? 0, l)) / penyerapan \(pct(budgetPenyerapan ?? 0, l)))"
            }))
        }
        return result
    }

    private func formula(_ polarity: Polarity, target: Decimal, realisasi: Decimal, _ l: Language) -> String {
        switch polarity {
        case .higher: "\(n(realisasi, l)) / \(n(target, l)) × 100"
        case .lower: "(2 × \(n(target, l)) − \(n(realisasi, l))) / \(n(target, l)) × 100"
        }
    }

    // MARK: Budget

    func budgetFindings(_ budget: Budget) -> [Finding] {
        var result: [Finding] = []
        let figures = BudgetFigures(budget)
        for (pIndex, program) in budget.programs.enumerated() {
            let programFigures = figures.programs[pIndex]
            for (kIndex, kegiatan) in program.kegiatan.enumerated() {
                let kFigures = programFigures.kegiatan[kIndex]
                for (sIndex, line) in kegiatan.subKegiatan.enumerated() {
                    result += overspent(pagu: line.pagu.value, realisasi: line.realisasi.value,
                                        at: kFigures.pointer / "sub_kegiatan" / sIndex, what: LocalizedText("sub kegiatan \"\(line.name)\""))
                }
                result += parentSums(kFigures, what: LocalizedText("kegiatan \"\(kegiatan.name)\""), children: LocalizedText(id: "sub kegiatannya", en: "its sub kegiatan"))
                if let pagu = kegiatan.pagu, let realisasi = kegiatan.realisasi {
                    result += overspent(pagu: pagu.value, realisasi: realisasi.value, at: kFigures.pointer, what: LocalizedText("kegiatan \"\(kegiatan.name)\""))
                }
            }
            result += parentSums(programFigures.node, what: LocalizedText("program \"\(program.name)\""), children: LocalizedText(id: "kegiatannya", en: "its kegiatan"))
            if let pagu = program.pagu, let realisasi = program.realisasi {
                result += overspent(pagu: pagu.value, realisasi: realisasi.value, at: programFigures.node.pointer, what: LocalizedText("program \"\(program.name)\""))
            }
        }
        // Belanja: reported totals by type against the lines of that type.
        let belanjaPointer = JSONPointer.root / "budget" / "belanja"
        for type in budget.belanja.keys.sorted() {
            let reported = budget.belanja[type]!
            result += overspent(pagu: reported.pagu.value, realisasi: reported.realisasi.value, at: belanjaPointer / type.rawValue, what: LocalizedText("belanja \(type.rawValue)"))
        }
        if !budget.belanja.isEmpty, figures.lineCount > 0 {
            if figures.unclassifiedLines == 0 && figures.programs.allSatisfy({ $0.node.childrenPagu != nil || $0.node.pagu.isZero && $0.node.realisasi.isZero }) {
                let types = Set(budget.belanja.keys).union(figures.belanjaFromLines.keys).sorted()
                for type in types {
                    let lines = figures.belanjaFromLines[type] ?? BudgetFigures.PaguRealisasiSum(pagu: 0, realisasi: 0)
                    let reported = budget.belanja[type]
                    for (field, reportedValue, linesValue) in [("pagu", reported?.pagu.value, lines.pagu), ("realisasi", reported?.realisasi.value, lines.realisasi)] {
                        let shown = reportedValue ?? 0
                        guard shown != linesValue else { continue }
                        let pointer = reported == nil ? belanjaPointer : belanjaPointer / type.rawValue / field
                        result.append(Finding(.error, .belanjaMismatch, at: pointer, both { l in
                            l == .en ? "reported belanja \(type.rawValue) \(field) \(reported == nil ? "is missing (0)" : amt(shown)) but the sub kegiatan lines of that type add up to \(amt(linesValue)) (difference \(amt(shown - linesValue)))"
                                : "\(field) belanja \(type.rawValue) yang dilaporkan \(reported == nil ? "tidak ada (0)" : amt(shown, l)), padahal baris sub kegiatan jenis itu berjumlah \(amt(linesValue, l)) (selisih \(amt(shown - linesValue, l)))"
                        }))
                    }
                }
            } else if figures.unclassifiedLines < figures.lineCount {
                result.append(Finding(.info, .belanjaUnclassified, at: belanjaPointer, LocalizedText(
                    id: "\(figures.unclassifiedLines) dari \(figures.lineCount) baris sub kegiatan tidak berjenis belanja, sehingga total belanja tidak dapat dicocokkan dengan barisnya",
                    en: "\(figures.unclassifiedLines) of \(figures.lineCount) sub kegiatan lines carry no belanja type, so the belanja totals cannot be checked against the lines")))
            }
        }
        // Total: reported against the programs; belanja against the total.
        if let total = budget.total {
            let node = figures.total
            if let pagu = node.childrenPagu, pagu != total.pagu.value {
                result.append(Finding(.error, .totalMismatch, at: node.pointer / "pagu", both { l in
                    l == .en ? "reported total pagu \(amt(total.pagu.value)) differs from the sum of the programs \(amt(pagu)) (difference \(amt(total.pagu.value - pagu)))"
                        : "total pagu yang dilaporkan \(amt(total.pagu.value, l)) berbeda dari jumlah program \(amt(pagu, l)) (selisih \(amt(total.pagu.value - pagu, l)))"
                }))
            }
            if let realisasi = node.childrenRealisasi, realisasi != total.realisasi.value {
                result.append(Finding(.error, .totalMismatch, at: node.pointer / "realisasi", both { l in
                    l == .en ? "reported total realisasi \(amt(total.realisasi.value)) differs from the sum of the programs \(amt(realisasi)) (difference \(amt(total.realisasi.value - realisasi)))"
                        : "total realisasi yang dilaporkan \(amt(total.realisasi.value, l)) berbeda dari jumlah program \(amt(realisasi, l)) (selisih \(amt(total.realisasi.value - realisasi, l)))"
                }))
            }
            result += overspent(pagu: total.pagu.value, realisasi: total.realisasi.value, at: node.pointer, what: LocalizedText(id: "total", en: "the total"))
            if let murni = total.paguMurni {
                let murnis = budget.programs.compactMap(\.paguMurni)
                if !murnis.isEmpty {
                    // A program absent from the original budget has no pagu_murni: it counts as 0.
                    let sum = murnis.reduce(Decimal(0)) { $0 + $1.value }
                    if sum != murni.value {
                        result.append(Finding(.warning, .paguMurniMismatch, at: node.pointer / "pagu_murni", both { l in
                            l == .en ? "reported total pagu_murni \(amt(murni.value)) differs from the sum of the programs' pagu_murni \(amt(sum)) (difference \(amt(murni.value - sum)))"
                                : "total pagu murni yang dilaporkan \(amt(murni.value, l)) berbeda dari jumlah pagu murni program \(amt(sum, l)) (selisih \(amt(murni.value - sum, l)))"
                        }))
                    }
                }
            }
            if !budget.belanja.isEmpty {
                let pagu = budget.belanja.values.reduce(Decimal(0)) { $0 + $1.pagu.value }
                let realisasi = budget.belanja.values.reduce(Decimal(0)) { $0 + $1.realisasi.value }
                if pagu != total.pagu.value {
                    result.append(Finding(.error, .belanjaTotalMismatch, at: belanjaPointer, both { l in
                        l == .en ? "the belanja pagu add up to \(amt(pagu)) but the reported total pagu is \(amt(total.pagu.value)) (difference \(amt(pagu - total.pagu.value)))"
                            : "pagu belanja berjumlah \(amt(pagu, l)), padahal total pagu yang dilaporkan \(amt(total.pagu.value, l)) (selisih \(amt(pagu - total.pagu.value, l)))"
                    }))
                }
                if realisasi != total.realisasi.value {
                    result.append(Finding(.error, .belanjaTotalMismatch, at: belanjaPointer, both { l in
                        l == .en ? "the belanja realisasi add up to \(amt(realisasi)) but the reported total realisasi is \(amt(total.realisasi.value)) (difference \(amt(realisasi - total.realisasi.value)))"
                            : "realisasi belanja berjumlah \(amt(realisasi, l)), padahal total realisasi yang dilaporkan \(amt(total.realisasi.value, l)) (selisih \(amt(realisasi - total.realisasi.value, l)))"
                    }))
                }
            }
        }
        return result
    }

    private func parentSums(_ node: BudgetNodeFigures, what: LocalizedText, children: LocalizedText) -> [Finding] {
        var result: [Finding] = []
        for (field, reported, sum) in [("pagu", node.reportedPagu, node.childrenPagu), ("realisasi", node.reportedRealisasi, node.childrenRealisasi)] {
            guard let reported, let sum, reported != sum else { continue }
            result.append(Finding(.error, .parentSumMismatch, at: node.pointer / field, both { l in
                l == .en ? "\(what.en) reports \(field) \(amt(reported)) but \(children.en) add up to \(amt(sum)) (difference \(amt(reported - sum)))"
                    : "\(what.id) melaporkan \(field) \(amt(reported, l)), padahal \(children.id) berjumlah \(amt(sum, l)) (selisih \(amt(reported - sum, l)))"
            }))
        }
        return result
    }

    private func overspent(pagu: Decimal, realisasi: Decimal, at pointer: JSONPointer, what: LocalizedText) -> [Finding] {
        guard realisasi > pagu else { return [] }
        return [Finding(.error, .realisasiExceedsPagu, at: pointer / "realisasi", both { l in
            l == .en ? "realisasi \(amt(realisasi)) of \(what.en) exceeds its pagu \(amt(pagu)) by \(amt(realisasi - pagu))"
                : "realisasi \(what.id) \(amt(realisasi, l)) melebihi pagunya \(amt(pagu, l)) sebesar \(amt(realisasi - pagu, l))"
        })]
    }

    // MARK: Signature, PBB, awards

    func otherFindings(_ submission: Submission) -> [Finding] {
        var result: [Finding] = []
        if let date = submission.signed?.date {
            let end = submission.period.lastDay(of: submission.year)
            if date < end {
                result.append(Finding(.warning, .signedBeforePeriodEnd, at: .root / "signed" / "date", LocalizedText(
                    id: "ditandatangani pada \(LocalizedDate.date(date, .id)), sebelum periode \(submission.period.rawValue) \(submission.year) berakhir pada \(LocalizedDate.date(end, .id))",
                    en: "signed on \(date), before the period \(submission.period.rawValue) \(submission.year) ended on \(end)")))
            }
        }
        for (index, row) in submission.pbb.enumerated() {
            let pointer = JSONPointer.root / "pbb" / index
            if row.realisasi > row.ketetapan {
                result.append(Finding(.warning, .pbbRealisasiExceedsKetetapan, at: pointer / "realisasi", both { l in
                    l == .en ? "PBB realisasi \(amt(row.realisasi.value)) of \(row.kelurahan) exceeds its ketetapan \(amt(row.ketetapan.value)) by \(amt(row.realisasi.value - row.ketetapan.value))"
                        : "realisasi PBB \(row.kelurahan) \(amt(row.realisasi.value, l)) melebihi ketetapannya \(amt(row.ketetapan.value, l)) sebesar \(amt(row.realisasi.value - row.ketetapan.value, l))"
                }))
            }
            if let objek = row.objek, let lunas = row.objekLunas, lunas > objek {
                result.append(Finding(.error, .pbbLunasExceedsObjek, at: pointer / "objek_lunas", LocalizedText(
                    id: "\(LocalizedNumber.integer(lunas, .id)) objek lunas, padahal \(row.kelurahan) hanya memiliki \(LocalizedNumber.integer(objek, .id)) objek",
                    en: "\(lunas) objects paid in full, but \(row.kelurahan) has only \(objek) objects")))
            }
            if row.asOf.year < submission.year {
                result.append(Finding(.warning, .pbbAsOfBeforeYear, at: pointer / "as_of", LocalizedText(
                    id: "as_of \(LocalizedDate.date(row.asOf, .id)) sebelum tahun pajak \(submission.year) dimulai",
                    en: "as_of \(row.asOf) is before the tax year \(submission.year) began")))
            }
        }
        for (index, award) in submission.awards.enumerated() where award.place == nil && (award.label ?? "").isEmpty {
            result.append(Finding(.info, .awardWithoutPlaceOrLabel, at: .root / "awards" / index, LocalizedText(
                id: "penghargaan \"\(award.title)\" tidak memiliki peringkat juara maupun label, sehingga tidak dihitung dalam tabel medali mana pun",
                en: "award \"\(award.title)\" has neither a podium place nor a label, so it counts in no medal table")))
        }
        return result
    }

    // MARK: Formatting

    /// The English texts keep plain exact digits (what programs and the CLI have always read); the
    /// Indonesian ones group them the Indonesian way (12.763.150.960; 98,51).
    private func amt(_ value: Decimal, _ language: Language = .en) -> String {
        language == .en ? DecimalText.string(value) : LocalizedNumber.string(value, language)
    }
    private func n(_ value: Decimal, _ language: Language = .en) -> String { amt(value, language) }
    private func pct(_ value: Decimal, _ language: Language = .en) -> String {
        language == .en ? DecimalText.percent(value) : LocalizedNumber.percent(value, language)
    }
    /// An efisiensi ratio to 3 decimals, as Tabel 3.10 prints it.
    private func ratio(_ value: Decimal, _ language: Language = .en) -> String { amt(DecimalText.rounded(value, scale: 3), language) }
    /// A message built once per language.
    private func both(_ text: (Language) -> String) -> LocalizedText { LocalizedText(id: text(.id), en: text(.en)) }

    /// "the key … is not part of `format` and was ignored", shared by every document kind.
    static func unknownKey(_ pointer: JSONPointer, format: String) -> LocalizedText {
        let key = pointer.tokens.last ?? ""
        return LocalizedText(id: "kunci \"\(key)\" bukan bagian dari \(format) dan diabaikan",
                             en: "the key \"\(key)\" is not part of \(format) and was ignored")
    }
}
