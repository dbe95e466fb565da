import Foundation
import RekapDomain
import RekapStore

/// Prints leaderboards as table, CSV or JSON (contract §3; the JSON is RekapStore's ``LeaderboardJSON``,
/// shared with the HTTP API). Values are exact decimal text; the JSON
/// and CSV columns are the same for every ratio ranking: rank, region, name, value, numerator,
/// denominator (empty or null for an unranked region).
enum LeaderboardOutput {
    static func render(_ board: Leaderboard, as format: RankingFormat) -> String {
        func text(_ value: Decimal?) -> String? { value.map(DecimalText.string) }
        switch format {
        case .json:
            return LeaderboardJSON.text(board)
        case .csv:
            return csv([["rank", "region", "name", "value", "numerator", "denominator"]] + board.rows.map { row in
                [row.rank.map(String.init) ?? "", row.region.text, row.name, row.value ?? "",
                 text(row.numerator) ?? "", text(row.denominator) ?? ""]
            })
        case .table:
            return board.title + "\n" + TextTable.render(
                [["rank", "region", "name", "%", board.numeratorName, board.denominatorName]] + board.rows.map { row in
                    [row.rank.map(String.init) ?? "-", row.region.text, row.name, row.value ?? "-",
                     text(row.numerator) ?? "-", text(row.denominator) ?? "-"]
                })
        }
    }

    static func render(_ board: MedalLeaderboard, as format: RankingFormat) -> String {
        switch format {
        case .json:
            return LeaderboardJSON.text(board)
        case .csv:
            return csv([["rank", "region", "name", "gold", "silver", "bronze", "other"]] + board.rows.map { row in
                [String(row.rank), row.region.text, row.name, String(row.gold), String(row.silver), String(row.bronze), String(row.other)]
            })
        case .table:
            return board.title + "\n" + TextTable.render(
                [["rank", "region", "name", "gold", "silver", "bronze", "other"]] + board.rows.map { row in
                    [String(row.rank), row.region.text, row.name, String(row.gold), String(row.silver), String(row.bronze), String(row.other)]
                })
        }
    }

    /// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; CRLF-free.
    static func csv(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { field in
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    : field
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }
}
