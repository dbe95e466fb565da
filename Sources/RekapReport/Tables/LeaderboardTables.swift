import Foundation
import RekapDomain

/// The leaderboard and medal tables with their bar charts: the city report and the dashboard both
/// show them, from these two builders.
extension ReportTable {
    /// One `rekap rank` board: rank, region, value and the value's terms, charted best first.
    public static func leaderboard(_ board: Leaderboard) -> ReportTable {
        let bars = board.rows.compactMap { row -> BarChart.Bar? in
            let ranked = row.ranked
            guard let rank = ranked.rank, let value = ranked.entry.displayValue, let text = ranked.valueText else { return nil }
            return BarChart.Bar(label: "\(rank). \(ranked.entry.name)", segments: [max(value, 0)], valueText: text + "%",
                                title: "Rank \(rank): \(ranked.entry.name) (\(ranked.entry.region.text)) \(text)%")
        }
        return ReportTable(
            id: "rank-" + board.id, title: board.title, note: board.measure,
            columns: [ReportColumn("rank", "Rank"), ReportColumn("region", "Region", region: true),
                      ReportColumn("value", "Value %"), ReportColumn("numerator", board.numeratorName.capitalizedFirst),
                      ReportColumn("denominator", board.denominatorName.capitalizedFirst)],
            rows: board.rows.map { row in
                // Rupiah terms are grouped like every amount; other terms (Σ capaian, indicators) print as they are.
                func term(_ value: Decimal?) -> ReportCell {
                    guard let value else { return .number(nil) }
                    return board.kind == .iku ? .number(value) : .amount(value)
                }
                return [.integer(row.ranked.rank), .region(ReportRegion(code: row.ranked.entry.region, name: row.ranked.entry.name)),
                        .percent(row.ranked.entry.displayValue), term(row.numerator), term(row.denominator)]
            },
            chart: BarChart(title: board.title, bars: bars, reference: 100, segmentClasses: ["bar"]))
    }

    /// The kelurahan medal table (cf. Tabel 3.11), charted as stacked firsts, seconds and thirds.
    public static func medals(_ medals: [MedalStanding]) -> ReportTable {
        let bars = medals.map { standing in
            let tally = standing.tally
            return BarChart.Bar(label: "\(standing.rank). \(tally.name)",
                                segments: [Decimal(tally.first), Decimal(tally.second), Decimal(tally.third)],
                                valueText: "\(tally.first) / \(tally.second) / \(tally.third)",
                                title: "Rank \(standing.rank): \(tally.name) (\(tally.region.text)): \(tally.first) first, \(tally.second) second, \(tally.third) third places")
        }
        return ReportTable(
            id: "rank-awards", title: "Medal table of kelurahan (awards)",
            note: "Podium places from the awards submitted (cf. Tabel 3.11): most firsts, then seconds, then thirds; Harapan and certificates (other) do not count.",
            columns: [ReportColumn("rank", "Rank"), ReportColumn("region", "Kelurahan", region: true),
                      ReportColumn("gold", "1st"), ReportColumn("silver", "2nd"), ReportColumn("bronze", "3rd"),
                      ReportColumn("podium", "Podium"), ReportColumn("other", "Other")],
            rows: medals.map { standing in
                [.integer(standing.rank), .region(ReportRegion(code: standing.tally.region, name: standing.tally.name)),
                 .integer(standing.tally.first), .integer(standing.tally.second), .integer(standing.tally.third),
                 .integer(standing.total), .integer(standing.other)]
            },
            chart: BarChart(title: "Medal table of kelurahan", bars: bars, reference: nil, segmentClasses: ["gold", "silver", "bronze"]))
    }
}
