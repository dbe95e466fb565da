import Foundation
import RekapDomain

/// The leaderboard and medal tables with their bar charts: the city report, the dashboard and the
/// ranking workbooks all show them, from these two builders, in the reader's language
/// (`Catalog.Rankings`).
extension ReportTable {
    /// One `rekap rank` board: rank, region, value and the value's terms, charted best first.
    public static func leaderboard(_ board: Leaderboard, _ language: Language = .default) -> ReportTable {
        let text = Catalog.Rankings.self
        let bars = board.rows.compactMap { row -> BarChart.Bar? in
            let ranked = row.ranked
            guard let rank = ranked.rank, let value = ranked.entry.displayValue else { return nil }
            let shown = LocalizedNumber.percent(value, language)
            return BarChart.Bar(label: "\(rank). \(ranked.entry.name)", segments: [max(value, 0)], valueText: shown + "%",
                                title: text.barTitle(rank: rank, name: ranked.entry.name, code: ranked.entry.region.text, value: shown)(language))
        }
        return ReportTable(
            id: "rank-" + board.id, title: board.title(language), note: board.measure(language),
            columns: [ReportColumn("rank", text.rank(language)), ReportColumn("region", Catalog.ReportTables.region(language), region: true),
                      ReportColumn("value", text.value(language)), ReportColumn("numerator", text.term(board.numeratorName)(language)),
                      ReportColumn("denominator", text.term(board.denominatorName)(language))],
            rows: board.rows.map { row in
                // Rupiah terms are grouped like every amount; other terms (Σ capaian, indicators) print as they are.
                func term(_ value: Decimal?) -> ReportCell {
                    guard let value else { return .number(nil) }
                    return board.kind == .iku ? .number(value) : .amount(value)
                }
                return [.integer(row.ranked.rank), .region(ReportRegion(code: row.ranked.entry.region, name: row.ranked.entry.name)),
                        .percent(row.ranked.entry.displayValue), term(row.numerator), term(row.denominator)]
            },
            chart: BarChart(title: board.title(language), bars: bars, reference: 100, segmentClasses: ["bar"]))
    }

    /// The kelurahan medal table (cf. Tabel 3.11), charted as stacked firsts, seconds and thirds.
    public static func medals(_ medals: [MedalStanding], _ language: Language = .default) -> ReportTable {
        let text = Catalog.Rankings.self
        let bars = medals.map { standing in
            let tally = standing.tally
            return BarChart.Bar(label: "\(standing.rank). \(tally.name)",
                                segments: [Decimal(tally.first), Decimal(tally.second), Decimal(tally.third)],
                                valueText: "\(tally.first) / \(tally.second) / \(tally.third)",
                                title: text.medalBarTitle(rank: standing.rank, name: tally.name, code: tally.region.text,
                                                          first: tally.first, second: tally.second, third: tally.third)(language))
        }
        return ReportTable(
            id: "rank-awards", title: text.medalTitle(language),
            note: text.medalNote(language),
            columns: [ReportColumn("rank", text.rank(language)), ReportColumn("region", Catalog.ReportTables.kelurahan(language), region: true),
                      ReportColumn("gold", Catalog.Report.first(language)), ReportColumn("silver", Catalog.Report.second(language)),
                      ReportColumn("bronze", Catalog.Report.third(language)),
                      ReportColumn("podium", text.podium(language)), ReportColumn("other", text.other(language))],
            rows: medals.map { standing in
                [.integer(standing.rank), .region(ReportRegion(code: standing.tally.region, name: standing.tally.name)),
                 .integer(standing.tally.first), .integer(standing.tally.second), .integer(standing.tally.third),
                 .integer(standing.total), .integer(standing.other)]
            },
            chart: BarChart(title: text.medalChartTitle(language), bars: bars, reference: nil, segmentClasses: ["gold", "silver", "bronze"]))
    }
}
