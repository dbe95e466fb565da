import Foundation
import RekapTestSupport
import Testing

/// "SQL text lives in RekapStore only" (the project's rule), checked on every Swift file of `Sources/`.
///
/// The rule, precisely:
/// - Outside `Sources/RekapStore`, no string literal (`"…"`, `"""…"""`, raw `#"…"#`; comments are
///   not looked at) is SQL. A literal is SQL when it starts with a statement keyword (`SELECT`,
///   `INSERT`, `UPDATE`, `DELETE`, `WITH`, `CREATE`, `DROP`, `ALTER`, `GRANT`, `REVOKE`, `TRUNCATE`,
///   `LISTEN`, `UNLISTEN`, `NOTIFY`, `BEGIN`, `COMMIT`, `ROLLBACK`, `SAVEPOINT`, `RELEASE`,
///   `DEALLOCATE`, `DISCARD`, `SET`, `RESET`, `LOCK`, `VACUUM`, `ANALYZE`, or `COPY … FROM STDIN|TO
///   STDOUT`), or holds `SELECT … FROM`, `INSERT INTO`, `DELETE FROM` or `UPDATE name SET` anywhere.
///   Keywords count in upper case only, as rekap writes SQL; "select a year" in a message is not SQL.
/// - `Sources/PostgresLibPQ`, the wrapper, keeps the statements a wrapper itself needs and nothing
///   else: transaction control (`BEGIN`, `COMMIT`, `ROLLBACK`, `SAVEPOINT`, `RELEASE SAVEPOINT`),
///   `LISTEN`/`UNLISTEN`, `DEALLOCATE` and `SELECT pg_notify(`.
/// Tests may hold SQL (they set up and inspect databases); they are not scanned.
@Suite struct SQLPlacementTests {
    static let statementStart = try! NSRegularExpression(
        pattern: #"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|DROP|ALTER|GRANT|REVOKE|TRUNCATE|LISTEN|UNLISTEN|NOTIFY|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|DEALLOCATE|DISCARD|SET|RESET|LOCK|VACUUM|ANALYZE)\b|^\s*COPY\b[\s\S]*\b(FROM STDIN|TO STDOUT)\b"#)
    static let sqlInside = try! NSRegularExpression(
        pattern: #"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT INTO\b|\bDELETE FROM\b|\bUPDATE\s+\w+\s+SET\b"#)
    static let wrapperStatements = try! NSRegularExpression(
        pattern: #"^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT |RELEASE SAVEPOINT |LISTEN |UNLISTEN |DEALLOCATE |SELECT pg_notify\()"#)

    @Test func noSQLOutsideRekapStore() throws {
        let sources = RepositoryFiles.url("Sources")
        var scanned = 0
        var offenders: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" {
            let path = String(file.path.dropFirst(RepositoryFiles.root.path.count + 1))
            if path.hasPrefix("Sources/RekapStore/") { continue }
            scanned += 1
            for literal in Self.stringLiterals(in: try String(contentsOf: file, encoding: .utf8)) where Self.isSQL(literal) {
                if path.hasPrefix("Sources/PostgresLibPQ/"), Self.matches(Self.wrapperStatements, literal) { continue }
                offenders.append("\(path): \(literal.prefix(100))")
            }
        }
        #expect(scanned > 50, "the scan found too few files: is Sources/ where it looks?")
        #expect(offenders.isEmpty, "SQL outside Sources/RekapStore (move it into a store call):\n\(offenders.joined(separator: "\n"))")
    }

    /// The rule's own checks: what counts as SQL and what does not.
    @Test func whatCountsAsSQL() {
        #expect(Self.isSQL("SELECT 1"))
        #expect(Self.isSQL("\n    SELECT count(*)::bigint FROM consolidation_job\n"))
        #expect(Self.isSQL("WITH done AS (UPDATE consolidation_job SET status = 'done') SELECT 1"))
        #expect(Self.isSQL("CREATE DATABASE rekap"))
        #expect(Self.isSQL("COPY pbb_ketetapan (nop) FROM STDIN"))
        #expect(Self.isSQL("rows: \\(x) -- DELETE FROM submission"))
        #expect(!Self.isSQL("the statement is not a COPY FROM STDIN"))
        #expect(!Self.isSQL("COPY cannot take parameters"))
        #expect(!Self.isSQL("select a year, then update the page"))
        #expect(Self.stringLiterals(in: "let a = \"SELECT 1\" // \"DELETE FROM x\"\n/* \"DROP TABLE y\" */") == ["SELECT 1"])
        #expect(Self.stringLiterals(in: "let b = \"\"\"\n    SELECT 1\n    \"\"\"") == ["\n    SELECT 1\n    "])
        #expect(Self.stringLiterals(in: ##"let c = #"{"a":"b"}"#"##) == [#"{"a":"b"}"#])
    }

    static func isSQL(_ literal: String) -> Bool {
        matches(statementStart, literal) || matches(sqlInside, literal)
    }

    static func matches(_ expression: NSRegularExpression, _ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The contents of every string literal of a Swift source, comments skipped. Interpolations stay
    /// in as written (`\(x)`), which is enough to see what a literal is.
    static func stringLiterals(in source: String) -> [String] {
        let text = Array(source.unicodeScalars)
        var literals: [String] = []
        var i = 0
        func starts(_ s: String, at index: Int) -> Bool {
            let scalars = Array(s.unicodeScalars)
            guard index + scalars.count <= text.count else { return false }
            return Array(text[index..<index + scalars.count]) == scalars
        }
        func take(_ from: Int, _ to: Int) -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: text[from..<min(to, text.count)])
            return String(s)
        }
        while i < text.count {
            if starts("//", at: i) {
                while i < text.count, text[i] != "\n" { i += 1 }
            } else if starts("/*", at: i) {
                i += 2
                while i < text.count, !starts("*/", at: i) { i += 1 }
                i += 2
            } else if text[i] == "#" || text[i] == "\"" {
                var hashes = 0
                while i + hashes < text.count, text[i + hashes] == "#" { hashes += 1 }
                guard i + hashes < text.count, text[i + hashes] == "\"" else {
                    i += max(1, hashes)
                    continue
                }
                let open = i + hashes
                let multiline = starts("\"\"\"", at: open)
                let delimiter = (multiline ? "\"\"\"" : "\"") + String(repeating: "#", count: hashes)
                var j = open + (multiline ? 3 : 1)
                let start = j
                while j < text.count, !starts(delimiter, at: j) {
                    if hashes == 0, text[j] == "\\" { j += 1 }
                    if !multiline, text[j] == "\n" { break }
                    j += 1
                }
                literals.append(take(start, j))
                i = j + delimiter.unicodeScalars.count
            } else {
                i += 1
            }
        }
        return literals
    }
}
