import Foundation
import RekapDomain

/// Prints leaderboards as table, CSV or JSON (contract §3). The CSV and JSON columns are the same for
/// every ratio ranking: rank, region, name, value, numerator, denominator (empty or null for an
/// unranked region), all exact; the table rounds the terms for people (see ``tableTerm(_:)``).
public enum LeaderboardRenderer {
    public static func render(_ board: Leaderboard, as format: LeaderboardFormat) -> String {
        func exact(_ value: Decimal?) -> CSVField { .number(value.map(DecimalText.string) ?? "") }
        switch format {
        case .json:
            return LeaderboardJSON.text(board)
        case .csv:
            return CSVWriter.document(
                [["rank", "region", "name", "value", "numerator", "denominator"].map(CSVField.text)] + board.rows.map { row in
                    [.number(row.rank.map(String.init) ?? ""), .text(row.region.text), .text(row.name), .number(row.value ?? ""),
                     exact(row.numerator), exact(row.denominator)]
                },
                lineEnd: .lf)
        case .table:
            return board.title.en + "\n" + TextTable.render(
                [["rank", "region", "name", "%", board.numeratorName, board.denominatorName]] + board.rows.map { row in
                    [row.rank.map(String.init) ?? "-", row.region.text, row.name, row.value ?? "-",
                     row.numerator.map(tableTerm) ?? "-", row.denominator.map(tableTerm) ?? "-"]
                })
        }
    }

    public static func render(_ board: MedalLeaderboard, as format: LeaderboardFormat) -> String {
        let header = ["rank", "region", "name", "gold", "silver", "bronze", "other"]
        switch format {
        case .json:
            return LeaderboardJSON.text(board)
        case .csv:
            return CSVWriter.document(
                [header.map(CSVField.text)] + board.rows.map { row in
                    [.number(String(row.rank)), .text(row.region.text), .text(row.name), .number(String(row.gold)),
                     .number(String(row.silver)), .number(String(row.bronze)), .number(String(row.other))]
                },
                lineEnd: .lf)
        case .table:
            return board.title.en + "\n" + TextTable.render([header] + board.rows.map { row in
                [String(row.rank), row.region.text, row.name, String(row.gold), String(row.silver), String(row.bronze), String(row.other)]
            })
        }
    }

    /// A value's term as the table shows it: half-up to 2 decimals when it has more (Σ capaian of a
    /// kecamatan's indicators has 20), else exactly as it is (rupiah, counts, reported values). CSV
    /// and JSON keep it exact.
    static func tableTerm(_ value: Decimal) -> String {
        DecimalText.rounded(value, scale: 2) == value ? DecimalText.string(value) : DecimalText.string(value, fractionDigits: 2)
    }
}
