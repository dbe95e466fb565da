import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

/// A text parameter with a NUL byte is refused with its own error, never sent cut short at the NUL
/// (a C string ends there: `"abc\0def"` arrived as `"abc"`), and the error never shows the value.
@Suite(.freshDatabase)
struct NulInTextTests {
    static let value = "abc\u{0}secret-def"

    func expectRefused(_ what: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("\(what): a text with a NUL byte was sent")
        } catch let error as PGError {
            #expect(error.kind == .nulInText, "\(what): \(error)")
            #expect(error.message.contains("$1") && error.message.contains("NUL"), "\(what): \(error)")
            for text in [error.description, error.debugDescription] {
                #expect(!text.contains("abc") && !text.contains("secret"), "\(what): \(text)")
            }
        } catch {
            Issue.record("\(what): \(error)")
        }
    }

    @Test func everyWayOfSendingAParameterRefusesIt() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        try conn.execute("CREATE TEMP TABLE t (name text)")
        expectRefused("query") { _ = try conn.query("SELECT \(Self.value)::text") }
        expectRefused("execute") { try conn.execute("INSERT INTO t VALUES (\(Self.value))") }
        expectRefused("cachedQuery") { _ = try conn.cachedQuery("INSERT INTO t VALUES (\(Self.value)) RETURNING name") }
        let prepared = try conn.prepare("INSERT INTO t VALUES ($1)")
        expectRefused("prepared") { try conn.execute(prepared, Self.value) }
        // Inside an array parameter too (the array's text literal is one parameter).
        expectRefused("array") { _ = try conn.query("SELECT \(PGArray([Self.value, "x"]))::text[]") }
        #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM t") == 0)
        // The connection is still usable, and other control characters go through unchanged.
        #expect(try conn.queryValue(String.self, "SELECT \("a\tb\u{1}c")::text") == "a\tb\u{1}c")
    }
}
