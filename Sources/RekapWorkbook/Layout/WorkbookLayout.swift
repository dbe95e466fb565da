/// Where everything sits in the workbooks rekap hands out and reads back: one decision, used by the
/// template writer and by the reader, so a template's cells are exactly the cells read.
///
/// Three kinds of workbook, one per document kind of the contract: a report (§1), a Renstra and a
/// Perjanjian Kinerja (§1.2). Each has a **Petunjuk** sheet for the person, an **Identitas** sheet
/// (label in column A, value in column B), the table sheets below, and the hidden sheet
/// ``metadataSheet`` that records the layout version and what the workbook is for, so a workbook for
/// another region or an older layout is refused by name.
///
/// Table sheets have a title in row 1, headers in ``SheetLayout/headerRow`` and data from
/// ``SheetLayout/firstDataRow`` down; a row whose input cells are all empty is skipped (people leave
/// gaps and insert rows), so rows are never addressed by number, only columns are.
public enum WorkbookLayout {
    /// Written to and required in the metadata sheet; a workbook of another version is refused.
    public static let version = "rekap.workbook/v1"

    /// The hidden sheet with `key` in column A and value in column B (``MetadataKey``).
    public static let metadataSheet = "rekap"
    /// The sheet with how to fill the workbook, in Bahasa Indonesia; never read.
    public static let instructionsSheet = "Petunjuk"
    /// The sheet of single values (label in column A, value in column B).
    public static let identitySheet = "Identitas"

    /// The keys of the metadata sheet.
    public enum MetadataKey: String, Sendable, CaseIterable {
        /// ``WorkbookLayout/version``.
        case layout
        /// ``DocumentKind`` raw value.
        case document
        /// The region code the workbook was made for.
        case region
        /// Report and PK: the year. Renstra: absent.
        case year
        /// Report: FY or Q1…Q4.
        case period
        /// PK: murni or perubahan.
        case kind
        /// Renstra: the period's first and last year.
        case from, to
        /// The revision the template was filled from, if any (informational: a convert of an
        /// untouched template gives that revision's document back).
        case revision
    }

    /// Which document a workbook stands for.
    public enum DocumentKind: String, Sendable, CaseIterable {
        case report, renstra, pk

        /// The contract's `format` of the document the workbook converts to.
        public var format: String {
            switch self {
            case .report: "rekap.submission/v1"
            case .renstra: "rekap.renstra/v1"
            case .pk: "rekap.pk/v1"
            }
        }

        /// The sheets of this kind of workbook, in order (the metadata sheet last, hidden).
        public var sheets: [String] {
            switch self {
            case .report: [instructionsSheet, identitySheet, Report.indicators.name, Report.budget.name, Report.pbb.name, Report.awards.name, metadataSheet]
            case .renstra: [instructionsSheet, identitySheet, Renstra.indicators.name, metadataSheet]
            case .pk: [instructionsSheet, identitySheet, PK.indicators.name, PK.programs.name, metadataSheet]
            }
        }

        /// The rows of the Identitas sheet.
        public var identity: [IdentityField] {
            switch self {
            case .report: Report.identity
            case .renstra: Renstra.identity
            case .pk: PK.identity
            }
        }
    }

    // MARK: - Report (contract §1)

    /// The report workbook.
    public enum Report {
        public static let identity: [IdentityField] = [
            IdentityField(row: 3, label: "Kode wilayah", pointer: "/region", value: .code, locked: true),
            IdentityField(row: 4, label: "Nama wilayah", pointer: nil, value: .text, locked: true),
            IdentityField(row: 5, label: "Tahun", pointer: "/year", value: .year, locked: true),
            IdentityField(row: 6, label: "Periode", pointer: "/period", value: .choice(Choices.period), locked: true),
            IdentityField(row: 8, label: "Ditandatangani oleh", pointer: "/signed/by", value: .text),
            IdentityField(row: 9, label: "NIP", pointer: "/signed/nip", value: .code),
            IdentityField(row: 10, label: "Jabatan", pointer: "/signed/role", value: .text),
            IdentityField(row: 11, label: "Tanggal tanda tangan", pointer: "/signed/date", value: .date),
        ]

        /// `indicators`: one row per indicator (the LKjIP's Tabel 3.x), with the §1.1 fields.
        public static let indicators = SheetLayout(name: "Indikator", title: "Indikator Kinerja Utama", columns: [
            Column("A", "Kode", key: "code", .code, width: 10),
            Column("B", "Indikator", key: "name", .text, width: 40, required: true),
            Column("C", "Sasaran", key: "sasaran", .text, width: 40),
            Column("D", "Satuan", key: "unit", .text, width: 12),
            Column("E", "Polaritas", key: "polarity", .choice(Choices.polarity), width: 24),
            Column("F", "Target", key: "target", .indicatorValue, width: 12, required: true),
            Column("G", "Realisasi", key: "realisasi", .indicatorValue, width: 12, required: true),
            Column("H", "Capaian dilaporkan (%)", key: "reported_capaian", .indicatorValue, width: 14),
            Column("I", "Capaian dihitung (%)", key: nil, .formula, width: 14),
            Column("J", "Target akhir Renstra", key: "renstra_target", .indicatorValue, width: 14),
            Column("K", "Tahun lalu: target", key: "previous/target", .indicatorValue, width: 12),
            Column("L", "Tahun lalu: realisasi", key: "previous/realisasi", .indicatorValue, width: 12),
            Column("M", "Tahun lalu: capaian (%)", key: "previous/reported_capaian", .indicatorValue, width: 14),
            Column("N", "Penyerapan dilaporkan (%)", key: "reported_penyerapan", .indicatorValue, width: 14),
            Column("O", "Efisiensi dilaporkan", key: "reported_efisiensi", .indicatorValue, width: 12),
            Column("P", "Target PK", key: nil, .information, width: 12),
        ])

        /// `budget`: program → kegiatan → sub kegiatan as rows, the level in column A (names indented
        /// by level), then the office's own totals as rows of the levels ``Choices/budgetTotals``.
        public static let budget = SheetLayout(name: "Anggaran", title: "Anggaran dan Realisasi", columns: [
            Column("A", "Tingkat", key: nil, .choice(Choices.budgetLevel), width: 16, required: true),
            Column("B", "Kode", key: "code", .code, width: 18),
            Column("C", "Nama", key: "name", .text, width: 50),
            Column("D", "Sumber dana", key: "sumber_dana", .text, width: 12),
            Column("E", "Jenis belanja", key: "belanja", .choice(Choices.belanja), width: 16),
            Column("F", "Kelurahan", key: "kelurahan", .regionChoice, width: 30),
            Column("G", "Pagu murni", key: "pagu_murni", .amount, width: 18),
            Column("H", "Pagu", key: "pagu", .amount, width: 18),
            Column("I", "Realisasi", key: "realisasi", .amount, width: 18),
            Column("J", "Sisa", key: nil, .formula, width: 18),
            Column("K", "Penyerapan (%)", key: nil, .formula, width: 12),
        ])

        /// `pbb`: one row per kelurahan of the region (codes and names pre-filled and locked).
        public static let pbb = SheetLayout(name: "PBB-P2", title: "Realisasi PBB-P2 per Kelurahan", columns: [
            Column("A", "Kode kelurahan", key: "kelurahan", .code, width: 16, required: true),
            Column("B", "Kelurahan", key: nil, .information, width: 24),
            Column("C", "Ketetapan", key: "ketetapan", .amount, width: 18, required: true),
            Column("D", "Realisasi", key: "realisasi", .amount, width: 18, required: true),
            Column("E", "Realisasi (%)", key: nil, .formula, width: 12),
            Column("F", "Objek", key: "objek", .integer, width: 10),
            Column("G", "Objek lunas", key: "objek_lunas", .integer, width: 12),
            Column("H", "Per tanggal", key: "as_of", .date, width: 14, required: true),
        ])

        /// `awards`: one row per award.
        public static let awards = SheetLayout(name: "Penghargaan", title: "Penghargaan", columns: [
            Column("A", "Wilayah", key: "region", .regionChoice, width: 30, required: true),
            Column("B", "Penghargaan", key: "title", .text, width: 40, required: true),
            Column("C", "Juara", key: "place", .choice(Choices.place), width: 8),
            Column("D", "Keterangan", key: "label", .text, width: 16),
            Column("E", "Tingkat", key: "level", .choice(Choices.awardLevel), width: 12, required: true),
            Column("F", "Pemberi", key: "given_by", .text, width: 24),
            Column("G", "Tanggal", key: "date", .date, width: 14),
        ])
    }

    // MARK: - Renstra (contract §1.2)

    /// The Renstra workbook: its indicators with one target column per year of the period.
    public enum Renstra {
        public static let identity: [IdentityField] = [
            IdentityField(row: 3, label: "Kode wilayah", pointer: "/region", value: .code, locked: true),
            IdentityField(row: 4, label: "Nama wilayah", pointer: nil, value: .text, locked: true),
            IdentityField(row: 5, label: "Tahun awal", pointer: "/from", value: .year, locked: true),
            IdentityField(row: 6, label: "Tahun akhir", pointer: "/to", value: .year, locked: true),
        ]

        /// The fixed columns; the year columns follow from ``firstYearColumn``, one per year from
        /// `from` to `to`, each headed by its year (the header is what is read).
        public static let indicators = SheetLayout(name: "Renstra", title: "Matriks Renstra", columns: [
            Column("A", "Kode", key: "code", .code, width: 10),
            Column("B", "Indikator", key: "name", .text, width: 40, required: true),
            Column("C", "Sasaran", key: "sasaran", .text, width: 40),
            Column("D", "Satuan", key: "unit", .text, width: 12),
            Column("E", "Polaritas", key: "polarity", .choice(Choices.polarity), width: 24),
            Column("F", "Formula", key: "formula", .text, width: 30),
            Column("G", "Tahun dasar", key: "baseline/year", .year, width: 10),
            Column("H", "Nilai dasar", key: "baseline/value", .indicatorValue, width: 12),
        ])

        /// Column of the first year's target (`from`); `targets` keys are the headers of this and
        /// the following columns.
        public static let firstYearColumn = "I"
    }

    // MARK: - Perjanjian Kinerja (contract §1.2)

    /// The PK workbook: indicators with quarterly targets, and the attachment's programs and lines.
    public enum PK {
        public static let identity: [IdentityField] = [
            IdentityField(row: 3, label: "Kode wilayah", pointer: "/region", value: .code, locked: true),
            IdentityField(row: 4, label: "Nama wilayah", pointer: nil, value: .text, locked: true),
            IdentityField(row: 5, label: "Tahun", pointer: "/year", value: .year, locked: true),
            IdentityField(row: 6, label: "Jenis PK", pointer: "/kind", value: .choice(Choices.pkKind), locked: true),
            IdentityField(row: 8, label: "Tanggal tanda tangan", pointer: "/signed/date", value: .date),
            IdentityField(row: 9, label: "Pihak pertama: nama", pointer: "/signed/first/name", value: .text),
            IdentityField(row: 10, label: "Pihak pertama: NIP", pointer: "/signed/first/nip", value: .code),
            IdentityField(row: 11, label: "Pihak pertama: jabatan", pointer: "/signed/first/jabatan", value: .text),
            IdentityField(row: 12, label: "Pihak kedua: nama", pointer: "/signed/second/name", value: .text),
            IdentityField(row: 13, label: "Pihak kedua: jabatan", pointer: "/signed/second/jabatan", value: .text),
            IdentityField(row: 15, label: "Jumlah anggaran (tertulis)", pointer: "/total", value: .amount),
        ]

        public static let indicators = SheetLayout(name: "PK Indikator", title: "Sasaran, Indikator dan Target", columns: [
            Column("A", "Kode", key: "code", .code, width: 10),
            Column("B", "Indikator", key: "name", .text, width: 40, required: true),
            Column("C", "Sasaran", key: "sasaran", .text, width: 40),
            Column("D", "Satuan", key: "unit", .text, width: 12),
            Column("E", "Target", key: "target", .indicatorValue, width: 12, required: true),
            Column("F", "Target TW I", key: "quarters/Q1", .indicatorValue, width: 12),
            Column("G", "Target TW II", key: "quarters/Q2", .indicatorValue, width: 12),
            Column("H", "Target TW III", key: "quarters/Q3", .indicatorValue, width: 12),
            Column("I", "Target TW IV", key: "quarters/Q4", .indicatorValue, width: 12),
        ])

        /// Programs (level "Program") and their lines (level "Rincian") under the last program above.
        public static let programs = SheetLayout(name: "PK Program", title: "Program dan Anggaran", columns: [
            Column("A", "Tingkat", key: nil, .choice(Choices.pkProgramLevel), width: 12, required: true),
            Column("B", "Kode", key: "code", .code, width: 18),
            Column("C", "Nama", key: "name", .text, width: 60, required: true),
            Column("D", "Sumber dana", key: "sumber_dana", .text, width: 12),
            Column("E", "Anggaran", key: "anggaran", .amount, width: 18),
        ])
    }

    // MARK: - Lists

    /// The dropdown lists: what a person picks (`label`) and what the document holds (`value`).
    /// The reader accepts either, ignoring case and surrounding spaces.
    public enum Choices {
        public static let period: [Choice] = ["FY", "Q1", "Q2", "Q3", "Q4"].map { Choice($0, $0) }
        public static let polarity = [Choice("Semakin tinggi semakin baik", "higher"), Choice("Semakin rendah semakin baik", "lower")]
        public static let belanja = [Choice("Operasi", "operasi"), Choice("Modal", "modal"),
                                     Choice("Tidak terduga", "tidak_terduga"), Choice("Transfer", "transfer")]
        public static let awardLevel = [Choice("Kelurahan", "kelurahan"), Choice("Kecamatan", "kecamatan"), Choice("Kota", "kota"),
                                        Choice("Provinsi", "provinsi"), Choice("Nasional", "nasional")]
        /// Juara 1-3; an empty cell is no podium place (write the place in Keterangan, e.g. "Harapan 1").
        public static let place = [Choice("1", "1"), Choice("2", "2"), Choice("3", "3")]
        public static let pkKind = [Choice("Murni", "murni"), Choice("Perubahan", "perubahan")]

        /// The Anggaran sheet's levels: the tree's three, then the office's own totals.
        public static let program = Choice("Program", "program")
        public static let kegiatan = Choice("Kegiatan", "kegiatan")
        public static let subKegiatan = Choice("Sub kegiatan", "sub_kegiatan")
        /// `budget.total` (pagu murni, pagu, realisasi as the office printed them).
        public static let total = Choice("Jumlah", "total")
        /// `budget.belanja.<type>`: one row per type, its Jenis belanja column naming the type.
        public static let belanjaTotal = Choice("Jumlah belanja", "belanja")
        public static let budgetLevel = [program, kegiatan, subKegiatan, total, belanjaTotal]
        public static let budgetTotals = [total, belanjaTotal]

        /// The PK Program sheet's levels.
        public static let pkProgram = Choice("Program", "program")
        public static let pkLine = Choice("Rincian", "line")
        public static let pkProgramLevel = [pkProgram, pkLine]
    }
}

/// One entry of a dropdown list.
public struct Choice: Sendable, Hashable {
    /// What the person sees and picks (Bahasa Indonesia).
    public let label: String
    /// What the JSON document holds.
    public let value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}
