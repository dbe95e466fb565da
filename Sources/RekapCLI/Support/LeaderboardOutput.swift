import Foundation
import RekapDomain
import RekapStore

/// Prints leaderboards as table, CSV or JSON (contract §3). Values are exact decimal text; the JSON
/// and CSV columns are the same for every ratio ranking: rank, region, name, value, numerator,
/// denominator (empty or null for an unranked region).
enum LeaderboardOutput {
    static func render(_ board: Leaderboard, as format: RankingFormat) -> String {
        func text(_ value: Decimal?) -> String? { value.map(DecimalText.string) }
        switch format {
        case .json:
            return JSONWriter.string(.array(board.rows.map { row in
                .object([
                    JSONMember(key: "rank", value: row.rank.map { .number(String($0)) } ?? .null),
                    JSONMember(key: "region", value: .string(row.region.text)),
                    JSONMember(key: "name", value: .string(row.name)),
                    JSONMember(key: "value", value: row.value.map { .string($0) } ?? .null),
                    JSONMember(key: "numerator", value: text(row.numerator).map { .string($0) } ?? .null),
                    JSONMember(key: "denominator", value: text(row.denominator).map { .string($0) } ?? .null),
                ])
            })) + "\n"
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
            return JSONWriter.string(.array(board.rows.map { row in
                .object([
                    JSONMember(key: "rank", value: .number(String(row.rank))),
                    JSONMember(key: "region", value: .string(row.region.text)),
                    JSONMember(key: "name", value: .string(row.name)),
                    JSONMember(key: "gold", value: .number(String(row.gold))),
                    JSONMember(key: "silver", value: .number(String(row.silver))),
                    JSONMember(key: "bronze", value: .number(String(row.bronze))),
                    JSONMember(key: "other", value: .number(String(row.other))),
                ])
            })) + "\n"
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
