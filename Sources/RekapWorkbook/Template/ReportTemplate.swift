import Foundation
import RekapDomain
import XLSX

/// The workbook an office fills for one report (contract §1): ``WorkbookLayout/Report``, pre-filled
/// with what is known (``ReportTemplateInput``).
///
/// With a stored revision every value the reader reads is written, exactly, so converting the
/// untouched workbook gives that revision's document back. Without one, last year's FY report
/// lends its rows (indicators, programs, kegiatan, sub kegiatan, awards' titles not included) without values.
public enum ReportTemplate {
    public static func workbook(_ input: ReportTemplateInput) throws -> WorkbookWriter {
        typealias Layout = WorkbookLayout.Report
        typealias Choices = WorkbookLayout.Choices
        let workbook = WorkbookWriter()
        let document = input.latest?.document
        let rows = document ?? input.lastYear
        let withValues = document != nil
        let subtitle = "\(input.region.name) (\(input.region.code.text)), \(input.year) \(input.period.rawValue)"

        try TemplateCommonSheets.addInstructions(instructions(input), title: "Petunjuk pengisian — laporan \(subtitle)", to: workbook)
        var identity: [String: WrittenValue] = [
            "/region": .text(input.region.code.text), "Nama wilayah": .text(input.region.name),
            "/year": .number(XLSXNumber(input.year)), "/period": .text(input.period.rawValue),
        ]
        if let signed = document?.signed {
            identity["/signed/by"] = TemplateValues.text(signed.by)
            identity["/signed/nip"] = TemplateValues.text(signed.nip)
            identity["/signed/role"] = TemplateValues.text(signed.role)
            identity["/signed/date"] = TemplateValues.date(signed.date)
        }
        try TemplateCommonSheets.addIdentity(Layout.identity, values: identity, title: "Identitas laporan", to: workbook)

        // The lists sheet is written later (sheet order), but its range is known now.
        let regions = [input.region] + input.kelurahan.filter { $0.code != input.region.code }
        let regionList: ListValidation.Source = .range(quotedSheetName(TemplateCommonSheets.listsSheet) + "!$A$1:$A$\(regions.count)")
        let labels = Dictionary(regions.map { ($0.code, $0.choiceLabel) }, uniquingKeysWith: { first, _ in first })
        func region(_ code: RegionCode?) -> WrittenValue? {
            code.map { .text(labels[$0] ?? $0.text) }
        }

        // Indikator
        let indicators = try TableSheetWriter(Layout.indicators, subtitle: subtitle, workbook: workbook, regionList: regionList, formulas: [
            "I": { row in
                "IF(OR(F\(row)=\"\",G\(row)=\"\",F\(row)=0),\"\",IF(OR(E\(row)=\"lower\",E\(row)=\"\(Choices.polarity[1].label)\"),(2*F\(row)-G\(row))/F\(row)*100,G\(row)/F\(row)*100))"
            },
        ])
        for indicator in rows?.indicators ?? [] {
            var values: [String: WrittenValue] = [:]
            values["A"] = TemplateValues.text(indicator.code)
            values["B"] = TemplateValues.text(indicator.name)
            values["C"] = TemplateValues.text(indicator.sasaran)
            values["D"] = TemplateValues.text(indicator.unit)
            values["E"] = TemplateValues.choice(indicator.polarity.rawValue, Choices.polarity)
            if withValues {
                values["F"] = TemplateValues.number(indicator.target)
                values["G"] = TemplateValues.number(indicator.realisasi)
                values["H"] = TemplateValues.number(indicator.reportedCapaian)
                values["J"] = TemplateValues.number(indicator.renstraTarget)
                values["K"] = TemplateValues.number(indicator.previous?.target)
                values["L"] = TemplateValues.number(indicator.previous?.realisasi)
                values["M"] = TemplateValues.number(indicator.previous?.reportedCapaian)
                values["N"] = TemplateValues.number(indicator.reportedPenyerapan)
                values["O"] = TemplateValues.number(indicator.reportedEfisiensi)
            }
            values["P"] = TemplateValues.number(input.pkTargets[indicator.code])
            try indicators.append(values)
        }
        try indicators.finish()

        // Anggaran: the tree, then the office's own totals.
        let budget = try TableSheetWriter(Layout.budget, subtitle: subtitle, workbook: workbook, regionList: regionList, formulas: [
            "J": { row in "IF(OR(H\(row)=\"\",I\(row)=\"\"),\"\",H\(row)-I\(row))" },
            "K": { row in "IF(OR(H\(row)=\"\",I\(row)=\"\",H\(row)=0),\"\",I\(row)/H\(row))" },
        ])
        for program in rows?.budget?.programs ?? [] {
            try budget.append([
                "A": .text(Choices.program.label), "B": TemplateValues.text(program.code), "C": .text(program.name),
                "D": TemplateValues.text(program.sumberDana),
                "G": withValues ? TemplateValues.amount(program.paguMurni) : nil,
                "H": withValues ? TemplateValues.amount(program.pagu) : nil,
                "I": withValues ? TemplateValues.amount(program.realisasi) : nil,
            ], indent: ("C", 0))
            for kegiatan in program.kegiatan {
                try budget.append([
                    "A": .text(Choices.kegiatan.label), "B": TemplateValues.text(kegiatan.code), "C": .text(kegiatan.name),
                    "H": withValues ? TemplateValues.amount(kegiatan.pagu) : nil,
                    "I": withValues ? TemplateValues.amount(kegiatan.realisasi) : nil,
                ], indent: ("C", 1))
                for line in kegiatan.subKegiatan {
                    try budget.append([
                        "A": .text(Choices.subKegiatan.label), "B": TemplateValues.text(line.code), "C": .text(line.name),
                        "E": TemplateValues.choice(line.belanja?.rawValue, Choices.belanja), "F": region(line.kelurahan),
                        "H": withValues ? TemplateValues.amount(line.pagu) : nil,
                        "I": withValues ? TemplateValues.amount(line.realisasi) : nil,
                    ], indent: ("C", 2))
                }
            }
        }
        if withValues, let total = document?.budget?.total {
            try budget.append([
                "A": .text(Choices.total.label),
                "G": TemplateValues.amount(total.paguMurni), "H": TemplateValues.amount(total.pagu), "I": TemplateValues.amount(total.realisasi),
            ])
        }
        if withValues, let belanja = document?.budget?.belanja {
            for type in BelanjaType.allCases {
                guard let amounts = belanja[type] else { continue }
                try budget.append([
                    "A": .text(Choices.belanjaTotal.label),
                    "E": TemplateValues.choice(type.rawValue, Choices.belanja)!,
                    "H": TemplateValues.amount(amounts.pagu)!, "I": TemplateValues.amount(amounts.realisasi)!,
                ])
            }
        }
        try budget.finish()

        // PBB-P2: the region's kelurahan (codes and names locked), with the revision's figures.
        let pbb = try TableSheetWriter(Layout.pbb, subtitle: subtitle, workbook: workbook, regionList: regionList, formulas: [
            "E": { row in "IF(OR(C\(row)=\"\",D\(row)=\"\",C\(row)=0),\"\",D\(row)/C\(row))" },
        ])
        let pbbRows = withValues ? document?.pbb ?? [] : []
        let listed = input.kelurahan.map(\.code)
        let extra = pbbRows.map(\.kelurahan).filter { !listed.contains($0) }
        var seen: Set<RegionCode> = []
        for code in listed + extra where seen.insert(code).inserted {
            let name = labels[code].map { String($0.dropFirst(code.text.count + 1)) } ?? ""
            let figures = pbbRows.filter { $0.kelurahan == code }
            for row in figures.isEmpty ? [nil] : figures.map(Optional.some) {
                try pbb.append([
                    "A": .text(code.text), "B": .text(name),
                    "C": TemplateValues.amount(row?.ketetapan), "D": TemplateValues.amount(row?.realisasi),
                    "F": TemplateValues.integer(row?.objek), "G": TemplateValues.integer(row?.objekLunas),
                    "H": TemplateValues.date(row?.asOf),
                ], locked: ["A"])
            }
        }
        try pbb.finish()

        // Penghargaan
        let awards = try TableSheetWriter(Layout.awards, subtitle: subtitle, workbook: workbook, regionList: regionList)
        for award in withValues ? document?.awards ?? [] : [] {
            try awards.append([
                "A": region(award.region), "B": .text(award.title), "C": award.place.map { WrittenValue.text(String($0)) },
                "D": TemplateValues.text(award.label), "E": TemplateValues.choice(award.level.rawValue, Choices.awardLevel),
                "F": TemplateValues.text(award.givenBy), "G": TemplateValues.date(award.date),
            ])
        }
        try awards.finish()

        _ = try TemplateCommonSheets.addLists(regions: regions, to: workbook)
        var metadata: [(WorkbookLayout.MetadataKey, String)] = [
            (.layout, WorkbookLayout.version), (.document, WorkbookLayout.DocumentKind.report.rawValue),
            (.region, input.region.code.text), (.year, String(input.year)), (.period, input.period.rawValue),
        ]
        if let revision = input.latest?.revision { metadata.append((.revision, String(revision))) }
        try TemplateCommonSheets.addMetadata(metadata, to: workbook)
        return workbook
    }

    static func instructions(_ input: ReportTemplateInput) -> [String] {
        var paragraphs = [
            "Buku kerja ini untuk laporan \(input.region.name) (\(input.region.code.text)) tahun \(input.year), periode \(input.period.rawValue). Isi sheet-sheetnya, simpan sebagai .xlsx, lalu kirim dengan `rekap submit FILE.xlsx` atau unggah di rekap.",
            input.latest.map { "Sudah ada revisi \($0.revision) laporan ini: nilainya sudah terisi. Ubah yang perlu dikoreksi lalu kirim lagi; berkas yang tidak diubah sama dengan revisi itu." }
                ?? (input.lastYear != nil ? "Baris indikator dan anggaran diambil dari laporan tahun lalu (nama dan kode saja, tanpa nilai)." : "Belum ada data laporan ini: isi barisnya dari awal."),
            "Sheet yang diisi:",
            "• Identitas: penandatangan (nama, NIP, jabatan, tanggal). Kode wilayah, tahun dan periode terkunci.",
            "• Indikator: satu baris per indikator kinerja utama (IKU): kode, nama, sasaran, satuan, polaritas (pilih dari daftar), target, realisasi, capaian yang dilaporkan, target akhir Renstra, angka tahun lalu, penyerapan dan efisiensi yang dilaporkan. Target PK ditampilkan sebagai pembanding.",
            "• Anggaran: satu baris per program, kegiatan dan sub kegiatan (kolom Tingkat, pilih dari daftar), berurutan: kegiatan di bawah programnya, sub kegiatan di bawah kegiatannya. Pagu dan realisasi wajib untuk sub kegiatan. Baris Jumlah dan Jumlah belanja (jenis belanja di kolom Jenis belanja) berisi total yang tertulis di LKjIP; total itu diperiksa terhadap rinciannya, tidak diganti.",
            "• PBB-P2: satu baris per kelurahan/desa (kode dan nama terkunci): ketetapan, realisasi, jumlah objek, objek lunas, dan per tanggal. Baris yang nilainya kosong tidak dibaca.",
            "• Penghargaan: wilayah (pilih dari daftar), nama penghargaan, juara 1–3 (kosongkan untuk Harapan, tulis di Keterangan), tingkat, pemberi, tanggal.",
        ]
        paragraphs += TemplateCommonSheets.numberRules
        return paragraphs
    }
}
