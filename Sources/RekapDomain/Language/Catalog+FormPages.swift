extension Catalog {
    /// The forms' other pages: why a form was refused, and a report's sending history. Bahasa Indonesia
    /// by default, English on request, as the form itself (``Catalog/Forms``).
    public enum FormPages {
        // MARK: Refusals (title, then what happened)

        public static let pleaseLogIn = LocalizedText(id: "Silakan masuk", en: "Please log in")
        public static let sessionEnded = LocalizedText(
            id: "Sesi Anda tidak berlaku lagi (keluar, kedaluwarsa, atau dicabut). Silakan masuk kembali.",
            en: "Your session is no longer valid (logged out, expired or revoked). Please log in again.")
        public static let notFound = LocalizedText(id: "Tidak ditemukan", en: "Not found")
        public static let unknownAddress = LocalizedText(
            id: "Alamat formulir tidak dikenal: /forms/KODE-WILAYAH/TAHUN/FY (atau Q1–Q4).",
            en: "Unknown form address: /forms/REGION-CODE/YEAR/FY (or Q1–Q4).")
        public static let notAllowed = LocalizedText(id: "Tidak diizinkan", en: "Not allowed")
        public static func mayNotOpen(role: String, region: String, target: String) -> LocalizedText {
            LocalizedText(id: "Akun \(role) \(region) tidak boleh membuka laporan wilayah \(target).",
                          en: "A \(role) account of \(region) may not open the report of region \(target).")
        }
        public static let fromOtherSite = LocalizedText(
            id: "Formulir ini dikirim dari situs lain. Tidak ada yang disimpan.",
            en: "This form was sent from another site. Nothing was saved.")
        public static let formExpired = LocalizedText(id: "Formulir kedaluwarsa", en: "Form expired")
        public static let tokenMismatch = LocalizedText(
            id: "Token keamanan formulir tidak cocok dengan sesi Anda (formulir lama, atau dari situs lain). Tidak ada yang disimpan; buka formulirnya lagi.",
            en: "The form's security token does not match your session (an old form, or one from another site). Nothing was saved; open the form again.")
        public static let otherRegion = LocalizedText(
            id: "Formulir ini untuk wilayah lain daripada alamatnya. Tidak ada yang disimpan.",
            en: "This form is for another region than its address. Nothing was saved.")
        public static let outsideRegion = LocalizedText(
            id: "Laporan ini menyebut wilayah di luar wilayah Anda. Tidak ada yang disimpan.",
            en: "This report names regions outside your own. Nothing was saved.")
        public static let formTooLarge = LocalizedText(id: "Formulir terlalu besar", en: "Form too large")
        public static func formOver(kilobytes: Int) -> LocalizedText {
            LocalizedText(id: "Formulir ini lebih dari \(kilobytes) KB. Isian yang sangat panjang atau ribuan baris tidak diterima; tidak ada yang disimpan.",
                          en: "This form is over \(kilobytes) KB. Very long fields or thousands of rows are not taken; nothing was saved.")
        }
        public static let templateUnavailable = LocalizedText(id: "Templat tidak tersedia", en: "Template not available")
        public static let workbookTooLarge = LocalizedText(id: "Workbook terlalu besar", en: "Workbook too large")
        public static func workbookOver(kilobytes: Int) -> LocalizedText {
            LocalizedText(id: "Workbook ini lebih dari \(kilobytes) KB; tidak ada yang dibaca atau disimpan.",
                          en: "This workbook is over \(kilobytes) KB; nothing was read or saved.")
        }
        public static let notAnUpload = LocalizedText(id: "Bukan unggahan berkas", en: "Not a file upload")
        public static let uploadThroughForm = LocalizedText(
            id: "Unggah workbook lewat formulir di halaman laporan (multipart/form-data).",
            en: "Upload the workbook through the form on the report's page (multipart/form-data).")
        public static let unreadableUpload = LocalizedText(id: "Unggahan tidak terbaca", en: "Upload not readable")
        public static func uploadNotRead(_ reason: String) -> LocalizedText {
            LocalizedText(id: "Unggahan tidak dapat dibaca (\(reason)). Tidak ada yang disimpan.",
                          en: "The upload could not be read (\(reason)). Nothing was saved.")
        }

        // MARK: History

        public static func historyTitle(region: String, year: Int, period: String) -> LocalizedText {
            LocalizedText(id: "Riwayat kiriman \(region) \(year) \(period)", en: "Sending history \(region) \(year) \(period)")
        }
        public static let backToForm = LocalizedText(id: "Kembali ke formulir", en: "Back to the form")
        public static let nothingSent = LocalizedText(id: "Belum ada kiriman untuk laporan ini.", en: "Nothing has been sent for this report yet.")
        public static let revision = LocalizedText(id: "Revisi", en: "Revision")
        public static let sentAt = LocalizedText(id: "Dikirim", en: "Sent")
        public static let sentBy = LocalizedText(id: "Oleh", en: "By")
        public static let findings = LocalizedText(id: "Temuan", en: "Findings")
        public static let byProgram = LocalizedText(id: "program (API)", en: "a program (API)")
        public static let compareTwo = LocalizedText(id: "Bandingkan dua revisi", en: "Compare two revisions")
        public static let fromRevision = LocalizedText(id: "Dari revisi", en: "From revision")
        public static let toRevision = LocalizedText(id: "Ke revisi", en: "To revision")
        public static let compare = LocalizedText(id: "Bandingkan", en: "Compare")
        public static func changes(from: Int, to: Int) -> LocalizedText {
            LocalizedText(id: "Perubahan dari revisi \(from) ke revisi \(to)", en: "Changes from revision \(from) to revision \(to)")
        }
        public static let noChanges = LocalizedText(id: "Tidak ada isian yang berbeda.", en: "No field differs.")
        public static let field = LocalizedText(id: "Isian", en: "Field")
        public static func revisionNumber(_ number: Int) -> LocalizedText { LocalizedText(id: "Revisi \(number)", en: "Revision \(number)") }
        public static let sent = LocalizedText(id: "Laporan terkirim sebagai revisi baru.", en: "The report was sent as a new revision.")
        public static let unchanged = LocalizedText(
            id: "Laporan sama persis dengan revisi terakhir: tidak ada revisi baru.",
            en: "The report is exactly the latest revision: no new revision.")
        public static let alreadySent = LocalizedText(
            id: "Laporan ini sudah dikirim (tombol Kirim ditekan dua kali?): hanya satu revisi disimpan.",
            en: "This report was already sent (Send pressed twice?): only one revision was stored.")
    }
}
