import Foundation

/// Findings of a single plan document (contract §1.3 "PK total"). Pure: same document, same findings.
public struct PlanFindingRules: Sendable {
    public init() {}

    /// A PK's `total` against the sum of its programs, and each program's `anggaran` against its lines.
    /// A program without `anggaran` counts as the sum of its lines, as report parents do.
    public func findings(for pk: PerjanjianKinerja, unknownKeys: [JSONPointer] = []) -> [Finding] {
        var result: [Finding] = []
        var sum = Decimal(0)
        var summable = !pk.programs.isEmpty
        for (index, program) in pk.programs.enumerated() {
            let lines = program.lines.compactMap(\.anggaran)
            let linesSum = lines.reduce(Decimal(0)) { $0 + $1.value }
            let complete = !program.lines.isEmpty && lines.count == program.lines.count
            if let anggaran = program.anggaran, complete, anggaran.value != linesSum {
                result.append(Finding(.error, .pkProgramSumMismatch, at: .root / "programs" / index / "anggaran", LocalizedText(
                    id: "program \"\(program.name)\" menyepakati anggaran \(amt(anggaran.value, .id)), padahal barisnya berjumlah \(amt(linesSum, .id)) (selisih \(amt(anggaran.value - linesSum, .id)))",
                    en: "program \"\(program.name)\" commits anggaran \(amt(anggaran.value)) but its lines add up to \(amt(linesSum)) (difference \(amt(anggaran.value - linesSum)))")))
            }
            if let anggaran = program.anggaran { sum += anggaran.value } else if complete { sum += linesSum } else { summable = false }
        }
        if let total = pk.total, summable, total.value != sum {
            result.append(Finding(.error, .pkTotalMismatch, at: .root / "total", LocalizedText(
                id: "total yang tercetak pada PK \(amt(total.value, .id)) berbeda dari jumlah programnya \(amt(sum, .id)) (selisih \(amt(total.value - sum, .id)))",
                en: "the PK's printed total \(amt(total.value)) differs from the sum of its programs \(amt(sum)) (difference \(amt(total.value - sum)))")))
        }
        result += unknownKeys.map { Finding(.info, .unknownKey, at: $0, FindingRules.unknownKey($0, format: PerjanjianKinerja.formatV1)) }
        return result
    }

    /// A Renstra has no single-document findings beyond its ignored keys: its rules are refusals.
    public func findings(for renstra: Renstra, unknownKeys: [JSONPointer] = []) -> [Finding] {
        unknownKeys.map { Finding(.info, .unknownKey, at: $0, FindingRules.unknownKey($0, format: Renstra.formatV1)) }
    }

    /// English: plain exact digits; Bahasa Indonesia: grouped the Indonesian way.
    private func amt(_ value: Decimal, _ language: Language = .en) -> String {
        language == .en ? DecimalText.string(value) : LocalizedNumber.string(value, language)
    }
}
