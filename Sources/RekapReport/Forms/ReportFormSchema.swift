import RekapDomain

/// The inputs of the report form (contract §1), section by section, in the order of the LKjIP's own
/// tables. Each field's key is its JSON pointer below its row (`previous/target`), so a problem or
/// finding at a pointer lands beside the field that produced it without a second mapping.
public enum ReportFormSchema {
    /// What a field holds and how its typed text becomes the document's value.
    public enum Kind: Sendable, Hashable {
        /// Free text, kept as typed.
        case text
        /// A rupiah amount typed the Indonesian way (contract §1.4), at most 2 decimals.
        case amount
        /// An indicator value typed the Indonesian way, at most 6 decimals.
        case value
        /// A whole number (objek counts).
        case integer
        /// One of a fixed list: (value in the document, label shown); `number`: the document holds it as a JSON number.
        case choice([(String, String)], number: Bool = false)
        /// A date, `dd/mm/yyyy` or `yyyy-mm-dd`.
        case date

        public static func == (lhs: Kind, rhs: Kind) -> Bool { lhs.tag == rhs.tag }
        public func hash(into hasher: inout Hasher) { hasher.combine(tag) }
        private var tag: String {
            switch self {
            case .text: "text"
            case .amount: "amount"
            case .value: "value"
            case .integer: "integer"
            case .choice(let options, _): "choice:" + options.map(\.0).joined(separator: ",")
            case .date: "date"
            }
        }
    }

    /// One input: its key below its row, its label (Bahasa Indonesia) and kind.
    public struct Field: Sendable, Hashable {
        public let key: String
        public let label: String
        public let kind: Kind
        /// Whether the input takes a whole line (names) rather than a grid cell.
        public let wide: Bool

        init(_ key: String, _ label: String, _ kind: Kind = .text, wide: Bool = false) {
            self.key = key
            self.label = label
            self.kind = kind
            self.wide = wide
        }
    }

    /// A list of rows (`indicators`, `budget/programs/0/kegiatan`, …): its fields and the most rows it takes.
    public struct RowList: Sendable {
        /// The list's name, as the document names it at its place (`indicators`, `kegiatan`).
        public let name: String
        /// What one row is called (for buttons and headings).
        public let rowLabel: String
        public let fields: [Field]
        /// ``SubmissionLimits``' cap for this list.
        public let limit: Int
    }

    /// Every field's key with `#` for each row index (`budget/programs/#/kegiatan/#/pagu`): what a
    /// posted name must be once its indices are read.
    static let fieldPatterns: Set<String> = {
        let program = "budget/programs/#"
        let kegiatan = program + "/kegiatan/#"
        let groups: [(String, [Field])] = [
            ("signed", signed), ("indicators/#", indicators.fields), ("pbb/#", pbb.fields), ("awards/#", awards.fields),
            ("budget/total", total), ("budget/belanja", belanjaTotals), (program, programs.fields),
            (kegiatan, ReportFormSchema.kegiatan.fields), (kegiatan + "/sub_kegiatan/#", subKegiatan.fields),
        ]
        var patterns: Set<String> = []
        for (prefix, fields) in groups {
            for field in fields { patterns.insert(prefix + "/" + field.key) }
        }
        return patterns
    }()

    static let polarity: Kind = .choice([("higher", "Semakin tinggi semakin baik"), ("lower", "Semakin rendah semakin baik")])
    static let belanja: Kind = .choice([("", "—"), ("operasi", "Operasi"), ("modal", "Modal"), ("tidak_terduga", "Tidak terduga"), ("transfer", "Transfer")])
    static let place: Kind = .choice([("", "Bukan juara 1–3"), ("1", "Juara 1"), ("2", "Juara 2"), ("3", "Juara 3")], number: true)
    static let level: Kind = .choice([("kelurahan", "Kelurahan"), ("kecamatan", "Kecamatan"), ("kota", "Kota"), ("provinsi", "Provinsi"), ("nasional", "Nasional")])

    /// Who signed the report (`signed`).
    public static let signed: [Field] = [
        Field("by", "Ditandatangani oleh", wide: true), Field("nip", "NIP"), Field("role", "Jabatan"), Field("date", "Tanggal", .date),
    ]

    /// Indikator (Tabel 3.x): with last year's figures, the Renstra end target and the efficiency table (§1.1).
    public static let indicators = RowList(name: "indicators", rowLabel: "indikator", fields: [
        Field("code", "Kode"), Field("name", "Indikator", wide: true), Field("sasaran", "Sasaran", wide: true), Field("unit", "Satuan"),
        Field("polarity", "Polaritas", polarity), Field("target", "Target", .value), Field("realisasi", "Realisasi", .value),
        Field("reported_capaian", "Capaian (%) dilaporkan", .value),
        Field("previous/target", "Target tahun lalu", .value), Field("previous/realisasi", "Realisasi tahun lalu", .value),
        Field("previous/reported_capaian", "Capaian tahun lalu (%)", .value), Field("renstra_target", "Target akhir Renstra", .value),
        Field("reported_penyerapan", "Penyerapan (%) dilaporkan", .value), Field("reported_efisiensi", "Efisiensi dilaporkan", .value),
    ], limit: SubmissionLimits.indicators)

    public static let programs = RowList(name: "programs", rowLabel: "program", fields: [
        Field("code", "Kode program"), Field("name", "Program", wide: true), Field("sumber_dana", "Sumber dana"),
        Field("pagu_murni", "Pagu murni (Rp)", .amount), Field("pagu", "Pagu (Rp)", .amount), Field("realisasi", "Realisasi (Rp)", .amount),
    ], limit: SubmissionLimits.programs)

    public static let kegiatan = RowList(name: "kegiatan", rowLabel: "kegiatan", fields: [
        Field("code", "Kode kegiatan"), Field("name", "Kegiatan", wide: true),
        Field("pagu", "Pagu (Rp)", .amount), Field("realisasi", "Realisasi (Rp)", .amount),
    ], limit: SubmissionLimits.kegiatanPerProgram)

    public static let subKegiatan = RowList(name: "sub_kegiatan", rowLabel: "sub kegiatan", fields: [
        Field("code", "Kode sub kegiatan"), Field("name", "Sub kegiatan", wide: true), Field("belanja", "Jenis belanja", belanja),
        Field("pagu", "Pagu (Rp)", .amount), Field("realisasi", "Realisasi (Rp)", .amount), Field("kelurahan", "Kode kelurahan"),
    ], limit: SubmissionLimits.subKegiatanPerKegiatan)

    /// The list inside each row of `list` (a program's kegiatan, a kegiatan's sub kegiatan), if any.
    public static func childList(of list: RowList) -> RowList? {
        switch list.name {
        case programs.name: kegiatan
        case kegiatan.name: subKegiatan
        default: nil
        }
    }

    /// `budget/total`.
    public static let total: [Field] = [
        Field("pagu_murni", "Total pagu murni (Rp)", .amount), Field("pagu", "Total pagu (Rp)", .amount),
        Field("realisasi", "Total realisasi (Rp)", .amount),
    ]

    /// `budget/belanja`, per belanja type.
    public static let belanjaTotals: [Field] = ["operasi", "modal", "tidak_terduga", "transfer"].flatMap { type in
        let name = type == "tidak_terduga" ? "tidak terduga" : type
        return [Field("\(type)/pagu", "Belanja \(name): pagu (Rp)", .amount), Field("\(type)/realisasi", "Belanja \(name): realisasi (Rp)", .amount)]
    }

    public static let pbb = RowList(name: "pbb", rowLabel: "kelurahan", fields: [
        Field("kelurahan", "Kode kelurahan"), Field("ketetapan", "Ketetapan (Rp)", .amount), Field("realisasi", "Realisasi (Rp)", .amount),
        Field("objek", "Jumlah objek", .integer), Field("objek_lunas", "Objek lunas", .integer), Field("as_of", "Per tanggal", .date),
    ], limit: SubmissionLimits.pbbRows)

    public static let awards = RowList(name: "awards", rowLabel: "penghargaan", fields: [
        Field("region", "Kode wilayah penerima"), Field("title", "Penghargaan", wide: true), Field("place", "Peringkat", place),
        Field("label", "Sebutan (mis. Harapan 1)"), Field("level", "Tingkat", level), Field("given_by", "Pemberi"), Field("date", "Tanggal", .date),
    ], limit: SubmissionLimits.awards)
}
