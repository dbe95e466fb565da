import ArgumentParser
import Foundation
import RekapDomain
import RekapReport
import RekapStore

/// How `rekap token create` and `rekap token list` show a token: never its secret or hash.
enum TokenOutput {
    /// `--format` of the token commands.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    /// The token as JSON members (timestamps ISO 8601 UTC, null when unset).
    static func members(_ token: APIToken) -> [JSONMember] {
        func instant(_ date: Date?) -> JSONValue { date.map { .string(ReportFormat.timestamp($0)) } ?? .null }
        return [
            JSONMember(key: "id", value: .number(String(token.id))),
            JSONMember(key: "role", value: .string(token.role.rawValue)),
            JSONMember(key: "region", value: .string(token.region.text)),
            JSONMember(key: "label", value: token.label.map { .string($0) } ?? .null),
            JSONMember(key: "created_at", value: instant(token.createdAt)),
            JSONMember(key: "expires_at", value: instant(token.expiresAt)),
            JSONMember(key: "revoked_at", value: instant(token.revokedAt)),
            JSONMember(key: "last_used_at", value: instant(token.lastUsedAt)),
        ]
    }

    /// One table row per token, with a header.
    static func table(_ tokens: [APIToken]) -> String {
        func instant(_ date: Date?) -> String { date.map(DbStatusCommand.timestamp) ?? "-" }
        return TextTable.render([["id", "role", "region", "label", "created (UTC)", "expires (UTC)", "revoked (UTC)", "last used (UTC)"]]
                                + tokens.map { token in
            [String(token.id), token.role.rawValue, token.region.text, token.label ?? "-", instant(token.createdAt),
             instant(token.expiresAt), instant(token.revokedAt), instant(token.lastUsedAt)]
        })
    }
}
