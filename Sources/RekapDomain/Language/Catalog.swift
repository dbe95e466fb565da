/// rekap's message catalog: every text a person reads on a page, in both languages, by name.
///
/// Each area of the application keeps its texts in its own extension file (`Catalog+Dashboard.swift`,
/// `Catalog+Accounts.swift`, …) as `LocalizedText` constants, looked up by name and printed with
/// `text(language)`: `Catalog.Dashboard.logout(.id)` is "Keluar". Texts with figures are functions
/// returning a `LocalizedText`. A finding's message has both texts on the finding itself (``Finding/text``).
public enum Catalog {
    /// Texts every page shares.
    public enum Common {
        public static let appName = LocalizedText("rekap")
        public static let languageSwitch = LocalizedText(id: "Bahasa", en: "Language")
        /// The name of each language in itself, for the switch.
        public static func languageName(_ language: Language) -> String {
            switch language {
            case .id: "Bahasa Indonesia"
            case .en: "English"
            }
        }
        public static let never = LocalizedText(id: "belum pernah", en: "never")
        public static let staleFigures = LocalizedText(id: "Angka mungkin belum mutakhir.", en: "Figures may be out of date.")
        public static let backToDashboard = LocalizedText(id: "Kembali ke dasbor", en: "Back to the dashboard")
        public static let logInAgain = LocalizedText(id: "Masuk dengan akun lain", en: "Log in with another account")
        public static let noData = LocalizedText(id: "Belum ada data.", en: "No data yet.")
    }

    /// Finding severities as people read them.
    public static func severity(_ severity: Finding.Severity) -> LocalizedText {
        switch severity {
        case .error: LocalizedText(id: "galat", en: "error")
        case .warning: LocalizedText(id: "peringatan", en: "warning")
        case .info: LocalizedText(id: "info", en: "info")
        }
    }
}
