import Foundation

/// A rating scale as data: ordered thresholds, each compared with ≥ or >, and a label below all of them.
///
/// Offices and regulations word their bands differently ("85% s.d 100%", "76 ≤ 90"); as data the
/// scale can follow a new regulation without code changes, and leaves no gaps between bands because
/// each value takes the first band it reaches, top down.
public struct Scale: Sendable, Hashable {
    /// How a value is compared with a band's threshold.
    public enum Comparison: String, Sendable, Hashable {
        case atLeast = ">="
        case greaterThan = ">"
    }

    /// One band: values meeting `comparison threshold` get `label` (unless a higher band took them).
    public struct Band: Sendable, Hashable {
        public let threshold: Decimal
        public let comparison: Comparison
        public let label: String
        public init(_ comparison: Comparison, _ threshold: Decimal, _ label: String) {
            self.threshold = threshold
            self.comparison = comparison
            self.label = label
        }

        func admits(_ value: Decimal) -> Bool {
            switch comparison {
            case .atLeast: value >= threshold
            case .greaterThan: value > threshold
            }
        }
    }

    /// Why a list of bands is not a scale.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    public let name: String
    /// Highest first.
    public let bands: [Band]
    /// The label for values below every band.
    public let otherwise: String

    /// Builds a scale; bands must go from the highest threshold down (equal thresholds: `>=` first is
    /// meaningless, so strictly descending is required).
    public init(name: String, bands: [Band], otherwise: String) throws(Invalid) {
        for (upper, lower) in zip(bands, bands.dropFirst()) where !(upper.threshold > lower.threshold) {
            throw Invalid(reason: "scale \(name): band \"\(lower.label)\" must have a lower threshold than \"\(upper.label)\"")
        }
        self.name = name
        self.bands = bands
        self.otherwise = otherwise
    }

    /// The label of the first band `value` reaches, top down.
    public func label(for value: Decimal) -> String {
        bands.first(where: { $0.admits(value) })?.label ?? otherwise
    }

    /// Predikat capaian, LKjIP Tabel 3.2: ≥ 85 Sangat Berhasil, ≥ 70 Berhasil, ≥ 55 Cukup Berhasil,
    /// else Tidak Berhasil. (The table's "s.d 100%" upper bound is not a cap: 105.42% is Sangat Berhasil.)
    public static let predikatCapaian = try! Scale(
        name: "Predikat capaian (LKjIP)",
        bands: [
            Band(.atLeast, 85, "Sangat Berhasil"),
            Band(.atLeast, 70, "Berhasil"),
            Band(.atLeast, 55, "Cukup Berhasil"),
        ],
        otherwise: "Tidak Berhasil")

    /// Skala nilai peringkat kinerja, Permendagri 86/2017 (LKjIP Tabel 3.1): ≥ 90 Sangat Tinggi,
    /// > 75 Tinggi, > 65 Sedang, > 50 Rendah, else Sangat Rendah. The regulation writes integer bands
    /// ("76 ≤ 90", "66 ≤ 75"); reading them as > 75 and > 65 leaves no gap for 75.5.
    public static let permendagri86 = try! Scale(
        name: "Skala nilai peringkat kinerja (Permendagri 86/2017)",
        bands: [
            Band(.atLeast, 90, "Sangat Tinggi"),
            Band(.greaterThan, 75, "Tinggi"),
            Band(.greaterThan, 65, "Sedang"),
            Band(.greaterThan, 50, "Rendah"),
        ],
        otherwise: "Sangat Rendah")
}
