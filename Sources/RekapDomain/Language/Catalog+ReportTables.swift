extension Catalog {
    /// The city report's chapters, tables, notes, column headings and the words inside its cells, in
    /// the terms Indonesian LKjIP documents use (Sasaran Strategis, Indikator Kinerja, Satuan, Pagu,
    /// Penyerapan, Jenis Belanja …). Every format of the report (HTML, Markdown, CSV, XLSX, JSON) takes
    /// its human text from here; CSV and JSON keys never change with the language.
    public enum ReportTables {
        // MARK: Chapters (LKjIP chapter III)

        public static let chapterKinerja = LocalizedText(id: "Kinerja: Indikator Kinerja Utama (lih. Tabel 3.3–3.5)",
                                                         en: "Performance: key performance indicators (IKU; cf. Tabel 3.3–3.5)")
        public static let chapterAnggaran = LocalizedText(id: "Akuntabilitas Keuangan (lih. Tabel 3.7–3.10)",
                                                          en: "Financial accountability (cf. Tabel 3.7–3.10)")
        public static let chapterPBB = LocalizedText("PBB-P2")
        public static let chapterPeringkat = LocalizedText(id: "Peringkat", en: "Rankings")
        public static let chapterKelengkapan = LocalizedText(id: "Kelengkapan Laporan", en: "Report completeness")
        public static let chapterTemuan = LocalizedText(id: "Temuan", en: "Findings")

        // MARK: Table titles and notes

        public static func ikuTitle(year: Int, previous: Int) -> LocalizedText {
            LocalizedText(id: "Capaian IKU per Kecamatan, \(year) dibandingkan \(previous)",
                          en: "IKU capaian by kecamatan, \(year) against \(previous)")
        }
        public static let ikuNote = LocalizedText(
            id: "Capaian = realisasi ÷ target × 100 (semakin tinggi semakin baik) atau (2 × target − realisasi) ÷ target × 100 (semakin rendah semakin baik); predikat menurut LKjIP Tabel 3.2.",
            en: "Capaian = realisasi ÷ target × 100 (higher is better) or (2 × target − realisasi) ÷ target × 100 (lower is better); predikat per LKjIP Tabel 3.2.")

        public static let previousYearTitle = LocalizedText(id: "Capaian Tahun Lalu dan Tahun Ini (lih. Tabel 3.4)",
                                                            en: "Capaian last year and this year (cf. Tabel 3.4)")
        public static func previousYearNote(last: Int, this: Int) -> LocalizedText {
            LocalizedText(id: "Angka \(last) dari LKjIP \(last) yang tersimpan; bila tidak ada, dari angka \(last) yang dinyatakan laporan \(this) (previous).",
                          en: "The \(last) figures come from the stored LKjIP \(last); without one, from the \(last) figures the \(this) report states (previous).")
        }

        public static let renstraTitle = LocalizedText(id: "Kemajuan terhadap Target Akhir Renstra (lih. Tabel 3.5)",
                                                       en: "Progress towards the Renstra end target (cf. Tabel 3.5)")
        public static func renstraNote(year: Int) -> LocalizedText {
            LocalizedText(id: "Target akhir dari Renstra yang tersimpan; bila tidak ada, yang dinyatakan laporan (renstra_target). Kemajuan dihitung seperti capaian: realisasi \(year) terhadap target akhir.",
                          en: "The end target comes from the stored Renstra; without one, from what the report states (renstra_target). Progress is computed like capaian: realisasi \(year) against the end target.")
        }

        public static let quarterTitle = LocalizedText(id: "Capaian Triwulan terhadap Target PK", en: "Quarterly capaian against the PK targets")
        public static let quarterNote = LocalizedText(
            id: "Laporan triwulan (kumulatif) dengan target triwulan dari PK (rencana aksi): capaian terhadap target laporan sendiri dan terhadap target PK.",
            en: "Quarterly reports (cumulative) with the quarter's target from the PK (rencana aksi): capaian against the report's own target and against the PK's.")

        public static let ikuCityTitle = LocalizedText(id: "IKU Tingkat Kota", en: "IKU across the city")
        public static let ikuCityNote = LocalizedText(
            id: "Capaian % atas kecamatan yang melaporkan setiap indikator; kolom terakhir menghitung kecamatan per predikat.",
            en: "Capaian % over the kecamatan reporting each indicator; the last columns count kecamatan per predikat.")

        public static let programTitle = LocalizedText(id: "Realisasi Anggaran per Program (lih. Tabel 3.7)", en: "Budget realisation by program (cf. Tabel 3.7)")
        public static let programNote = LocalizedText(
            id: "Program dicocokkan antarkecamatan menurut kode (menurut nama bila tanpa kode); penyerapan = realisasi ÷ pagu × 100.",
            en: "Programs matched across kecamatan by code (by name when uncoded); penyerapan = realisasi ÷ pagu × 100.")

        public static let belanjaTitle = LocalizedText(id: "Realisasi Anggaran per Jenis Belanja", en: "Budget realisation by belanja type")

        public static let efisiensiTitle = LocalizedText(id: "Efisiensi Penggunaan Sumber Daya per Kecamatan (lih. Tabel 3.10)",
                                                         en: "Efficiency of resource use (efisiensi) by kecamatan (cf. Tabel 3.10)")
        public static let efisiensiNote = LocalizedText(
            id: "Efisiensi = capaian IKU ÷ penyerapan (LKjIP Tabel 3.10); 1,00 atau lebih berarti efisien.",
            en: "Efisiensi = IKU capaian ÷ penyerapan (LKjIP Tabel 3.10); 1.00 or more is efisien.")

        public static let pbbKecamatanTitle = LocalizedText(id: "PBB-P2 per Kecamatan", en: "PBB-P2 by kecamatan")
        public static let pbbKelurahanTitle = LocalizedText(id: "PBB-P2 per Kelurahan dan Desa", en: "PBB-P2 by kelurahan and desa")
        public static let pbbNote = LocalizedText(
            id: "Realisasi = pokok yang dibayar sampai tanggal data; % = realisasi ÷ ketetapan × 100; sumber: feed (CSV badan pendapatan daerah) atau laporan.",
            en: "Realisasi = pokok paid up to the as-of date; % = realisasi ÷ ketetapan × 100; source: feed (revenue agency CSV) or submission.")

        public static func completenessTitle(year: Int) -> LocalizedText {
            LocalizedText(id: "Laporan \(year) per Periode", en: "Submissions for \(year) by period")
        }
        public static func completenessNote(submitted: Int, owing: Int, missing: String) -> LocalizedText {
            LocalizedText(
                id: "\(submitted) dari \(owing) wilayah yang wajib menyampaikan laporan tahunan (FY) telah menyampaikannya; setiap sel memuat revisi terakhir, tanggal disimpan dan tanggal ditandatangani; \(missing) bila wilayah tidak wajib melaporkan periode itu. Wilayah yang tidak wajib melapor dan tidak mengirim apa pun tidak dicantumkan.",
                en: "\(submitted) of \(owing) regions that owe the annual report (FY) submitted it; each cell is the latest revision, the day it was stored and the day it was signed; \(missing) where the region does not owe the period. Regions that owe nothing and sent nothing are not listed.")
        }

        public static let findingsTitle = LocalizedText(id: "Temuan Terbuka per Laporan", en: "Open findings by submission")
        public static let findingsNote = LocalizedText(
            id: "Temuan dari revisi terakhir setiap wilayah per periode; temuan revisi sebelumnya ditutup oleh revisi yang menggantikannya.",
            en: "Findings of each region's latest revision per period; earlier revisions' findings are closed by the revision that replaced them.")

        public static let crossFindingsTitle = LocalizedText(id: "Temuan Lintas Dokumen (laporan, PK, Renstra)",
                                                             en: "Findings across documents (report, PK, Renstra)")
        public static let crossFindingsNote = LocalizedText(
            id: "Dihitung ulang setiap kali salah satu dokumen disimpan atau direvisi; revisi yang membetulkan menutupnya.",
            en: "Recomputed whenever one of the documents is stored or revised; a correcting revision closes them.")

        // MARK: Column headings

        public static let kecamatan = LocalizedText("Kecamatan")
        public static let kelurahan = LocalizedText("Kelurahan")
        public static let region = LocalizedText(id: "Wilayah", en: "Region")
        public static let sasaran = LocalizedText(id: "Sasaran Strategis", en: "Strategic objective (sasaran)")
        public static let indicator = LocalizedText(id: "Indikator", en: "Indicator")
        public static let indicatorName = LocalizedText(id: "Indikator Kinerja", en: "Performance indicator")
        public static let unit = LocalizedText(id: "Satuan", en: "Unit")
        public static let predikat = LocalizedText("Predikat")
        public static let renstraTarget = LocalizedText(id: "Target Renstra", en: "Renstra target")
        public static let renstraEndTarget = LocalizedText(id: "Target Akhir Renstra", en: "Renstra end target")
        public static let statedByReport = LocalizedText(id: "Dinyatakan Laporan", en: "Stated by the report")
        public static let progress = LocalizedText(id: "Kemajuan %", en: "Progress %")
        public static let renstra = LocalizedText("Renstra")
        public static let period = LocalizedText(id: "Periode", en: "Period")
        public static let reportTarget = LocalizedText(id: "Target Laporan", en: "Report target")
        public static let pkTarget = LocalizedText("Target PK")
        public static let realisasi = LocalizedText("Realisasi")
        public static let capaian = LocalizedText("Capaian %")
        public static let capaianPK = LocalizedText(id: "Capaian thd Target PK %", en: "Capaian against the PK target %")
        public static let pk = LocalizedText("PK")
        public static let reporting = LocalizedText(id: "Melapor", en: "Reporting")
        public static let mean = LocalizedText(id: "Rata-rata %", en: "Mean %")
        public static let median = LocalizedText("Median %")
        public static let minimum = LocalizedText(id: "Terendah %", en: "Min %")
        public static let maximum = LocalizedText(id: "Tertinggi %", en: "Max %")
        public static let code = LocalizedText(id: "Kode", en: "Code")
        public static let program = LocalizedText("Program")
        public static let kecamatanCount = LocalizedText(id: "Jumlah Kecamatan", en: "Kecamatan")
        public static let paguMurni = LocalizedText(id: "Pagu Murni", en: "Pagu murni")
        public static let pagu = LocalizedText("Pagu")
        public static let sisa = LocalizedText(id: "Sisa Anggaran", en: "Sisa (unspent)")
        public static let penyerapan = LocalizedText("Penyerapan %")
        public static let belanjaType = LocalizedText(id: "Jenis Belanja", en: "Belanja type")
        public static let ikuCapaian = LocalizedText(id: "Capaian IKU %", en: "IKU capaian %")
        public static let efisiensi = LocalizedText("Efisiensi")
        public static let keterangan = LocalizedText(id: "Keterangan", en: "Remarks")
        public static let ketetapan = LocalizedText("Ketetapan")
        public static let percent = LocalizedText("%")
        public static let objek = LocalizedText(id: "Objek Pajak", en: "Objects")
        public static let lunas = LocalizedText(id: "Lunas", en: "Paid in full")
        public static let reachedFullOn = LocalizedText(id: "100% pada", en: "100% on")
        public static let asOf = LocalizedText(id: "Per Tanggal", en: "As of")
        public static let source = LocalizedText(id: "Sumber", en: "Source")
        public static let level = LocalizedText(id: "Jenis Wilayah", en: "Level")
        public static let submission = LocalizedText(id: "Laporan", en: "Submission")
        public static let revision = LocalizedText("Rev.")
        public static let severity = LocalizedText(id: "Tingkat", en: "Severity")
        public static let rule = LocalizedText(id: "Aturan", en: "Rule")
        public static let pointer = LocalizedText(id: "Letak", en: "Pointer")
        public static let message = LocalizedText(id: "Uraian Temuan", en: "Message")
        public static let document = LocalizedText(id: "Dokumen", en: "Document")
        public static let documentID = LocalizedText("ID")
        public static let against = LocalizedText(id: "Dibandingkan dengan", en: "Compared with")

        public static func target(_ year: Int) -> LocalizedText { LocalizedText("Target \(year)") }
        public static func pkTarget(_ year: Int) -> LocalizedText { LocalizedText("Target PK \(year)") }
        public static func realisasi(_ year: Int) -> LocalizedText { LocalizedText("Realisasi \(year)") }
        public static func capaian(_ year: Int) -> LocalizedText { LocalizedText("Capaian \(year) %") }
        public static func source(_ year: Int) -> LocalizedText { LocalizedText(id: "Sumber \(year)", en: "Source \(year)") }

        /// The heading of a region's code beside its name (`heading`, already in `language`) in a
        /// workbook: "Kode kecamatan" / "Kecamatan code".
        public static func regionCode(_ heading: String, _ language: Language) -> String {
            language == .id ? "Kode " + heading.lowercased() : heading + " code"
        }

        // MARK: Words in cells

        /// The label of a total line.
        public static let total = LocalizedText(id: "Jumlah", en: "Total")
        /// Where last year's figures come from.
        public static let storedReport = LocalizedText(id: "LKjIP tersimpan", en: "stored LKjIP")
        public static let reported = LocalizedText(id: "dinyatakan laporan", en: "stated by the report")

        /// A belanja type as LKjIP documents name it: "Belanja Operasi".
        public static func belanja(_ type: BelanjaType) -> LocalizedText {
            switch type {
            case .operasi: LocalizedText(id: "Belanja Operasi", en: "Operating (operasi)")
            case .modal: LocalizedText(id: "Belanja Modal", en: "Capital (modal)")
            case .tidakTerduga: LocalizedText(id: "Belanja Tidak Terduga", en: "Unforeseen (tidak terduga)")
            case .transfer: LocalizedText(id: "Belanja Transfer", en: "Transfer")
            }
        }

        /// Where a region's PBB-P2 figures come from.
        public static func pbbSource(_ source: String) -> LocalizedText {
            switch source {
            case "feed": LocalizedText(id: "feed", en: "feed")
            case "submission": LocalizedText(id: "laporan", en: "submission")
            case "mixed": LocalizedText(id: "campuran", en: "mixed")
            default: LocalizedText(source)
            }
        }

        // A period's latest submission in the completeness table.
        /// A period owed and not sent.
        public static let missingSubmission = LocalizedText(id: "belum ada", en: "missing")
        public static let dateUnknown = LocalizedText(id: "tanggal tidak diketahui", en: "date unknown")
        public static let signed = LocalizedText(id: "ditandatangani", en: "signed")

        /// The warning before a staleness note (Markdown, workbook).
        public static let warning = LocalizedText(id: "Peringatan", en: "Warning")
    }
}
