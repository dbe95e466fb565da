import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport

/// The domain's submission fixtures, read in place from `Tests/RekapDomainTests/Fixtures`.
enum SubmissionFixtures {
    static func bytes(_ relative: String) throws -> [UInt8] {
        try RepositoryFiles.submissionFixture(relative)
    }

    /// The transcribed LKjIP 2023 of Kecamatan Dumai Timur (14.72.02).
    static func seed() throws -> [UInt8] { try bytes("accepted/dumai-timur-2023.json") }

    /// The seed with one text replaced (the replacement must occur exactly once), for byte-different variants.
    static func seed(replacing old: String, with new: String) throws -> [UInt8] {
        let text = String(decoding: try seed(), as: UTF8.self)
        guard text.components(separatedBy: old).count == 2 else { throw FixtureError.notOnce(old) }
        return Array(text.replacingOccurrences(of: old, with: new).utf8)
    }

    enum FixtureError: Error { case notOnce(String) }

    /// The seed as a 2022 report: the year, and its `previous` figures moved to 2021 (the decoder
    /// refuses a `previous.year` other than the report's year − 1).
    static func seed2022() throws -> [UInt8] {
        let text = String(decoding: try seed(), as: UTF8.self)
            .replacingOccurrences(of: "\"year\": 2022", with: "\"year\": 2021")
            .replacingOccurrences(of: "\"year\": 2023", with: "\"year\": 2022")
        return Array(text.utf8)
    }

    /// A byte-different variant of the seed, signed by someone else.
    static func seedVariant(_ number: Int) throws -> [UInt8] {
        try seed(replacing: "\"by\": \"ZAINUR, SH\"", with: "\"by\": \"ZAINUR, SH (\(number))\"")
    }

    struct Expectation: Decodable, Sendable {
        let file: String
        let pointer: String
        let reason: String
    }

    static func rejectedExpectations() throws -> [Expectation] {
        try JSONDecoder().decode([Expectation].self, from: Data(bytes("rejected/expected.json")))
    }

    /// The fixture author's reason keywords and the problem kinds that express them (as in the domain's tests).
    static let kinds: [String: Set<Problem.Kind>] = [
        "utf8": [.notUTF8], "json": [.syntax, .empty], "not-object": [.notObject], "format": [.unknownFormat],
        "required": [.missing], "type": [.wrongType], "enum": [.notAllowed], "date": [.invalidDate],
        "amount": [.invalidAmount, .invalidNumber], "decimals": [.invalidAmount], "range": [.invalidAmount],
        "duplicate": [.duplicateCode], "region": [.invalidRegion, .unknownRegion, .outOfScope], "scope": [.outOfScope],
    ]
}

/// Rows in every table a submission writes, to show that a rejection or a failure stores nothing.
struct SubmissionTableCounts: Equatable, CustomStringConvertible {
    static let tables = ["submission", "submission_indicator", "budget_line", "submission_belanja", "submission_pbb",
                         "submission_award", "submission_finding", "region"]
    let counts: [String: Int]

    static func read(_ conn: PGConnection) throws -> SubmissionTableCounts {
        let sql = "SELECT " + tables.map { "(SELECT count(*) FROM \($0)) AS \($0)" }.joined(separator: ", ")
        let row = try conn.query(PGQuery(unsafeSQL: sql))[0]
        return SubmissionTableCounts(counts: Dictionary(uniqueKeysWithValues: try tables.map { ($0, try row.decode(Int.self, column: $0)) }))
    }

    var description: String { Self.tables.map { "\($0)=\(counts[$0] ?? -1)" }.joined(separator: " ") }
}

extension SubmitOutcome {
    /// The stored revision, or nil (for `#require`).
    var stored: (revision: SubmissionRevision, findings: [Finding], summary: SubmissionSummary)? {
        if case .stored(let revision, let findings, let summary) = self { return (revision, findings, summary) }
        return nil
    }

    var unchanged: SubmissionRevision? {
        if case .unchanged(let revision) = self { return revision }
        return nil
    }
}

/// A store on a fresh database of its own holding Kota Dumai's regions; its client is closed after
/// `body`, whatever happens.
func withSubmissionStore<T: Sendable>(label: String = #function, maxConnections: Int = 4,
                                      _ body: (SubmissionStore) async throws -> T) async throws -> T {
    try await withMigratedDatabase(regions: .dumai, label: label) { configuration in
        try await withClient(on: configuration, maxConnections: maxConnections) { try await body(SubmissionStore(client: $0)) }
    }
}

extension PGClient {
    /// The first column of the first row (nil for NULL or no row).
    func value<T: PGDecodable>(_ type: T.Type, _ query: PGQuery) async throws -> T? {
        try await withConnection { conn in try conn.queryValue(T.self, query) }
    }

    func tableCounts() async throws -> SubmissionTableCounts {
        try await withConnection { conn in try SubmissionTableCounts.read(conn) }
    }
}
