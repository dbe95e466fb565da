extension Catalog {
    /// The city report's frame (HTML): its header, contents and footer.
    public enum Report {
        public static func title(city: String, year: Int) -> LocalizedText {
            LocalizedText(id: "Laporan konsolidasi \(city) \(year)", en: "Consolidated report \(city) \(year)")
        }
        public static let city = LocalizedText(id: "Kota", en: "City")
        public static let year = LocalizedText(id: "Tahun", en: "Year")
        public static let generatedAt = LocalizedText(id: "Dibuat", en: "Generated at")
        public static let aggregatedAt = LocalizedText(id: "Agregat dihitung", en: "Aggregates computed at")
        public static let figures = LocalizedText(id: "Angka", en: "Figures")
        public static let current = LocalizedText(id: "mutakhir", en: "current")
        public static let stale = LocalizedText(id: "mungkin usang (lihat peringatan di bawah)", en: "stale (see the warning below)")
        public static let contents = LocalizedText(id: "Daftar isi", en: "Contents")
        public static let generated = LocalizedText(id: "dibuat", en: "generated")
        public static let first = LocalizedText(id: "Juara 1", en: "1st")
        public static let second = LocalizedText(id: "Juara 2", en: "2nd")
        public static let third = LocalizedText(id: "Juara 3", en: "3rd")

        public static func allRows(_ count: Int, _ language: Language) -> String {
            language == .id ? "Semua \(LocalizedNumber.integer(count, .id)) baris" : "All \(count) rows"
        }

        public static func chartOmitted(shown: Int, of total: Int, _ language: Language) -> String {
            language == .id ? "\(shown) pertama dari \(total); tabel memuat semuanya." : "The first \(shown) of \(total); the table lists all."
        }
    }
}
