import Foundation
import RekapDomain

/// The report's tables, in the order of an LKjIP's chapter III. Markdown, CSV and HTML all print
/// these, so a figure cannot appear in one format and be missing from another.
extension CityReport {
    /// Every chapter with its tables; a table with no rows is still there (renderers say "no data").
    public var chapters: [ReportChapter] {
        [
            ReportChapter(id: "kinerja", title: "Kinerja: Indikator Kinerja Utama (cf. Tabel 3.3–3.5)",
                          tables: [ikuTable, previousYearTable, renstraProgressTable, quarterPlanTable, ikuStatisticsTable]),
            ReportChapter(id: "anggaran", title: "Akuntabilitas keuangan (cf. Tabel 3.7–3.10)",
                          tables: [programTable, belanjaTable, efisiensiTable]),
            ReportChapter(id: "pbb", title: "PBB-P2",
                          tables: [pbbTable(id: "pbb-kecamatan", title: "PBB-P2 by kecamatan", rows: pbbKecamatan, total: true),
                                   pbbTable(id: "pbb-kelurahan", title: "PBB-P2 by kelurahan and desa", rows: pbbKelurahan, total: false)]),
            ReportChapter(id: "peringkat", title: "Peringkat (leaderboards)",
                          tables: leaderboardTables + [medalTable]),
            ReportChapter(id: "kelengkapan", title: "Kelengkapan laporan (completeness)",
                          tables: [completenessTable]),
            ReportChapter(id: "temuan", title: "Temuan (open findings)",
                          tables: [findingsTable, crossFindingsTable]),
        ]
    }

    // MARK: Kinerja

    var ikuTable: ReportTable {
        let previousYear = String(year - 1)
        return ReportTable(
            id: "iku-kecamatan", title: "IKU capaian by kecamatan, \(year) against \(previousYear)",
            note: "Capaian = realisasi ÷ target × 100 (higher is better) or (2 × target − realisasi) ÷ target × 100 (lower is better); predikat per LKjIP Tabel 3.2.",
            columns: [
                ReportColumn("kecamatan", "Kecamatan", region: true), ReportColumn("indicator", "Indicator"),
                ReportColumn("indicator_name", "Name"), ReportColumn("unit", "Unit"),
                ReportColumn("target_previous", "Target \(previousYear)"), ReportColumn("realisasi_previous", "Realisasi \(previousYear)"),
                ReportColumn("capaian_previous", "Capaian \(previousYear) %"),
                ReportColumn("target", "Target \(year)"), ReportColumn("target_pk", "Target PK \(year)"),
                ReportColumn("realisasi", "Realisasi \(year)"),
                ReportColumn("capaian", "Capaian \(year) %"), ReportColumn("capaian_pk", "Capaian thd Target PK %"),
                ReportColumn("predikat", "Predikat"),
                ReportColumn("renstra_target", "Renstra target"),
            ],
            rows: iku.map { row in
                [.region(row.kecamatan), .text(row.code), .text(row.name), .text(row.unit ?? ""),
                 .number(row.previous?.target), .number(row.previous?.realisasi), .percent(row.previous?.capaian),
                 .number(row.target), .number(row.pkTarget?.value), .number(row.realisasi), .percent(row.capaian),
                 .percent(row.pkCapaian), .text(row.predikat ?? ReportFormat.missing),
                 .number(row.renstraTarget)]
            })
    }

    /// Tabel 3.4's shape per kecamatan: each indicator's target, realisasi and capaian of last year beside this year's.
    var previousYearTable: ReportTable {
        let last = String(year - 1), this = String(year)
        return ReportTable(
            id: "iku-tahun-lalu", title: "Capaian Tahun Lalu dan Tahun Ini (cf. Tabel 3.4)",
            note: "Angka \(last) dari LKjIP \(last) yang tersimpan; bila tidak ada, dari angka \(last) yang dinyatakan laporan \(this) (previous).",
            columns: [
                ReportColumn("kecamatan", "Kecamatan", region: true), ReportColumn("sasaran", "Sasaran Strategis"),
                ReportColumn("indicator", "Indikator"), ReportColumn("indicator_name", "Indikator Kinerja"),
                ReportColumn("target_previous", "Target \(last)"), ReportColumn("target", "Target \(this)"),
                ReportColumn("realisasi_previous", "Realisasi \(last)"), ReportColumn("realisasi", "Realisasi \(this)"),
                ReportColumn("capaian_previous", "Capaian \(last) %"), ReportColumn("capaian", "Capaian \(this) %"),
                ReportColumn("source_previous", "Sumber \(last)"),
            ],
            rows: iku.map { row in
                [.region(row.kecamatan), .text(row.sasaran ?? ""), .text(row.code), .text(row.name),
                 .number(row.previous?.target), .number(row.target), .number(row.previous?.realisasi), .number(row.realisasi),
                 .percent(row.previous?.capaian), .percent(row.capaian), .text(Self.sourceName(row.previous?.source))]
            })
    }

    /// Tabel 3.5's shape per kecamatan: this year's realisasi against the Renstra end target.
    var renstraProgressTable: ReportTable {
        ReportTable(
            id: "iku-renstra", title: "Kemajuan terhadap Target Akhir Renstra (cf. Tabel 3.5)",
            note: "Target akhir dari Renstra yang tersimpan; bila tidak ada, yang dinyatakan laporan (renstra_target). Kemajuan dihitung seperti capaian: realisasi \(year) terhadap target akhir.",
            columns: [
                ReportColumn("kecamatan", "Kecamatan", region: true), ReportColumn("sasaran", "Sasaran Strategis"),
                ReportColumn("indicator", "Indikator"), ReportColumn("indicator_name", "Indikator Kinerja"),
                ReportColumn("renstra_end_target", "Target Akhir Renstra"), ReportColumn("renstra_target", "Dinyatakan Laporan"),
                ReportColumn("realisasi", "Realisasi \(year)"), ReportColumn("progress", "Kemajuan %"),
                ReportColumn("renstra", "Renstra"),
            ],
            rows: iku.filter { $0.renstraEndTarget != nil }.map { row in
                [.region(row.kecamatan), .text(row.sasaran ?? ""), .text(row.code), .text(row.name),
                 .number(row.renstraEndTarget), .number(row.renstraTarget), .number(row.realisasi), .percent(row.renstraProgress),
                 .text(row.renstraEnd?.document ?? "dinyatakan laporan")]
            })
    }

    /// Quarterly submissions measured against the PK's rencana aksi targets.
    var quarterPlanTable: ReportTable {
        ReportTable(
            id: "iku-triwulan-pk", title: "Capaian Triwulan terhadap Target PK",
            note: "Laporan triwulan (kumulatif) dengan target triwulan dari PK (rencana aksi): capaian terhadap target laporan sendiri dan terhadap target PK.",
            columns: [
                ReportColumn("region", "Wilayah", region: true), ReportColumn("period", "Periode"),
                ReportColumn("indicator", "Indikator"), ReportColumn("indicator_name", "Indikator Kinerja"),
                ReportColumn("target", "Target Laporan"), ReportColumn("target_pk", "Target PK"),
                ReportColumn("realisasi", "Realisasi"), ReportColumn("capaian", "Capaian %"),
                ReportColumn("capaian_pk", "Capaian thd Target PK %"), ReportColumn("pk", "PK"),
            ],
            rows: quarterPlanCapaian.map { row in
                [.region(row.region), .text(row.period.rawValue), .text(row.code), .text(row.name),
                 .number(row.target), .number(row.pkTarget.value), .number(row.realisasi), .percent(row.capaian),
                 .percent(row.pkCapaian), .text(row.pkTarget.document)]
            })
    }

    var ikuStatisticsTable: ReportTable {
        let labels = predikatLabels
        return ReportTable(
            id: "iku-city", title: "IKU across the city",
            note: "Capaian % over the kecamatan reporting each indicator; the last columns count kecamatan per predikat.",
            columns: [ReportColumn("indicator", "Indicator"), ReportColumn("indicator_name", "Name"),
                      ReportColumn("reporting", "Reporting"), ReportColumn("mean", "Mean %"), ReportColumn("median", "Median %"),
                      ReportColumn("min", "Min %"), ReportColumn("max", "Max %")]
                + labels.map { ReportColumn(Self.key($0), $0) },
            rows: ikuStatistics.map { stats in
                [.text(stats.code), .text(stats.name), .integer(stats.reporting), .percent(stats.mean), .percent(stats.median),
                 .percent(stats.minimum), .percent(stats.maximum)]
                    + labels.map { .integer(stats.count(of: $0)) }
            })
    }

    // MARK: Anggaran

    static let amountColumns = [ReportColumn("pagu", "Pagu"), ReportColumn("realisasi", "Realisasi"),
                                ReportColumn("sisa", "Sisa"), ReportColumn("penyerapan", "Penyerapan %")]

    static func amountCells(_ amounts: BudgetAmounts) -> [ReportCell] {
        [.amount(amounts.pagu), .amount(amounts.realisasi), .amount(amounts.sisa), .percent(amounts.penyerapan)]
    }

    var programTable: ReportTable {
        let total = budgetTotal
        let murni = programs.compactMap(\.paguMurni)
        return ReportTable(
            id: "budget-programs", title: "Budget realisation by program",
            note: "Programs matched across kecamatan by code (by name when uncoded); penyerapan = realisasi ÷ pagu × 100.",
            columns: [ReportColumn("program", "Code"), ReportColumn("program_name", "Program"),
                      ReportColumn("kecamatan_count", "Kecamatan"), ReportColumn("pagu_murni", "Pagu murni")] + Self.amountColumns,
            rows: programs.map { program in
                [.text(program.code ?? ""), .text(program.name), .integer(program.kecamatanCount),
                 program.paguMurni.map(ReportCell.amount) ?? .number(nil)] + Self.amountCells(program.amounts)
            },
            footer: programs.isEmpty ? nil
                : [.text(""), .text("Total"), .text(""), murni.isEmpty ? .number(nil) : .amount(murni.reduce(0, +))] + Self.amountCells(total))
    }

    var belanjaTable: ReportTable {
        let total = BudgetAmounts(pagu: belanja.reduce(0) { $0 + $1.amounts.pagu }, realisasi: belanja.reduce(0) { $0 + $1.amounts.realisasi })
        return ReportTable(
            id: "budget-belanja", title: "Budget realisation by belanja type",
            columns: [ReportColumn("belanja", "Belanja")] + Self.amountColumns,
            rows: belanja.map { [.text($0.belanja.rawValue)] + Self.amountCells($0.amounts) },
            footer: belanja.isEmpty ? nil : [.text("Total")] + Self.amountCells(total))
    }

    var efisiensiTable: ReportTable {
        ReportTable(
            id: "efisiensi", title: "Efisiensi penggunaan sumber daya by kecamatan",
            note: "Efisiensi = IKU capaian ÷ penyerapan (LKjIP Tabel 3.10); 1.00 or more is efisien.",
            columns: [ReportColumn("kecamatan", "Kecamatan", region: true), ReportColumn("capaian", "IKU capaian %"),
                      ReportColumn("pagu", "Pagu"), ReportColumn("realisasi", "Realisasi"), ReportColumn("penyerapan", "Penyerapan %"),
                      ReportColumn("efisiensi", "Efisiensi"), ReportColumn("keterangan", "Keterangan")],
            rows: efisiensi.map { row in
                let efisiensi = row.efisiensi
                let keterangan: String = switch efisiensi {
                case .ratio: efisiensi.label ?? ""
                case .undefined(let reason): reason
                }
                return [.region(row.kecamatan), .percent(row.capaian),
                        row.budget.map { .amount($0.pagu) } ?? .number(nil), row.budget.map { .amount($0.realisasi) } ?? .number(nil),
                        .percent(row.budget?.penyerapan), .ratio(efisiensi.value), .text(keterangan)]
            })
    }

    // MARK: PBB-P2

    func pbbTable(id: String, title: String, rows: [PBBFigures], total: Bool) -> ReportTable {
        let footer: [ReportCell]? = total && !rows.isEmpty ? {
            let ketetapan = rows.reduce(Decimal(0)) { $0 + $1.ketetapan }
            let realisasi = rows.reduce(Decimal(0)) { $0 + $1.realisasi }
            let objek = rows.allSatisfy { $0.objek != nil } ? rows.reduce(0) { $0 + $1.objek! } : nil
            let lunas = rows.allSatisfy { $0.objekLunas != nil } ? rows.reduce(0) { $0 + $1.objekLunas! } : nil
            return [.text("Total"), .amount(ketetapan), .amount(realisasi),
                    .percent(ketetapan.isZero ? nil : realisasi * 100 / ketetapan), .integer(objek), .integer(lunas),
                    .date(nil), .date(rows.compactMap(\.asOf).max()), .text("")]
        }() : nil
        return ReportTable(
            id: id, title: title,
            note: "Realisasi = pokok paid up to the as-of date; % = realisasi ÷ ketetapan × 100; source: feed (revenue agency CSV) or submission.",
            columns: [ReportColumn("region", "Region", region: true), ReportColumn("ketetapan", "Ketetapan"),
                      ReportColumn("realisasi", "Realisasi"), ReportColumn("percent", "%"), ReportColumn("objek", "Objek"),
                      ReportColumn("objek_lunas", "Lunas"), ReportColumn("reached_100_on", "100% on"),
                      ReportColumn("as_of", "As of"), ReportColumn("source", "Source")],
            rows: rows.map { row in
                [.region(row.region), .amount(row.ketetapan), .amount(row.realisasi), .percent(row.percent),
                 .integer(row.objek), .integer(row.objekLunas), .date(row.reachedFullOn), .date(row.asOf), .text(row.source?.rawValue ?? ReportFormat.missing)]
            },
            footer: footer)
    }

    // MARK: Peringkat

    var leaderboardTables: [ReportTable] { leaderboards.map(ReportTable.leaderboard) }

    var medalTable: ReportTable { ReportTable.medals(medals) }

    // MARK: Kelengkapan and temuan

    /// Regions that owe a period (the city's reporting obligations) or sent one; "missing" only where
    /// a region owes the period and sent nothing.
    var completenessTable: ReportTable {
        let listed = completeness.filter(\.isExpectedOrSubmitted)
        let owingFY = listed.filter { $0.status(.fy).owed }
        let submittedFY = owingFY.filter { $0.status(.fy).isSubmitted }.count
        return ReportTable(
            id: "completeness", title: "Submissions for \(year) by period",
            note: "\(submittedFY) of \(owingFY.count) regions that owe the annual report (FY) submitted it; each cell is the latest revision, the day it was stored and the day it was signed; \(ReportFormat.missing) where the region does not owe the period. Regions that owe nothing and sent nothing are not listed.",
            columns: [ReportColumn("region", "Region", region: true), ReportColumn("level", "Level")]
                + Period.allCases.map { ReportColumn(Self.key($0.rawValue), $0.rawValue, submission: true) },
            rows: listed.map { row in
                [.region(row.region), .text(Self.levelName(row.region.code))]
                    + Period.allCases.map { ReportCell.submission(row.status($0)) }
            })
    }

    var findingsTable: ReportTable {
        ReportTable(
            id: "findings", title: "Open findings by submission",
            note: "Findings of each region's latest revision per period; earlier revisions' findings are closed by the revision that replaced them.",
            columns: [ReportColumn("submission", "Submission"), ReportColumn("region", "Region", region: true),
                      ReportColumn("period", "Period"), ReportColumn("revision", "Rev."), ReportColumn("severity", "Severity"),
                      ReportColumn("rule", "Rule"), ReportColumn("pointer", "Pointer"), ReportColumn("message", "Message")],
            rows: findings.flatMap { submission in
                submission.findings.map { finding in
                    [.text(String(submission.submissionID)), .region(submission.region), .text(submission.period.rawValue),
                     .integer(submission.revision), .text(finding.severity.rawValue), .text(finding.rule),
                     .text(finding.pointer), .localized(finding.text)]
                }
            })
    }

    /// Findings across documents: each row names both documents, with the stored id, revision and place in each.
    var crossFindingsTable: ReportTable {
        ReportTable(
            id: "cross-findings", title: "Temuan Lintas Dokumen (laporan, PK, Renstra)",
            note: "Dihitung ulang setiap kali salah satu dokumen disimpan atau direvisi; revisi yang membetulkan menutupnya.",
            columns: [ReportColumn("region", "Wilayah", region: true), ReportColumn("severity", "Severity"),
                      ReportColumn("rule", "Rule"), ReportColumn("document", "Dokumen"), ReportColumn("document_id", "ID"),
                      ReportColumn("pointer", "Pointer"), ReportColumn("against", "Dibandingkan dengan"),
                      ReportColumn("against_id", "ID"), ReportColumn("against_pointer", "Pointer"), ReportColumn("message", "Pesan")],
            rows: crossFindings.map { finding in
                [.region(finding.region), .text(finding.severity.rawValue), .text(finding.rule),
                 .text("\(finding.subject.document) rev. \(finding.subject.revision)"), .text(String(finding.subject.id)),
                 .text(finding.subject.pointer),
                 .text("\(finding.against.document) rev. \(finding.against.revision)"), .text(String(finding.against.id)),
                 .text(finding.against.pointer), .localized(finding.text)]
            })
    }

    // MARK: Helpers

    /// Where last year's figures come from, in words.
    static func sourceName(_ source: IKURow.Previous.Source?) -> String {
        switch source {
        case .storedReport?: "LKjIP tersimpan"
        case .reported?: "dinyatakan laporan"
        case nil: ReportFormat.missing
        }
    }

    /// The predikat labels of the scale in force, best first: those the statistics count (a city may
    /// have its own scale), else LKjIP Tabel 3.2's.
    var predikatLabels: [String] {
        ikuStatistics.first.map { $0.predikatCounts.map(\.predikat) } ?? IKUStatistics.predikatLabels
    }

    /// "Sangat Berhasil" → "sangat_berhasil".
    static func key(_ label: String) -> String {
        label.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    /// "kecamatan", "kelurahan", "desa" … from the code, never from the name.
    static func levelName(_ code: RegionCode) -> String {
        code.villageKind?.rawValue ?? (code.level == .kecamatan ? "kecamatan" : code.level.description)
    }
}

extension String {
    /// "realisasi" → "Realisasi", for column headings made from names.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
