import Foundation
import Testing
@testable import RekapDomain

@Suite struct CapaianTests {
    func d(_ text: String) -> Decimal { try! DecimalText.parse(text) }

    @Test func higherAndLower() {
        #expect(Capaian.compute(target: 87, realisasi: d("91.72"), polarity: .higher).percent.map(DecimalText.percent) == "105.43")
        #expect(Capaian.compute(target: 100, realisasi: 100, polarity: .higher).percent == 100)
        // Lower is better: 8% poverty against a 10% target achieves 120%.
        #expect(Capaian.compute(target: 10, realisasi: 8, polarity: .lower).percent == 120)
        #expect(Capaian.compute(target: 10, realisasi: 20, polarity: .lower) == .value(0))
        #expect(Capaian.compute(target: 10, realisasi: 25, polarity: .lower) == .flooredAtZero(raw: -50))
        #expect(Capaian.compute(target: 10, realisasi: 25, polarity: .lower).percent == 0)
        // Above 100 is kept.
        #expect(Capaian.compute(target: 50, realisasi: 150, polarity: .higher).percent == 300)
    }

    @Test func targetZeroCannotBeComputed() {
        for polarity in Polarity.allCases {
            let capaian = Capaian.compute(target: 0, realisasi: 5, polarity: polarity)
            guard case .cannotCompute(let reason) = capaian else { Issue.record("\(capaian)"); continue }
            #expect(reason.contains("0"))
            #expect(capaian.percent == nil)
        }
        #expect(Capaian.compute(target: -1, realisasi: 5, polarity: .higher).percent == nil)
    }

    @Test func efisiensi() {
        #expect(Efisiensi.compute(capaian: 100, penyerapan: 100).label == "efisien")
        #expect(Efisiensi.compute(capaian: d("98.5"), penyerapan: 100).label == "kurang efisien")
        #expect(Efisiensi.compute(capaian: 100, penyerapan: 0).value == nil)
        #expect(Efisiensi.compute(capaian: nil, penyerapan: 90).label == nil)
        #expect(Efisiensi.compute(capaian: 90, penyerapan: nil).value == nil)
    }

    @Test(arguments: [
        ("100", "Sangat Berhasil"), ("85", "Sangat Berhasil"), ("84.99", "Berhasil"), ("70", "Berhasil"),
        ("69.99", "Cukup Berhasil"), ("55", "Cukup Berhasil"), ("54.99", "Tidak Berhasil"), ("0", "Tidak Berhasil"),
        ("105.42", "Sangat Berhasil"),
    ])
    func predikat(value: String, label: String) {
        #expect(Scale.predikatCapaian.label(for: d(value)) == label)
    }

    @Test(arguments: [
        ("90", "Sangat Tinggi"), ("89.99", "Tinggi"), ("75.01", "Tinggi"), ("75.5", "Tinggi"), ("75", "Sedang"),
        ("65.01", "Sedang"), ("65", "Rendah"), ("50.01", "Rendah"), ("50", "Sangat Rendah"), ("0", "Sangat Rendah"),
        ("120", "Sangat Tinggi"),
    ])
    func permendagri86(value: String, label: String) {
        #expect(Scale.permendagri86.label(for: d(value)) == label)
    }

    @Test func scalesAreDataAndValidated() throws {
        let custom = try Scale(name: "pass/fail", bands: [.init(.greaterThan, 60, "lulus")], otherwise: "gagal")
        #expect(custom.label(for: 60) == "gagal")
        #expect(custom.label(for: d("60.01")) == "lulus")
        #expect(throws: Scale.Invalid.self) {
            try Scale(name: "bad", bands: [.init(.atLeast, 50, "a"), .init(.atLeast, 70, "b")], otherwise: "c")
        }
    }

    /// Capaian rounded to 2 decimals equals the same computation in scaled integers.
    @Test func generatedAgainstScaledIntegers() {
        var random = SplitMix64(seed: 0xCA_FA1A)
        for _ in 0..<5000 {
            let targetCents = Int64.random(in: 1...100_000_000, using: &random)
            let realisasiCents = Int64.random(in: 0...300_000_000, using: &random)
            let polarity: Polarity = Bool.random(using: &random) ? .higher : .lower
            let target = Decimal(targetCents) / 100
            let realisasi = Decimal(realisasiCents) / 100
            let numerator = polarity == .higher ? realisasiCents : max(0, 2 * targetCents - realisasiCents)
            // hundredths of a percent, half-up: (2·n·10^4 + t) / (2t)
            let hundredths = (2 * numerator * 10_000 + targetCents) / (2 * targetCents)
            let expected = String(hundredths / 100) + "." + String(hundredths % 100).leftPadded(2)
            let capaian = Capaian.compute(target: target, realisasi: realisasi, polarity: polarity)
            #expect(capaian.percent.map(DecimalText.percent) == expected, "\(polarity) \(realisasi) / \(target)")
        }
    }
}
