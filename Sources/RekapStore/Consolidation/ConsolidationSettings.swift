import Foundation
import PostgresLibPQ
import RekapDomain

/// A city's consolidation settings (`consolidation_setting`, `predikat_scale`): the capaian cap, the
/// periods each region level owes (completeness), and the predikat scale for a year.
///
/// The default predikat scale is `Scale.predikatCapaian` and is written nowhere else: a city without
/// its own scale gets it from Swift, and the consolidator passes the effective scale to SQL as a
/// parameter (`predikat_label(value, scale)`), so SQL never carries a copy of the default bands.
public struct ConsolidationSettings: Sendable, Hashable {
    /// Each indicator counts at most this much in a kecamatan's mean capaian; nil: no cap.
    public var capaianCap: Decimal?
    /// The predikat capaian scale in force.
    public var predikatScale: Scale
    /// Which periods kecamatan and kelurahan owe (`ReportingObligations.default` unless the city set its own).
    public var obligations: ReportingObligations

    public init(capaianCap: Decimal? = nil, predikatScale: Scale = .predikatCapaian,
                obligations: ReportingObligations = .default) {
        self.capaianCap = capaianCap
        self.predikatScale = predikatScale
        self.obligations = obligations
    }

    /// The settings in force for a city and year (defaults where none are stored).
    public static func load(city: RegionCode, year: Int, on connection: PGConnection) throws -> ConsolidationSettings {
        let (cap, obligations) = try citySetting(city, on: connection)
        let rows = try connection.query("""
            SELECT comparison, threshold, label FROM predikat_scale
             WHERE city_code = \(city.text) AND year = \(year) ORDER BY position
            """)
        guard !rows.isEmpty else { return ConsolidationSettings(capaianCap: cap, obligations: obligations) }
        var bands: [Scale.Band] = []
        var otherwise: String?
        for row in rows {
            let label = try row.decode(String.self, column: "label")
            if let comparisonText = try row.decode(String?.self, column: "comparison"),
               let threshold = try row.decode(Decimal?.self, column: "threshold") {
                guard otherwise == nil, let comparison = Scale.Comparison(rawValue: comparisonText) else {
                    throw ConsolidationError(reason: "the predikat scale of \(city) \(year) is malformed: a band follows the label below all bands")
                }
                bands.append(Scale.Band(comparison, threshold, label))
            } else {
                otherwise = label
            }
        }
        guard let otherwise else {
            throw ConsolidationError(reason: "the predikat scale of \(city) \(year) has no label for values below every band")
        }
        do {
            return ConsolidationSettings(
                capaianCap: cap,
                predikatScale: try Scale(name: "Predikat capaian (\(city) \(year))", bands: bands, otherwise: otherwise),
                obligations: obligations)
        } catch {
            throw ConsolidationError(reason: "the predikat scale of \(city) \(year) is invalid: \(error.reason)")
        }
    }

    /// Sets (or with nil removes) a city's capaian cap.
    public static func setCapaianCap(_ cap: Decimal?, city: RegionCode, on connection: PGConnection) throws {
        if let cap, cap <= 0 {
            throw ConsolidationError(reason: "a capaian cap must be above 0, not \(DecimalText.string(cap))")
        }
        try connection.execute("""
            INSERT INTO consolidation_setting (city_code, capaian_cap) VALUES (\(city.text), \(cap))
            ON CONFLICT (city_code) DO UPDATE SET capaian_cap = excluded.capaian_cap, updated_at = now()
            """)
    }

    /// Which periods the city's kecamatan and kelurahan owe: its own setting per level, else
    /// `ReportingObligations.default`'s.
    public static func reportingObligations(city: RegionCode, on connection: PGConnection) throws -> ReportingObligations {
        try citySetting(city, on: connection).obligations
    }

    /// The city's row of `consolidation_setting` (one statement: staleness reads it on every API request).
    private static func citySetting(_ city: RegionCode, on connection: PGConnection) throws
        -> (capaianCap: Decimal?, obligations: ReportingObligations)
    {
        let setting = try connection.query("""
            SELECT capaian_cap, array_to_string(kecamatan_periods, ' ') AS kecamatan_periods,
                   array_to_string(kelurahan_periods, ' ') AS kelurahan_periods
              FROM consolidation_setting WHERE city_code = \(city.text)
            """).first
        func periods(_ column: String, default fallback: Set<Period>) throws -> Set<Period> {
            // NULL: the default; '' an empty array (owes nothing).
            guard let texts = try setting?.decode(String?.self, column: column) else { return fallback }
            return Set(try texts.split(separator: " ").map { text in
                guard let period = Period(rawValue: String(text)) else {
                    throw ConsolidationError(reason: "the reporting periods of \(city) hold an unknown period \"\(text)\"")
                }
                return period
            })
        }
        let obligations = ReportingObligations(
            kecamatan: try periods("kecamatan_periods", default: ReportingObligations.default.kecamatan),
            kelurahan: try periods("kelurahan_periods", default: ReportingObligations.default.kelurahan))
        return (try setting?.decode(Decimal?.self, column: "capaian_cap"), obligations)
    }

    /// Sets which periods a region level of a city owes (kecamatan, or kelurahan and desa); nil returns
    /// the level to `ReportingObligations.default`. The aggregates are stale until the next recompute.
    ///
    /// - Throws: `ConsolidationError` for a level other than kecamatan or desa/kelurahan.
    public static func setReportingPeriods(_ periods: Set<Period>?, owedBy level: RegionLevel, city: RegionCode,
                                           on connection: PGConnection) throws {
        let column: String
        switch level {
        case .kecamatan: column = "kecamatan_periods"
        case .desaKelurahan: column = "kelurahan_periods"
        case .provinsi, .kabupatenKota:
            throw ConsolidationError(reason: "only kecamatan and kelurahan owe reports, not a \(level)")
        }
        let texts = periods.map { PGArray(ReportingObligations.ordered($0).map(\.rawValue)) }
        try connection.execute("""
            INSERT INTO consolidation_setting (city_code, \(identifier: column)) VALUES (\(city.text), \(texts)::text[])
            ON CONFLICT (city_code) DO UPDATE SET \(identifier: column) = excluded.\(identifier: column), updated_at = now()
            """)
    }

    /// Gives a city its own predikat scale for one year, or with nil returns it to the default.
    public static func setPredikatScale(_ scale: Scale?, city: RegionCode, year: Int, on connection: PGConnection) throws {
        if let scale {
            let labels = scale.bands.map(\.label) + [scale.otherwise]
            if Set(labels).count != labels.count {
                throw ConsolidationError(reason: "a predikat scale needs a different label for each band")
            }
        }
        try connection.transaction { connection in
            try connection.execute("DELETE FROM predikat_scale WHERE city_code = \(city.text) AND year = \(year)")
            guard let scale else { return }
            for (position, band) in scale.bands.enumerated() {
                try connection.execute("""
                    INSERT INTO predikat_scale (city_code, year, position, comparison, threshold, label)
                    VALUES (\(city.text), \(year), \(position), \(band.comparison.rawValue), \(band.threshold), \(band.label))
                    """)
            }
            try connection.execute("""
                INSERT INTO predikat_scale (city_code, year, position, label)
                VALUES (\(city.text), \(year), \(scale.bands.count), \(scale.otherwise))
                """)
        }
    }

    /// The scale as the JSON `predikat_label(value, scale)` reads; thresholds as exact decimal text.
    var predikatScaleJSON: String {
        let bands = predikatScale.bands.map { band in
            JSONValue.object([
                JSONMember(key: "comparison", value: .string(band.comparison.rawValue)),
                JSONMember(key: "threshold", value: .string(DecimalText.string(band.threshold))),
                JSONMember(key: "label", value: .string(band.label)),
            ])
        }
        return JSONWriter.string(.object([
            JSONMember(key: "bands", value: .array(bands)),
            JSONMember(key: "otherwise", value: .string(predikatScale.otherwise)),
        ]), indent: nil)
    }

    /// What the aggregates depend on, as text; a change makes them stale. The obligations are left
    /// out while they are the default, so aggregates computed before they existed stay fresh.
    var fingerprint: String {
        let base = "cap=\(capaianCap.map(DecimalText.string) ?? "none");scale=\(predikatScaleJSON)"
        guard obligations != .default else { return base }
        return base + ";owed=kecamatan:\(Self.text(obligations.kecamatan)),kelurahan:\(Self.text(obligations.kelurahan))"
    }

    /// Periods as `FY Q1`, in report order.
    static func text(_ periods: Set<Period>) -> String {
        ReportingObligations.ordered(periods).map(\.rawValue).joined(separator: " ")
    }
}
