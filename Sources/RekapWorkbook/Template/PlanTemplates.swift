import Foundation
import RekapDomain
import XLSX

/// The workbook for a Renstra (contract §1.2): ``WorkbookLayout/Renstra``, one target column per
/// year of the period, pre-filled with the stored Renstra when there is one.
public enum RenstraTemplate {
    public static func workbook(_ input: RenstraTemplateInput) throws -> WorkbookWriter {
        typealias Layout = WorkbookLayout.Renstra
        let workbook = WorkbookWriter()
        let subtitle = "\(input.region.name) (\(input.region.code.text)), \(input.from)–\(input.to)"
        try TemplateCommonSheets.addInstructions([
            "Buku kerja ini untuk Renstra \(input.region.name) (\(input.region.code.text)) periode \(input.from)–\(input.to).",
            input.latest.map { "Sudah ada revisi \($0.revision) Renstra ini: nilainya sudah terisi." } ?? "Belum ada Renstra periode ini: isi barisnya dari awal.",
            "Sheet yang diisi:",
            "• Renstra: satu baris per indikator: kode, nama, sasaran, satuan, polaritas (pilih dari daftar), formula, tahun dan nilai dasar, lalu target tiap tahun di kolom bertajuk tahun itu. Target tahun terakhir adalah target akhir Renstra.",
        ] + TemplateCommonSheets.numberRules, title: "Petunjuk pengisian — Renstra \(subtitle)", to: workbook)
        try TemplateCommonSheets.addIdentity(Layout.identity, values: [
            "/region": .text(input.region.code.text), "Nama wilayah": .text(input.region.name),
            "/from": .number(XLSXNumber(input.from)), "/to": .number(XLSXNumber(input.to)),
        ], title: "Identitas Renstra", to: workbook)
        let years = Array(input.from...max(input.from, input.to))
        let sheet = try TableSheetWriter(Layout.indicators, extraColumns: years.map { (String($0), 10) }, subtitle: subtitle,
                                         workbook: workbook, regionList: nil)
        for indicator in input.latest?.document.indicators ?? [] {
            try sheet.append([
                "A": TemplateValues.text(indicator.code), "B": .text(indicator.name), "C": TemplateValues.text(indicator.sasaran),
                "D": TemplateValues.text(indicator.unit), "E": TemplateValues.choice(indicator.polarity.rawValue, WorkbookLayout.Choices.polarity),
                "F": TemplateValues.text(indicator.formula), "G": TemplateValues.integer(indicator.baseline?.year),
                "H": TemplateValues.number(indicator.baseline?.value),
            ], extra: years.map { TemplateValues.number(indicator.targets[$0]) })
        }
        try sheet.finish()
        var metadata: [(WorkbookLayout.MetadataKey, String)] = [
            (.layout, WorkbookLayout.version), (.document, WorkbookLayout.DocumentKind.renstra.rawValue),
            (.region, input.region.code.text), (.from, String(input.from)), (.to, String(input.to)),
        ]
        if let latest = input.latest { metadata.append((.revision, String(latest.revision))) }
        try TemplateCommonSheets.addMetadata(metadata, to: workbook)
        return workbook
    }
}

/// The workbook for a Perjanjian Kinerja (contract §1.2): ``WorkbookLayout/PK``, pre-filled with the
/// stored PK of that year and kind when there is one.
public enum PKTemplate {
    public static func workbook(_ input: PKTemplateInput) throws -> WorkbookWriter {
        typealias Layout = WorkbookLayout.PK
        typealias Choices = WorkbookLayout.Choices
        let workbook = WorkbookWriter()
        let document = input.latest?.document
        let kindLabel = Choices.pkKind.first { $0.value == input.kind.rawValue }?.label ?? input.kind.rawValue
        let subtitle = "\(input.region.name) (\(input.region.code.text)), \(input.year) \(kindLabel.lowercased())"
        try TemplateCommonSheets.addInstructions([
            "Buku kerja ini untuk Perjanjian Kinerja (PK) \(kindLabel.lowercased()) \(input.region.name) (\(input.region.code.text)) tahun \(input.year).",
            input.latest.map { "Sudah ada revisi \($0.revision) PK ini: nilainya sudah terisi." } ?? "Belum ada PK ini: isi barisnya dari awal.",
            "Sheet yang diisi:",
            "• Identitas: tanggal tanda tangan, pihak pertama (nama, NIP, jabatan), pihak kedua (nama, jabatan) dan jumlah anggaran seperti tertulis di PK.",
            "• PK Indikator: satu baris per indikator: kode, nama, sasaran, satuan, target tahunan dan target triwulan (rencana aksi, kumulatif).",
            "• PK Program: baris Program (kode, nama, sumber dana, anggaran) diikuti baris Rincian (kegiatan atau sub kegiatan dan anggarannya) di bawahnya.",
        ] + TemplateCommonSheets.numberRules, title: "Petunjuk pengisian — PK \(subtitle)", to: workbook)
        var identity: [String: WrittenValue] = [
            "/region": .text(input.region.code.text), "Nama wilayah": .text(input.region.name),
            "/year": .number(XLSXNumber(input.year)), "/kind": .text(kindLabel),
        ]
        if let signed = document?.signed {
            identity["/signed/date"] = TemplateValues.date(signed.date)
            identity["/signed/first/name"] = TemplateValues.text(signed.first?.name)
            identity["/signed/first/nip"] = TemplateValues.text(signed.first?.nip)
            identity["/signed/first/jabatan"] = TemplateValues.text(signed.first?.jabatan)
            identity["/signed/second/name"] = TemplateValues.text(signed.second?.name)
            identity["/signed/second/jabatan"] = TemplateValues.text(signed.second?.jabatan)
        }
        identity["/total"] = TemplateValues.amount(document?.total)
        try TemplateCommonSheets.addIdentity(Layout.identity, values: identity, title: "Identitas Perjanjian Kinerja", to: workbook)

        let indicators = try TableSheetWriter(Layout.indicators, subtitle: subtitle, workbook: workbook, regionList: nil)
        for indicator in document?.indicators ?? [] {
            try indicators.append([
                "A": TemplateValues.text(indicator.code), "B": .text(indicator.name), "C": TemplateValues.text(indicator.sasaran),
                "D": TemplateValues.text(indicator.unit), "E": TemplateValues.number(indicator.target),
                "F": TemplateValues.number(indicator.quarters[.q1]), "G": TemplateValues.number(indicator.quarters[.q2]),
                "H": TemplateValues.number(indicator.quarters[.q3]), "I": TemplateValues.number(indicator.quarters[.q4]),
            ])
        }
        try indicators.finish()
        let programs = try TableSheetWriter(Layout.programs, subtitle: subtitle, workbook: workbook, regionList: nil)
        for program in document?.programs ?? [] {
            try programs.append([
                "A": .text(Choices.pkProgram.label), "B": TemplateValues.text(program.code), "C": .text(program.name),
                "D": TemplateValues.text(program.sumberDana), "E": TemplateValues.amount(program.anggaran),
            ], indent: ("C", 0))
            for line in program.lines {
                try programs.append([
                    "A": .text(Choices.pkLine.label), "B": TemplateValues.text(line.code), "C": .text(line.name),
                    "E": TemplateValues.amount(line.anggaran),
                ], indent: ("C", 1))
            }
        }
        try programs.finish()
        var metadata: [(WorkbookLayout.MetadataKey, String)] = [
            (.layout, WorkbookLayout.version), (.document, WorkbookLayout.DocumentKind.pk.rawValue),
            (.region, input.region.code.text), (.year, String(input.year)), (.kind, input.kind.rawValue),
        ]
        if let latest = input.latest { metadata.append((.revision, String(latest.revision))) }
        try TemplateCommonSheets.addMetadata(metadata, to: workbook)
        return workbook
    }
}
