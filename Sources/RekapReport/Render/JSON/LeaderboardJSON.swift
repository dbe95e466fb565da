import Foundation
import RekapDomain

/// Leaderboards as the contract's ranking JSON (§3): an array, best first. `rekap rank ... --format
/// json`, the HTTP API's `GET /v1/rankings/...` and the report's `leaderboards` all come from here, so
/// they are byte-identical.
public enum LeaderboardJSON {
    /// `[{"rank", "region", "name", "value", "numerator", "denominator"}]`: `rank` and `value` are null
    /// for a region whose value is undefined; numerator and denominator are exact decimal strings,
    /// null when unknown.
    public static func value(_ board: Leaderboard) -> JSONValue {
        func text(_ value: Decimal?) -> JSONValue { value.map { .string(DecimalText.string($0)) } ?? .null }
        return .array(board.rows.map { row in
            .object([
                JSONMember(key: "rank", value: row.rank.map { .number(String($0)) } ?? .null),
                JSONMember(key: "region", value: .string(row.region.text)),
                JSONMember(key: "name", value: .string(row.name)),
                JSONMember(key: "value", value: row.value.map { .string($0) } ?? .null),
                JSONMember(key: "numerator", value: text(row.numerator)),
                JSONMember(key: "denominator", value: text(row.denominator)),
            ])
        })
    }

    /// `[{"rank", "region", "name", "gold", "silver", "bronze", "other"}]`.
    public static func value(_ board: MedalLeaderboard) -> JSONValue {
        .array(board.rows.map { .object(members($0)) })
    }

    /// `"rank", "region", "name", "gold", "silver", "bronze", "other"` of one standing.
    public static func members(_ row: MedalStanding) -> [JSONMember] {
        [
            JSONMember(key: "rank", value: .number(String(row.rank))),
            JSONMember(key: "region", value: .string(row.region.text)),
            JSONMember(key: "name", value: .string(row.name)),
            JSONMember(key: "gold", value: .number(String(row.gold))),
            JSONMember(key: "silver", value: .number(String(row.silver))),
            JSONMember(key: "bronze", value: .number(String(row.bronze))),
            JSONMember(key: "other", value: .number(String(row.other))),
        ]
    }

    /// The printed document: indented, with a final newline.
    public static func text(_ board: Leaderboard) -> String { JSONWriter.string(value(board)) + "\n" }

    /// The printed document: indented, with a final newline.
    public static func text(_ board: MedalLeaderboard) -> String { JSONWriter.string(value(board)) + "\n" }
}
