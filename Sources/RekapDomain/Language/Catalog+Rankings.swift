extension Catalog {
    /// The rankings (`rekap rank`, the report's Peringkat chapter, the dashboard): each board's title
    /// and what its value means, and the headings of the leaderboard and medal tables. The CLI's text
    /// tables print the English texts; pages and workbooks the reader's language.
    public enum Rankings {
        /// "Realisasi PBB-P2 2023 (%) per kelurahan, per tanggal 31 Maret 2023" / "PBB-P2 2023 realisasi % per kelurahan as of 2023-03-31".
        public static func pbbTitle(year: Int, level: String, asOf: CalendarDate?) -> LocalizedText {
            LocalizedText(id: "Realisasi PBB-P2 \(year) (%) per \(level)" + (asOf.map { ", per tanggal \(LocalizedDate.date($0, .id))" } ?? ""),
                          en: "PBB-P2 \(year) realisasi % per \(level)" + (asOf.map { " as of \($0)" } ?? ""))
        }
        public static let pbbKelurahanMeasure = LocalizedText(
            id: "realisasi ÷ ketetapan × 100 (rekap rank pbb --level kelurahan)",
            en: "realisasi ÷ ketetapan × 100 (rekap rank pbb --level kelurahan)")
        public static let pbbKecamatanMeasure = LocalizedText(
            id: "Σ realisasi ÷ Σ ketetapan kelurahan di dalamnya × 100 (rekap rank pbb --level kecamatan)",
            en: "Σ realisasi ÷ Σ ketetapan of its kelurahan × 100 (rekap rank pbb --level kecamatan)")

        public static func ikuIndicatorTitle(year: Int, indicator: String) -> LocalizedText {
            LocalizedText(id: "Capaian IKU \(indicator) \(year) (%) per kecamatan", en: "IKU \(year) capaian % of \(indicator) per kecamatan")
        }
        public static func ikuIndicatorMeasure(indicator: String) -> LocalizedText {
            LocalizedText(id: "capaian \(indicator) dari realisasi dan targetnya, menurut polaritasnya (rekap rank iku --indicator \(indicator))",
                          en: "capaian of \(indicator) from its realisasi and target, as its polarity says (rekap rank iku --indicator \(indicator))")
        }
        public static func ikuMeanTitle(year: Int) -> LocalizedText {
            LocalizedText(id: "Rata-rata capaian IKU \(year) (%) per kecamatan", en: "IKU \(year) mean capaian % per kecamatan")
        }
        public static let ikuMeanMeasure = LocalizedText(
            id: "rata-rata capaian indikator kecamatan: jumlah capaian ÷ jumlah indikator (rekap rank iku)",
            en: "mean capaian of the kecamatan's indicators: capaian_sum ÷ indicators (rekap rank iku)")

        public static func penyerapanTitle(year: Int) -> LocalizedText {
            LocalizedText(id: "Penyerapan anggaran \(year) (%) per kecamatan", en: "Budget \(year) penyerapan % per kecamatan")
        }
        public static let penyerapanMeasure = LocalizedText(
            id: "realisasi ÷ pagu × 100 atas seluruh anggaran kecamatan (rekap rank penyerapan)",
            en: "realisasi ÷ pagu × 100 of the kecamatan's whole budget (rekap rank penyerapan)")

        public static func awardsTitle(year: Int) -> LocalizedText {
            LocalizedText(id: "Penghargaan \(year): klasemen medali kelurahan", en: "Awards \(year): kelurahan medal table")
        }

        // MARK: The leaderboard table

        public static let rank = LocalizedText(id: "Peringkat", en: "Rank")
        public static let value = LocalizedText(id: "Nilai %", en: "Value %")
        /// A term a value is computed from ("realisasi", "ketetapan", "capaian_sum" …), as a heading.
        public static func term(_ name: String) -> LocalizedText {
            switch name {
            case "capaian_sum": LocalizedText(id: "Jumlah capaian", en: "Capaian sum")
            case "indicators": LocalizedText(id: "Jumlah indikator", en: "Indicators")
            case "numerator": LocalizedText(id: "Pembilang", en: "Numerator")
            case "denominator": LocalizedText(id: "Penyebut", en: "Denominator")
            default: LocalizedText(name.prefix(1).uppercased() + name.dropFirst())
            }
        }
        /// A bar's accessible description: "Peringkat 1: Jaya Mukti (14.72.02.1001) 98,51%".
        public static func barTitle(rank: Int, name: String, code: String, value: String) -> LocalizedText {
            LocalizedText(id: "Peringkat \(rank): \(name) (\(code)) \(value)%", en: "Rank \(rank): \(name) (\(code)) \(value)%")
        }

        // MARK: The medal table

        public static let medalTitle = LocalizedText(id: "Klasemen Medali Kelurahan (penghargaan)", en: "Medal table of kelurahan (awards)")
        public static let medalChartTitle = LocalizedText(id: "Klasemen medali kelurahan", en: "Medal table of kelurahan")
        public static let medalNote = LocalizedText(
            id: "Juara 1–3 dari penghargaan yang dilaporkan (lih. Tabel 3.11): terbanyak juara 1, lalu juara 2, lalu juara 3; Harapan dan piagam (lainnya) tidak dihitung.",
            en: "Podium places from the awards submitted (cf. Tabel 3.11): most firsts, then seconds, then thirds; Harapan and certificates (other) do not count.")
        public static let podium = LocalizedText(id: "Juara 1–3", en: "Podium")
        public static let other = LocalizedText(id: "Lainnya", en: "Other")
        public static func medalBarTitle(rank: Int, name: String, code: String, first: Int, second: Int, third: Int) -> LocalizedText {
            LocalizedText(id: "Peringkat \(rank): \(name) (\(code)): \(first) juara 1, \(second) juara 2, \(third) juara 3",
                          en: "Rank \(rank): \(name) (\(code)): \(first) first, \(second) second, \(third) third places")
        }

        // MARK: A ranking workbook

        /// The sheet of a one-board workbook.
        public static let sheetName = LocalizedText(id: "Peringkat", en: "Ranking")
        public static let city = LocalizedText(id: "Kota", en: "City")
        public static let year = LocalizedText(id: "Tahun", en: "Year")
        public static let asOf = LocalizedText(id: "Per tanggal", en: "As of")
        public static let latestData = LocalizedText(id: "data terakhir", en: "the latest data")
    }
}
