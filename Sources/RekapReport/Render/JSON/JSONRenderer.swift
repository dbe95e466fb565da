import Foundation
import RekapDomain

/// The report as JSON (`rekap.report/v1`), documented in `docs/report-json.md`.
///
/// Keys are snake_case and always present (null when there is no value), in a fixed order.
/// Amounts and indicator values are exact decimal strings; percentages and efisiensi ratios are
/// strings rounded half-up to 2 decimals, with the exact figures they come from beside them.
public enum JSONRenderer {
    /// The `format` value of the document.
    public static let format = "rekap.report/v1"

    public static func render(_ report: CityReport, language: Language = .default) -> String {
        JSONWriter.string(value(report, language: language)) + "\n"
    }

    /// The document as a `JSONValue`, for callers that embed it. Keys never change; `language` chooses
    /// the text of the few values people read (`staleness_note`, a leaderboard's `title` and `measure`,
    /// an undefined efisiensi's `reason`). A finding has its `message` in English, as everywhere in the API, and
    /// `message_id` in Bahasa Indonesia.
    public static func value(_ report: CityReport, language: Language = .default) -> JSONValue {
        object([
            ("format", .string(format)),
            ("city", region(report.city)),
            ("year", .number(String(report.year))),
            ("generated_at", .string(ReportFormat.timestamp(report.generatedAt))),
            ("aggregated_at", report.aggregatedAt.map { .string(ReportFormat.timestamp($0)) } ?? .null),
            ("stale", .bool(report.stalenessNote != nil)),
            ("staleness_note", string(report.stalenessNote.map { $0(language) })),
            ("iku", object([
                ("kecamatan", .array(report.iku.map(iku))),
                ("city", .array(report.ikuStatistics.map(statistics))),
            ])),
            ("budget", object([
                ("programs", .array(report.programs.map { program in
                    object([("code", string(program.code)), ("name", .string(program.name)),
                            ("kecamatan_count", .number(String(program.kecamatanCount))),
                            ("pagu_murni", decimal(program.paguMurni))] + amounts(program.amounts))
                })),
                ("belanja", .array(report.belanja.map { row in
                    object([("belanja", .string(row.belanja.rawValue))] + amounts(row.amounts))
                })),
                ("total", object(amounts(report.budgetTotal))),
            ])),
            ("efisiensi", .array(report.efisiensi.map { efisiensi($0, language) })),
            ("pbb", object([
                ("kecamatan", .array(report.pbbKecamatan.map(pbb))),
                ("kelurahan", .array(report.pbbKelurahan.map(pbb))),
            ])),
            ("leaderboards", .array(report.leaderboards.map { board in
                object([("id", .string(board.id)), ("kind", .string(board.kind.rawValue)), ("title", .string(board.title(language))),
                        ("measure", .string(board.measure(language))), ("numerator_name", .string(board.numeratorName)),
                        ("denominator_name", .string(board.denominatorName)), ("entries", LeaderboardJSON.value(board))])
            })),
            ("medals", .array(report.medals.map { standing in
                .object(LeaderboardJSON.members(standing) + [JSONMember(key: "podium", value: .number(String(standing.total)))])
            })),
            ("completeness", .array(report.completeness.map { row in
                object([("region", region(row.region)), ("level", .string(CityReport.levelName(row.region.code))),
                        ("owed", .array(Period.allCases.filter { row.status($0).owed }.map { .string($0.rawValue) })),
                        ("periods", object(Period.allCases.map { period in
                            let status = row.status(period)
                            guard let revision = status.revision else { return (period.rawValue, .null) }
                            return (period.rawValue, object([("revision", .number(String(revision))),
                                                             ("submitted_at", timestamp(status.submittedAt)),
                                                             ("signed_date", status.signedOn.map { .string($0.description) } ?? .null)]))
                        }))])
            })),
            ("findings", .array(report.findings.map { submission in
                object([("submission_id", .number(String(submission.submissionID))), ("region", region(submission.region)),
                        ("period", .string(submission.period.rawValue)), ("revision", .number(String(submission.revision))),
                        ("submitted_at", timestamp(submission.submittedAt)),
                        ("findings", .array(submission.findings.map { finding in
                            object([("severity", .string(finding.severity.rawValue)), ("rule", .string(finding.rule)),
                                    ("pointer", .string(finding.pointer)), ("message", .string(finding.message)),
                                    ("message_id", .string(finding.text.id))])
                        }))])
            })),
            ("quarter_plan_capaian", .array(report.quarterPlanCapaian.map(quarterPlan))),
            ("cross_findings", .array(report.crossFindings.map(crossFinding))),
        ])
    }

    // MARK: Sections

    static func iku(_ row: IKURow) -> JSONValue {
        object([
            ("kecamatan", region(row.kecamatan)), ("code", .string(row.code)), ("name", .string(row.name)),
            ("sasaran", string(row.sasaran)), ("unit", string(row.unit)), ("polarity", .string(row.polarity.rawValue)),
            ("target", decimal(row.target)), ("realisasi", decimal(row.realisasi)), ("capaian", percent(row.capaian)),
            ("predikat", string(row.predikat)), ("renstra_target", decimal(row.renstraTarget)),
            ("previous", row.previous.map { previous in
                object([("target", decimal(previous.target)), ("realisasi", decimal(previous.realisasi)),
                        ("polarity", .string(previous.polarity.rawValue)), ("capaian", percent(previous.capaian)),
                        ("source", .string(previous.source.rawValue))])
            } ?? .null),
            ("pk_target", planTarget(row.pkTarget)), ("capaian_pk", percent(row.pkCapaian)),
            ("renstra_end", planTarget(row.renstraEnd)), ("renstra_progress", percent(row.renstraProgress)),
        ])
    }

    static func quarterPlan(_ row: QuarterPlanCapaian) -> JSONValue {
        object([
            ("region", region(row.region)), ("period", .string(row.period.rawValue)), ("code", .string(row.code)),
            ("name", .string(row.name)), ("polarity", .string(row.polarity.rawValue)), ("target", decimal(row.target)),
            ("realisasi", decimal(row.realisasi)), ("capaian", percent(row.capaian)),
            ("pk_target", planTarget(row.pkTarget)), ("capaian_pk", percent(row.pkCapaian)),
        ])
    }

    static func crossFinding(_ finding: CrossDocumentFinding) -> JSONValue {
        object([
            ("region", region(finding.region)), ("severity", .string(finding.severity.rawValue)), ("rule", .string(finding.rule)),
            ("subject", side(finding.subject)), ("against", side(finding.against)), ("message", .string(finding.message)),
            ("message_id", .string(finding.text.id)),
        ])
    }

    static func side(_ side: CrossDocumentFinding.Side) -> JSONValue {
        object([("document", .string(side.document)), ("id", .number(String(side.id))),
                ("revision", .number(String(side.revision))), ("pointer", .string(side.pointer))])
    }

    /// A stored plan's target with the document it comes from; null when there is none.
    static func planTarget(_ target: PlanTarget?) -> JSONValue {
        target.map { object([("value", decimal($0.value)), ("document", .string($0.document))]) } ?? .null
    }

    static func statistics(_ stats: IKUStatistics) -> JSONValue {
        object([
            ("code", .string(stats.code)), ("name", .string(stats.name)), ("reporting", .number(String(stats.reporting))),
            ("mean", percent(stats.mean)), ("median", percent(stats.median)), ("min", percent(stats.minimum)),
            ("max", percent(stats.maximum)),
            ("predikat_counts", object(stats.predikatCounts.map { ($0.predikat, .number(String($0.count))) })),
        ])
    }

    static func efisiensi(_ row: EfisiensiRow, _ language: Language) -> JSONValue {
        let efisiensi = row.efisiensi
        let reason: String? = if case .undefined(let reason) = efisiensi { reason(language) } else { nil }
        return object([
            ("kecamatan", region(row.kecamatan)), ("capaian", percent(row.capaian)),
            ("pagu", decimal(row.budget?.pagu)), ("realisasi", decimal(row.budget?.realisasi)),
            ("penyerapan", percent(row.budget?.penyerapan)),
            ("efisiensi", efisiensi.value.map { .string(DecimalText.string($0, fractionDigits: 2)) } ?? .null),
            ("label", string(efisiensi.label)), ("undefined_reason", string(reason)),
        ])
    }

    static func pbb(_ row: PBBFigures) -> JSONValue {
        object([
            ("region", region(row.region)), ("ketetapan", decimal(row.ketetapan)), ("realisasi", decimal(row.realisasi)),
            ("percent", percent(row.percent)), ("objek", row.objek.map { .number(String($0)) } ?? .null),
            ("objek_lunas", row.objekLunas.map { .number(String($0)) } ?? .null),
            ("reached_100_on", string(row.reachedFullOn?.description)), ("as_of", string(row.asOf?.description)),
            ("source", string(row.source?.rawValue)),
        ])
    }

    static func amounts(_ amounts: BudgetAmounts) -> [(String, JSONValue)] {
        [("pagu", decimal(amounts.pagu)), ("realisasi", decimal(amounts.realisasi)), ("sisa", decimal(amounts.sisa)),
         ("penyerapan", percent(amounts.penyerapan))]
    }

    // MARK: Values

    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { JSONMember(key: $0.0, value: $0.1) })
    }

    static func region(_ region: ReportRegion) -> JSONValue {
        object([("code", .string(region.code.text)), ("name", .string(region.name))])
    }

    static func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// Exact decimal text, as a string (JSON numbers would be read as binary floating point by most tools).
    static func decimal(_ value: Decimal?) -> JSONValue { value.map { .string(DecimalText.string($0)) } ?? .null }

    static func percent(_ value: Decimal?) -> JSONValue { value.map { .string(DecimalText.percent($0)) } ?? .null }

    static func timestamp(_ date: Date?) -> JSONValue { date.map { .string(ReportFormat.timestamp($0)) } ?? .null }
}
