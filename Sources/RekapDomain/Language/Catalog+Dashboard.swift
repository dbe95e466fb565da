extension Catalog {
    /// Bappeda's dashboard.
    public enum Dashboard {
        public static let titlePrefix = LocalizedText(id: "Dasbor", en: "Dashboard")
        public static let year = LocalizedText(id: "Tahun", en: "Year")
        public static let pbbAsOf = LocalizedText(id: "PBB-P2 per tanggal", en: "PBB-P2 as of")
        public static let dateHint = LocalizedText(id: "hh/bb/tttt", en: "dd/mm/yyyy")
        public static let show = LocalizedText(id: "Tampilkan", en: "Show")
        public static let logout = LocalizedText(id: "Keluar", en: "Log out")
        public static let aggregatedAt = LocalizedText(id: "Agregat dihitung", en: "Aggregates computed at")
        public static let shownAt = LocalizedText(id: "ditampilkan", en: "shown at")
        public static let lastPayment = LocalizedText(id: "pembayaran terakhir", en: "the last payment")
        public static let ikuCapaian = LocalizedText(id: "Capaian IKU", en: "IKU capaian")
        public static let penyerapan = LocalizedText(id: "Penyerapan anggaran", en: "Budget absorption (penyerapan)")
        public static let awards = LocalizedText(id: "Penghargaan", en: "Awards")
        public static let completeness = LocalizedText(id: "Kelengkapan laporan", en: "Report completeness")
        public static let findings = LocalizedText(id: "Temuan terbuka", en: "Open findings")
        public static let noFindings = LocalizedText(id: "Tidak ada temuan terbuka.", en: "No open findings.")
        public static let quarters = LocalizedText(id: "Triwulan", en: "Quarters")
        public static let villages = LocalizedText(id: "Kelurahan/desa", en: "Kelurahan/desa")
        public static let revisionAbbreviation = LocalizedText(id: "rev.", en: "rev.")
        public static let submission = LocalizedText(id: "kiriman", en: "submission")
        public static let crossFindings = LocalizedText(id: "Temuan Lintas Dokumen", en: "Findings across documents")
        public static let noCrossFindings = LocalizedText(id: "Tidak ada temuan lintas dokumen.", en: "No findings across documents.")

        /// The note above the findings across documents: how many there are.
        public static func crossFindingCount(_ count: Int, _ language: Language) -> String {
            switch language {
            case .id: "Laporan, Perjanjian Kinerja dan Renstra yang tidak sesuai satu sama lain: \(LocalizedNumber.integer(count, .id)) temuan."
            case .en: "Reports, Perjanjian Kinerja and Renstra that disagree with one another: \(count) finding\(count == 1 ? "" : "s")."
            }
        }

        /// "3 temuan" under a kecamatan's heading.
        public static func findingsCount(_ count: Int, _ language: Language) -> String {
            switch language {
            case .id: "\(LocalizedNumber.integer(count, .id)) temuan"
            case .en: "\(count) finding\(count == 1 ? "" : "s")"
            }
        }

        public static func completenessTitle(year: Int) -> LocalizedText {
            LocalizedText(id: "Laporan \(year) per kecamatan", en: "Submissions for \(year) by kecamatan")
        }

        public static func completenessNote(submitted: Int, of total: Int, _ language: Language) -> String {
            switch language {
            case .id: "\(submitted) dari \(total) kecamatan telah mengirim laporan tahunan (FY): tanggal revisi terakhirnya; triwulan yang dikirim; kelurahan dan desa yang mengirim sesuatu."
            case .en: "\(submitted) of \(total) kecamatan submitted the annual report (FY): the day of its latest revision; quarters submitted; kelurahan and desa that submitted anything."
            }
        }

        public static func villagesReporting(_ reporting: Int, of total: Int, _ language: Language) -> String {
            language == .id ? "\(reporting) dari \(total)" : "\(reporting) of \(total)"
        }

        /// "2 galat, 1 peringatan pada 3 kiriman, …".
        public static func findingCounts(_ counts: [(Finding.Severity, Int)], submissions: Int, _ language: Language) -> String {
            switch language {
            case .id:
                let parts = counts.map { "\(LocalizedNumber.integer($0.1, .id)) \(Catalog.severity($0.0).id)" }
                return "\(parts.joined(separator: ", ")) pada \(submissions) kiriman, dari revisi terakhir setiap wilayah per periode."
            case .en:
                let parts = counts.map { "\($0.1) \($0.0.rawValue)\($0.1 == 1 || $0.0 == .info ? "" : "s")" }
                return "\(parts.joined(separator: ", ")) in \(submissions) submission\(submissions == 1 ? "" : "s"), of each region's latest revision per period."
            }
        }
    }
}
