extension Catalog {
    /// The report forms (`/forms/...`): headings, buttons, notices and field labels, Bahasa Indonesia
    /// by default and English on request (``Language``).
    public enum Forms {
        public static func title(annual: Bool, period: String, year: Int, region: String) -> LocalizedText {
            LocalizedText(id: "Laporan \(annual ? "tahunan (LKjIP)" : "triwulan \(period)") \(year): \(region)",
                          en: "\(annual ? "Annual report (LKjIP)" : "Quarterly report \(period)") \(year): \(region)")
        }
        public static let regionCode = LocalizedText(id: "Kode wilayah", en: "Region code")
        public static let history = LocalizedText(id: "Riwayat kiriman", en: "Sending history")
        public static let logout = LocalizedText(id: "Keluar", en: "Log out")
        public static let formsHome = LocalizedText(id: "Formulir laporan", en: "Report forms")
        public static let logIn = LocalizedText(id: "Masuk", en: "Log in")
        public static let signed = LocalizedText(id: "Penandatangan", en: "Signatory")
        public static let indicators = LocalizedText(id: "Indikator kinerja", en: "Performance indicators")
        public static let budget = LocalizedText(id: "Anggaran", en: "Budget")
        public static let pbb = LocalizedText(id: "PBB-P2 per kelurahan", en: "PBB-P2 by kelurahan")
        public static let awards = LocalizedText(id: "Penghargaan", en: "Awards")
        public static let reportedTotals = LocalizedText(id: "Jumlah menurut laporan", en: "Totals as reported")
        public static let belanjaByType = LocalizedText(id: "Belanja per jenis", en: "Spending by type")
        public static let save = LocalizedText(id: "Simpan draf", en: "Save draft")
        public static let check = LocalizedText(id: "Periksa", en: "Check")
        public static let send = LocalizedText(id: "Kirim", en: "Send")
        public static func add(_ row: String) -> LocalizedText { LocalizedText(id: "Tambah \(row)", en: "Add \(rowName(row).en)") }
        public static func remove(_ heading: LocalizedText) -> LocalizedText {
            LocalizedText(id: "Hapus \(heading.id.lowercased())", en: "Remove \(heading.en.lowercased())")
        }
        /// What the script announces when it added the row headed `heading` in place.
        public static func rowAdded(_ heading: LocalizedText) -> LocalizedText {
            LocalizedText(id: "\(heading.id) ditambahkan.", en: "\(heading.en) added.")
        }
        /// What the script announces when it removed the row headed `heading` in place (later rows renumbered).
        public static func rowRemoved(_ heading: LocalizedText) -> LocalizedText {
            LocalizedText(id: "\(heading.id) dihapus; baris sesudahnya dinomori ulang.", en: "\(heading.en) removed; the rows after it are renumbered.")
        }
        /// A row's heading: `Program 2`, `Kegiatan 2.1`.
        public static func rowHeading(_ row: String, _ number: String) -> LocalizedText {
            let name = rowName(row)
            return LocalizedText(id: name.id.prefix(1).uppercased() + name.id.dropFirst() + " " + number,
                                 en: name.en.prefix(1).uppercased() + name.en.dropFirst() + " " + number)
        }
        /// What one row of a list is called (the schema's Indonesian row label).
        public static func rowName(_ row: String) -> LocalizedText {
            switch row {
            case "indikator": LocalizedText(id: row, en: "indicator")
            case "penghargaan": LocalizedText(id: row, en: "award")
            case "sub kegiatan": LocalizedText(id: row, en: "sub-activity")
            case "kegiatan": LocalizedText(id: row, en: "activity")
            default: LocalizedText(row)
            }
        }
        public static func sums(_ paguMurni: String, _ pagu: String, _ realisasi: String) -> LocalizedText {
            LocalizedText(id: "Jumlah baris program: pagu murni Rp \(paguMurni) · pagu Rp \(pagu) · realisasi Rp \(realisasi)",
                          en: "Sum of the program lines: pagu murni Rp \(paguMurni) · pagu Rp \(pagu) · realisasi Rp \(realisasi)")
        }
        public static let autoSaved = LocalizedText(id: "Draf tersimpan otomatis", en: "Draft saved automatically")
        public static let autoSaveFailed = LocalizedText(id: "Draf belum tersimpan otomatis; tekan Simpan draf.", en: "The draft could not be saved automatically; press Save draft.")
        public static let checkedClean = LocalizedText(id: "Diperiksa: tidak ada masalah dan tidak ada temuan.", en: "Checked: no problems and no findings.")
        public static func summary(problems: Int, findings: Int) -> LocalizedText {
            LocalizedText(id: (problems > 0 ? "\(problems) isian harus diperbaiki sebelum dikirim" : "Laporan dapat dikirim") + "; \(findings) temuan",
                          en: (problems > 0 ? "\(problems) entries must be fixed before sending" : "The report can be sent") + "; \(findings) findings")
        }
        public static let document = LocalizedText(id: "dokumen", en: "document")
        public static func noteKind(_ kind: String) -> LocalizedText {
            switch kind {
            case "problem": LocalizedText(id: "Harus diperbaiki", en: "Must be fixed")
            case "error": LocalizedText(id: "Temuan (error)", en: "Finding (error)")
            case "warning": LocalizedText(id: "Temuan (peringatan)", en: "Finding (warning)")
            default: LocalizedText(id: "Catatan", en: "Note")
            }
        }
        // The workbook.
        public static let workbookHeading = LocalizedText(id: "Isi dengan Excel", en: "Fill in with Excel")
        public static let workbookRefused = LocalizedText(id: "Workbook tidak dibaca; draf tidak berubah:", en: "The workbook was not read; the draft is unchanged:")
        public static let downloadTemplate = LocalizedText(id: "Unduh templat Excel (.xlsx)", en: "Download the Excel template (.xlsx)")
        public static let workbookHow = LocalizedText(id: ": isi, lalu unggah di sini. Isinya menjadi draf untuk diperiksa; belum ada yang dikirim.",
                                                      en: ": fill it in, then upload it here. It becomes the draft to review; nothing is sent yet.")
        public static let filledWorkbook = LocalizedText(id: "Workbook terisi", en: "Filled workbook")
        public static let upload = LocalizedText(id: "Unggah ke draf", en: "Upload into the draft")
        public static let workbookRead = LocalizedText(id: "Workbook dibaca ke draf. Periksa isiannya, lalu Kirim; belum ada yang dikirim.",
                                                       en: "The workbook is read into the draft. Review it, then Send; nothing is sent yet.")
        // Notices.
        public static func draftSaved(by who: String, at time: String) -> LocalizedText {
            LocalizedText(id: "Draf tersimpan, terakhir oleh \(who) pada \(time).", en: "Saved draft, last by \(who) at \(time).")
        }
        public static let showingLatest = LocalizedText(id: "Formulir berisi revisi terakhir yang sudah dikirim.", en: "The form holds the latest revision sent.")
        public static func fromLastYear(_ year: Int) -> LocalizedText {
            LocalizedText(id: "Formulir dimulai dari laporan tahun \(year): nama, kode dan program; isi angka tahun ini.",
                          en: "The form starts from the \(year) report: names, codes and programs; fill in this year's figures.")
        }
        public static let saved = LocalizedText(id: "Draf disimpan. Anda dapat melanjutkannya nanti, juga dari perangkat lain.",
                                                en: "Draft saved. You can carry on later, from another device too.")
        public static let notSent = LocalizedText(id: "Laporan belum dikirim: perbaiki isian yang ditandai, lalu kirim lagi. Draf disimpan.",
                                                  en: "The report is not sent: fix the marked entries, then send again. The draft is saved.")
        public static let rowNotAdded = LocalizedText(id: "Baris tidak dapat ditambah di sana.", en: "No row can be added there.")

        /// A field's label in `language` (the schema holds the Indonesian one).
        public static func label(_ indonesian: String) -> LocalizedText {
            LocalizedText(id: indonesian, en: fieldLabels[indonesian] ?? indonesian)
        }

        /// The English of the schema's field labels and choices (Indonesian domain terms kept: pagu, realisasi, capaian).
        static let fieldLabels: [String: String] = [
            "Ditandatangani oleh": "Signed by", "Jabatan": "Position", "Tanggal": "Date", "Kode": "Code", "Indikator": "Indicator",
            "Sasaran": "Objective", "Satuan": "Unit", "Polaritas": "Polarity", "Capaian (%) dilaporkan": "Capaian (%) as reported",
            "Target tahun lalu": "Last year's target", "Realisasi tahun lalu": "Last year's realisasi", "Capaian tahun lalu (%)": "Last year's capaian (%)",
            "Target akhir Renstra": "Renstra end target", "Penyerapan (%) dilaporkan": "Penyerapan (%) as reported",
            "Efisiensi dilaporkan": "Efficiency as reported", "Kode program": "Program code", "Sumber dana": "Source of funds",
            "Kode kegiatan": "Activity code", "Kegiatan": "Activity", "Kode sub kegiatan": "Sub-activity code", "Sub kegiatan": "Sub-activity",
            "Jenis belanja": "Spending type", "Kode kelurahan": "Kelurahan code", "Total pagu murni (Rp)": "Total pagu murni (Rp)",
            "Ketetapan (Rp)": "Assessed (Rp)", "Jumlah objek": "Number of objects", "Objek lunas": "Objects paid", "Per tanggal": "As of",
            "Kode wilayah penerima": "Recipient region code", "Penghargaan": "Award", "Peringkat": "Place",
            "Sebutan (mis. Harapan 1)": "Title (e.g. Harapan 1)", "Tingkat": "Level", "Pemberi": "Given by",
            "Semakin tinggi semakin baik": "Higher is better", "Semakin rendah semakin baik": "Lower is better", "Operasi": "Operating",
            "Modal": "Capital", "Tidak terduga": "Unforeseen", "Bukan juara 1–3": "Not placed 1–3", "Juara 1": "1st place",
            "Juara 2": "2nd place", "Juara 3": "3rd place", "Kota": "City", "Provinsi": "Province", "Nasional": "National",
            "Belanja operasi: pagu (Rp)": "Operating spending: pagu (Rp)", "Belanja operasi: realisasi (Rp)": "Operating spending: realisasi (Rp)",
            "Belanja modal: pagu (Rp)": "Capital spending: pagu (Rp)", "Belanja modal: realisasi (Rp)": "Capital spending: realisasi (Rp)",
            "Belanja tidak terduga: pagu (Rp)": "Unforeseen spending: pagu (Rp)", "Belanja tidak terduga: realisasi (Rp)": "Unforeseen spending: realisasi (Rp)",
            "Belanja transfer: pagu (Rp)": "Transfer spending: pagu (Rp)", "Belanja transfer: realisasi (Rp)": "Transfer spending: realisasi (Rp)",
        ]
    }
}
