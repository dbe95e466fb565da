import Foundation
import RekapDomain
import XLSX

/// The sheets every template has besides its tables: Petunjuk, Identitas, the hidden lists and the
/// hidden metadata sheet (``WorkbookLayout``).
enum TemplateCommonSheets {
    /// The veryHidden sheet holding the region dropdown's entries (column A), so a kecamatan with
    /// many desa is not limited by the 255 characters of an inline list. Never read.
    static let listsSheet = "daftar"

    /// Petunjuk: how to fill the workbook, one paragraph a row.
    static func addInstructions(_ paragraphs: [String], title: String, to workbook: WorkbookWriter) throws {
        let sheet = try workbook.addSheet(WorkbookLayout.instructionsSheet, columns: [ColumnSettings(column: 1, width: 110)], landscape: false)
        try sheet.appendRow([.text(title, style: TemplateStyles.title)], height: 22)
        for paragraph in paragraphs {
            let lines = max(1, paragraph.count / 100 + 1)
            try sheet.appendRow([.text(paragraph, style: paragraph.hasPrefix("•") ? TemplateStyles.note : TemplateStyles.note.with { $0.bold = paragraph.hasSuffix(":") })],
                                height: Double(15 * lines))
        }
        sheet.protect()
    }

    /// The general rules every template's Petunjuk states (contract §1.4).
    static let numberRules = [
        "Cara menulis angka:",
        "• Sel angka paling baik diisi sebagai angka biasa: Excel/LibreOffice menampilkannya sesuai pengaturan bahasa (12.763.150.960; 98,51).",
        "• Bila angka diketik sebagai teks, tulislah cara Indonesia: titik untuk ribuan (selalu tiga angka) dan koma untuk desimal: 91,72; 12.763.150.960; Rp 12.763.150.960,-; 105,42 %.",
        "• Angka seperti 1.5 atau 91.72 (titik sebagai desimal) ditolak dengan pesan cara menulisnya (1,5). Angka tidak pernah ditebak.",
        "• Rupiah tanpa angka negatif dan paling banyak 2 desimal; nilai indikator paling banyak 6 desimal.",
        "• Tanggal diisi sebagai tanggal (dd/mm/yyyy) atau teks 2023-12-31.",
        "Yang tidak dibaca:",
        "• Kolom berwarna abu-abu (Sisa, Penyerapan, Capaian dihitung, Realisasi %, Target PK, nama kelurahan) dihitung atau ditampilkan untuk Anda dan tidak dibaca.",
        "• Sheet Petunjuk, judul di baris 1, dan sheet tambahan yang Anda buat tidak dibaca. Baris kosong dilewati; baris boleh disisipkan.",
        "• Sel yang terkunci (kode wilayah, tahun, periode) menandai untuk apa buku kerja ini dibuat: buku kerja untuk wilayah lain atau versi lain ditolak. Proteksi sheet tanpa kata sandi (Tinjau > Buka Proteksi Sheet) hanya untuk mencegah salah ketik.",
    ]

    /// Identitas: label in column A, value in column B (identifying values locked).
    static func addIdentity(_ fields: [IdentityField], values: [String: WrittenValue], title: String, to workbook: WorkbookWriter) throws {
        let sheet = try workbook.addSheet(WorkbookLayout.identitySheet, columns: [ColumnSettings(column: 1, width: 30),
                                                                                 ColumnSettings(column: 2, width: 45, style: TemplateStyles.input(.text))],
                                          landscape: false)
        try sheet.appendRow([.text(title, style: TemplateStyles.title)], at: 1, height: 22)
        var validations: [ListValidation] = []
        for field in fields.sorted(by: { $0.row < $1.row }) {
            let key = field.pointer ?? field.label
            let style = field.locked ? TemplateStyles.lockedText.with { $0.numberFormat = TemplateStyles.format(field.value) }
                                     : TemplateStyles.input(field.value)
            try sheet.appendRow([.text(field.label, style: TemplateStyles.label), WrittenCell(values[key], style: style)], at: field.row)
            if case .choice(let choices) = field.value, !field.locked {
                validations.append(ListValidation(range: "B\(field.row)", source: .values(choices.map(\.label))))
            }
        }
        validations.forEach(sheet.addValidation)
        sheet.protect()
    }

    /// The region dropdown's entries; returns the range the dropdowns point to.
    static func addLists(regions: [TemplateRegion], to workbook: WorkbookWriter) throws -> ListValidation.Source {
        let sheet = try workbook.addSheet(listsSheet, visibility: .veryHidden, columns: [ColumnSettings(column: 1, width: 40)])
        for region in regions {
            try sheet.appendRow([.text(region.choiceLabel, style: CellStyle(numberFormat: .text))])
        }
        sheet.protect()
        return .range(quotedSheetName(listsSheet) + "!$A$1:$A$\(max(1, regions.count))")
    }

    /// The metadata sheet: key in column A, value in column B (``WorkbookLayout/MetadataKey``), all text.
    static func addMetadata(_ values: [(WorkbookLayout.MetadataKey, String)], to workbook: WorkbookWriter) throws {
        let sheet = try workbook.addSheet(WorkbookLayout.metadataSheet, visibility: .veryHidden,
                                          columns: [ColumnSettings(column: 1, width: 14), ColumnSettings(column: 2, width: 24)])
        for (key, value) in values {
            try sheet.appendRow([.text(key.rawValue, style: CellStyle(numberFormat: .text)), .text(value, style: CellStyle(numberFormat: .text))])
        }
        sheet.protect()
    }
}
