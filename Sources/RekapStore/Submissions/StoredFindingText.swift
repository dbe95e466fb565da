import PostgresLibPQ
import RekapDomain

/// A stored finding's message in both languages: `message` (English) and `message_id` (Bahasa
/// Indonesia, 0012). Findings stored before 0012 have no Indonesian text: they show the English one.
enum StoredFindingText {
    static func decode(_ row: PGRow) throws -> LocalizedText {
        let english = try row.decode(String.self, column: "message")
        return LocalizedText(id: try row.decode(String?.self, column: "message_id") ?? english, en: english)
    }
}
