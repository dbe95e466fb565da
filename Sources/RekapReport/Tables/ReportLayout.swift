import Foundation
import RekapDomain

/// The report's tables, in the order of an LKjIP's chapter III. Markdown, CSV, HTML, XLSX and JSON all
/// print these, so a figure cannot appear in one format and be missing from another.
///
/// Every text a person reads (titles, notes, headings, words in cells) comes from the catalog
/// (`Catalog.ReportTables`) in the reader's language; ids and column keys never change with it.
extension CityReport {
    /// Every chapter with its tables in `language`; a table with no rows is still there (renderers
    /// say "no data").
    public func chapters(_ language: Language = .default) -> [ReportChapter] {
        let text = Catalog.ReportTables.self
        return [
            ReportChapter(id: "kinerja", title: text.chapterKinerja(language),
                          tables: [ikuTable(language), previousYearTable(language), renstraProgressTable(language),
                                   quarterPlanTable(language), ikuStatisticsTable(language)]),
            ReportChapter(id: "anggaran", title: text.chapterAnggaran(language),
                          tables: [programTable(language), belanjaTable(language), efisiensiTable(language)]),
            ReportChapter(id: "pbb", title: text.chapterPBB(language),
                          tables: [pbbTable(id: "pbb-kecamatan", title: text.pbbKecamatanTitle(language), rows: pbbKecamatan, total: true, language),
                                   pbbTable(id: "pbb-kelurahan", title: text.pbbKelurahanTitle(language), rows: pbbKelurahan, total: false, language)]),
            ReportChapter(id: "peringkat", title: text.chapterPeringkat(language),
                          tables: leaderboards.map { ReportTable.leaderboard($0, language) } + [ReportTable.medals(medals, language)]),
            ReportChapter(id: "kelengkapan", title: text.chapterKelengkapan(language),
                          tables: [completenessTable(language)]),
            ReportChapter(id: "temuan", title: text.chapterTemuan(language),
                          tables: [findingsTable(language), crossFindingsTable(language)]),
        ]
    }

    // MARK: Kinerja

    func ikuTable(_ language: Language) -> ReportTable {
        let text = Catalog.ReportTables.self, previousYear = year - 1
        return ReportTable(
            id: "iku-kecamatan", title: text.ikuTitle(year: year, previous: previousYear)(language),
            note: text.ikuNote(language),
            columns: [
                ReportColumn("kecamatan", text.kecamatan(language), region: true), ReportColumn("indicator", text.indicator(language)),
                ReportColumn("indicator_name", text.indicatorName(language)), ReportColumn("unit", text.unit(language)),
                ReportColumn("target_previous", text.target(previousYear)(language)),
                ReportColumn("realisasi_previous", text.realisasi(previousYear)(language)),
                ReportColumn("capaian_previous", text.capaian(previousYear)(language)),
                ReportColumn("target", text.target(year)(language)), ReportColumn("target_pk", text.pkTarget(year)(language)),
                ReportColumn("realisasi", text.realisasi(year)(language)),
                ReportColumn("capaian", text.capaian(year)(language)), ReportColumn("capaian_pk", text.capaianPK(language)),
                ReportColumn("predikat", text.predikat(language)),
                ReportColumn("renstra_target", text.renstraTarget(language)),
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
    func previousYearTable(_ language: Language) -> ReportTable {
        let text = Catalog.ReportTables.self, last = year - 1, this = year
        return ReportTable(
            id: "iku-tahun-lalu", title: text.previousYearTitle(language),
            note: text.previousYearNote(last: last, this: this)(language),
            columns: [
                ReportColumn("kecamatan", text.kecamatan(language), region: true), ReportColumn("sasaran", text.sasaran(language)),
                ReportColumn("indicator", text.indicator(language)), ReportColumn("indicator_name", text.indicatorName(language)),
                ReportColumn("target_previous", text.target(last)(language)), ReportColumn("target", text.target(this)(language)),
                ReportColumn("realisasi_previous", text.realisasi(last)(language)), ReportColumn("realisasi", text.realisasi(this)(language)),
                ReportColumn("capaian_previous", text.capaian(last)(language)), ReportColumn("capaian", text.capaian(this)(language)),
                ReportColumn("source_previous", text.source(last)(language)),
            ],
            rows: iku.map { row in
                [.region(row.kecamatan), .text(row.sasaran ?? ""), .text(row.code), .text(row.name),
                 .number(row.previous?.target), .number(row.target), .number(row.previous?.realisasi), .number(row.realisasi),
                 .percent(row.previous?.capaian), .percent(row.capaian), Self.source(row.previous?.source)]
            })
    }

    /// Tabel 3.5's shape per kecamatan: this year's realisasi against the Renstra end target.
    func renstraProgressTable(_ language: Language) -> ReportTable {
        let text = Catalog.ReportTables.self
        return ReportTable(
            id: "iku-renstra", title: text.renstraTitle(language),
            note: text.renstraNote(year: year)(language),
            columns: [
                ReportColumn("kecamatan", text.kecamatan(language), region: true), ReportColumn("sasaran", text.sasaran(language)),
                ReportColumn("indicator", text.indicator(language)), ReportColumn("indicator_name", text.indicatorName(language)),
                ReportColumn("renstra_end_target", text.renstraEndTarget(language)), ReportColumn("renstra_target", text.statedByReport(language)),
                ReportColumn("realisasi", text.realisasi(year)(language)), ReportColumn("progress", text.progress(language)),
                ReportColumn("renstra", text.renstra(language)),
            ],
            rows: iku.filter { $0.renstraEndTarget != nil }.map { row in
                [.region(row.kecamatan), .text(row.sasaran ?? ""), .text(row.code), .text(row.name),
                 .number(row.renstraEndTarget), .number(row.renstraTarget), .number(row.realisasi), .percent(row.renstraProgress),
                 row.renstraEnd.map { .text($0.document) } ?? .term(text.reported.id, text.reported)]
            })
    }

    /// Quarterly submissions measured against the PK's rencana aksi targets.
    func quarterPlanTable(_ language: Language) -> ReportTable {
        let text = Catalog.ReportTables.self
        return ReportTable(
            id: "iku-triwulan-pk", title: text.quarterTitle(language),
            note: text.quarterNote(language),
            columns: [
                ReportColumn("region", text.region(language), region: true), ReportColumn("period", text.period(language)),
                ReportColumn("indicator", text.indicator(language)), ReportColumn("indicator_name", text.indicatorName(language)),
                ReportColumn("target", text.reportTarget(language)), ReportColumn("target_pk", text.pkTarget(language)),
                ReportColumn("realisasi", text.realisasi(language)), ReportColumn("capaian", text.capaian(language)),
                ReportColumn("capaian_pk", text.capaianPK(language)), ReportColumn("pk", text.pk(language)),
            ],
            rows: quarterPlanCapaian.map { row in
                [.region(row.region), .text(row.period.rawValue), .text(row.code), .text(row.name),
                 .number(row.target), .number(row.pkTarget.value), .number(row.realisasi), .percent(row.capaian),
                 .percent(row.pkCapaian), .text(row.pkTarget.document)]
            })
    }

    func ikuStatisticsTable(_ language: Language) -> ReportTable {
        let text = Catalog.ReportTables.self, labels = predikatLabels
        return ReportTable(
            id: "iku-city", title: text.ikuCityTitle(language),
            note: text.ikuCityNote(language),
            columns: [ReportColumn("indicator", text.indicator(language)), ReportColumn("indicator_name", text.indicatorName(language)),
                      ReportColumn("reporting", text.reporting(language)), ReportColumn("mean", text.mean(language)),
                      ReportColumn("median", text.median(language)),
                      ReportColumn("min", text.minimum(language)), ReportColumn("max", text.maximum(language))]
                + labels.map { ReportColumn(Self.key($0), $0) },
            rows: ikuStatistics.map { stats in
                [.text(stats.code), .text(stats.name), .integer(stats.reporting), .percent(stats.mean), .percent(stats.median),
                 .percent(stats.minimum), .percent(stats.maximum)]
                    + labels.map { .integer(stats.count(of: $0)) }
            })
    }

    // MARK: Anggaran

    static func amountColumns(_ language: Language) -> [ReportColumn] {
        let text = Catalog.ReportTables.self
        return [ReportColumn("pagu", text.pagu(language)), ReportColumn("realisasi", text.realisasi(language)),
                ReportColumn("sisa", text.sisa(language)), ReportColumn("penyerapan", text.penyerapan(language))]
    }

    static func amountCells(_ amounts: BudgetAmounts) -> [ReportCell] {
        [.amount(amounts.pagu), .amount(amounts.realisasi), .amount(amounts.sisa), .percent(amounts.penyerapan)]
    }

    func programTable(_ language: Language) -> ReportTable {
        let text = Catalog.ReportTables.self
        let total = budgetTotal
        let murni = programs.compactMap(\.paguMurni)
        return ReportTable(
            id: "budget-programs", title: text.programTitle(language),
            note: text.programNote(language),
            columns: [ReportColumn("program", text.code(language)), ReportColumn("program_name", text.program(language)),
                      ReportColumn("kecamatan_count", text.kecamatanCount(language)), ReportColumn("pagu_murni", text.paguMurni(language))]
                + Self.amountColumns(language),
            rows: programs.map { program in
                [.text(program.code ?? ""), .text(program.name), .integer(program.kecamatanCount),
                 program.paguMurni.map(ReportCell.amount) ?? .number(nil)] + Self.amountCells(program.amounts)
            },
            footer: programs.isEmpty ? nil
                : [.text(""), .text(text.total(language)), .text(""), murni.isEmpty ? .number(nil) : .amount(murni.reduce(0, +))] + Self.amountCells(total))
    }

    func belanjaTable(_ language: Language) -> ReportTable {
        let text = Catalog.ReportTables.self
        let total = BudgetAmounts(pagu: belanja.reduce(0) { $0 + $1.amounts.pagu }, realisasi: belanja.reduce(0) { $0 + $1.amounts.realisasi })
        return ReportTable(
            id: "budget-belanja", title: text.belanjaTitle(language),
            columns: [ReportColumn("belanja", text.belanjaType(language))] + Self.amountColumns(language),
            // The cell keeps the type's key for programs (CSV, JSON) and shows its name to people.
            rows: belanja.map { [.term($0.belanja.rawValue, text.belanja($0.belanja))] + Self.amountCells($0.amounts) },
            footer: belanja.isEmpty ? nil : [.text(text.total(language))] + Self.amountCells(total))
    }

    func efisiensiTable(_ language: Language) -> ReportTable {
        let text = Catalog.ReportTables.self
        return ReportTable(
            id: "efisiensi", title: text.efisiensiTitle(language),
            note: text.efisiensiNote(language),
            columns: [ReportColumn("kecamatan", text.kecamatan(language), region: true), ReportColumn("capaian", text.ikuCapaian(language)),
                      ReportColumn("pagu", text.pagu(language)), ReportColumn("realisasi", text.realisasi(language)),
                      ReportColumn("penyerapan", text.penyerapan(language)),
                      ReportColumn("efisiensi", text.efisiensi(language)), ReportColumn("keterangan", text.keterangan(language))],
            rows: efisiensi.map { row in
                let efisiensi = row.efisiensi
                let keterangan: String = switch efisiensi {
                case .ratio: efisiensi.label ?? ""
                case .undefined(let reason): reason(language)
                }
                return [.region(row.kecamatan), .percent(row.capaian),
                        row.budget.map { .amount($0.pagu) } ?? .number(nil), row.budget.map { .amount($0.realisasi) } ?? .number(nil),
                        .percent(row.budget?.penyerapan), .ratio(efisiensi.value), .text(keterangan)]
            })
    }

    // MARK: PBB-P2

    func pbbTable(id: String, title: String, rows: [PBBFigures], total: Bool, _ language: Language) -> ReportTable {
        let text = Catalog.ReportTables.self
        let footer: [ReportCell]? = total && !rows.isEmpty ? {
            let ketetapan = rows.reduce(Decimal(0)) { $0 + $1.ketetapan }
            let realisasi = rows.reduce(Decimal(0)) { $0 + $1.realisasi }
            let objek = rows.allSatisfy { $0.objek != nil } ? rows.reduce(0) { $0 + $1.objek! } : nil
            let lunas = rows.allSatisfy { $0.objekLunas != nil } ? rows.reduce(0) { $0 + $1.objekLunas! } : nil
            return [.text(text.total(language)), .amount(ketetapan), .amount(realisasi),
                    .percent(ketetapan.isZero ? nil : realisasi * 100 / ketetapan), .integer(objek), .integer(lunas),
                    .date(nil), .date(rows.compactMap(\.asOf).max()), .text("")]
        }() : nil
        return ReportTable(
            id: id, title: title,
            note: text.pbbNote(language),
            columns: [ReportColumn("region", text.region(language), region: true), ReportColumn("ketetapan", text.ketetapan(language)),
                      ReportColumn("realisasi", text.realisasi(language)), ReportColumn("percent", text.percent(language)),
                      ReportColumn("objek", text.objek(language)),
                      ReportColumn("objek_lunas", text.lunas(language)), ReportColumn("reached_100_on", text.reachedFullOn(language)),
                      ReportColumn("as_of", text.asOf(language)), ReportColumn("source", text.source(language))],
            rows: rows.map { row in
                [.region(row.region), .amount(row.ketetapan), .amount(row.realisasi), .percent(row.percent),
                 .integer(row.objek), .integer(row.objekLunas), .date(row.reachedFullOn), .date(row.asOf),
                 row.source.map { .term($0.rawValue, text.pbbSource($0.rawValue)) } ?? .text(ReportFormat.missing)]
            },
            footer: footer)
    }

    // MARK: Kelengkapan and temuan

    /// Regions that owe a period (the city's reporting obligations) or sent one; "missing" only where
    /// a region owes the period and sent nothing.
    func completenessTable(_ language: Language) -> ReportTable {
        let text = Catalog.ReportTables.self
        let listed = completeness.filter(\.isExpectedOrSubmitted)
        let owingFY = listed.filter { $0.status(.fy).owed }
        let submittedFY = owingFY.filter { $0.status(.fy).isSubmitted }.count
        return ReportTable(
            id: "completeness", title: text.completenessTitle(year: year)(language),
            note: text.completenessNote(submitted: submittedFY, owing: owingFY.count, missing: ReportFormat.missing)(language),
            columns: [ReportColumn("region", text.region(language), region: true), ReportColumn("level", text.level(language))]
                + Period.allCases.map { ReportColumn(Self.key($0.rawValue), $0.rawValue, submission: true) },
            rows: listed.map { row in
                [.region(row.region), .text(Self.levelName(row.region.code))]
                    + Period.allCases.map { ReportCell.submission(row.status($0)) }
            })
    }

    func findingsTable(_ language: Language) -> ReportTable {
        let text = Catalog.ReportTables.self
        return ReportTable(
            id: "findings", title: text.findingsTitle(language),
            note: text.findingsNote(language),
            columns: [ReportColumn("submission", text.submission(language)), ReportColumn("region", text.region(language), region: true),
                      ReportColumn("period", text.period(language)), ReportColumn("revision", text.revision(language)),
                      ReportColumn("severity", text.severity(language)),
                      ReportColumn("rule", text.rule(language)), ReportColumn("pointer", text.pointer(language)),
                      ReportColumn("message", text.message(language))],
            rows: findings.flatMap { submission in
                submission.findings.map { finding in
                    [.text(String(submission.submissionID)), .region(submission.region), .text(submission.period.rawValue),
                     .integer(submission.revision), .term(finding.severity.rawValue, Catalog.severity(finding.severity)), .text(finding.rule),
                     .text(finding.pointer), .localized(finding.text)]
                }
            })
    }

    /// Findings across documents: each row names both documents, with the stored id, revision and place in each.
    func crossFindingsTable(_ language: Language) -> ReportTable {
        let text = Catalog.ReportTables.self
        return ReportTable(
            id: "cross-findings", title: text.crossFindingsTitle(language),
            note: text.crossFindingsNote(language),
            columns: [ReportColumn("region", text.region(language), region: true), ReportColumn("severity", text.severity(language)),
                      ReportColumn("rule", text.rule(language)), ReportColumn("document", text.document(language)),
                      ReportColumn("document_id", text.documentID(language)),
                      ReportColumn("pointer", text.pointer(language)), ReportColumn("against", text.against(language)),
                      ReportColumn("against_id", text.documentID(language)), ReportColumn("against_pointer", text.pointer(language)),
                      ReportColumn("message", text.message(language))],
            rows: crossFindings.map { finding in
                [.region(finding.region), .term(finding.severity.rawValue, Catalog.severity(finding.severity)), .text(finding.rule),
                 .text("\(finding.subject.document) rev. \(finding.subject.revision)"), .text(String(finding.subject.id)),
                 .text(finding.subject.pointer),
                 .text("\(finding.against.document) rev. \(finding.against.revision)"), .text(String(finding.against.id)),
                 .text(finding.against.pointer), .localized(finding.text)]
            })
    }

    // MARK: Helpers

    /// Where last year's figures come from, in words; CSV keeps the Indonesian words in every language
    /// (the values it always had).
    static func source(_ source: IKURow.Previous.Source?) -> ReportCell {
        let text = Catalog.ReportTables.self
        return switch source {
        case .storedReport?: .term(text.storedReport.id, text.storedReport)
        case .reported?: .term(text.reported.id, text.reported)
        case nil: .text(ReportFormat.missing)
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
