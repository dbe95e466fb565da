import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore

// TEMPORARY until branch `store` lands its migrated-database helper: the submissions branch's database
// (0001, 0002, Dumai's regions) plus the PBB-P2 and aggregate migrations.

/// A fresh database with Kota Dumai's regions and everything the report reads; the client is closed afterwards.
func withReportDatabase<T: Sendable>(_ body: (PGClient) async throws -> T) async throws -> T {
    try await withFreshSubmissionsDatabase { configuration in
        let connection = try PGConnection(configuration: configuration)
        defer { connection.close() }
        for migration in ["0003_pbb.sql", "0004_aggregates.sql"] {
            try connection.executeScript(try String(contentsOf: SubmissionFixtures.repository.appendingPathComponent("sql/\(migration)"),
                                                    encoding: .utf8))
        }
        let client = PGClient(configuration: configuration, options: .init(maxConnections: 2))
        do {
            let value = try await body(client)
            await client.close()
            return value
        } catch {
            await client.close()
            throw error
        }
    }
}

/// The demo submissions: Kota Dumai's seven kecamatan, FY 2023.
enum DemoSubmissions {
    static let folder = SubmissionFixtures.repository.appendingPathComponent("Sources/RekapCLI/DemoData/submissions")
    static let kecamatan = ["14.72.01", "14.72.02", "14.72.03", "14.72.04", "14.72.05", "14.72.06", "14.72.07"]

    static func bytes(_ kecamatan: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent("\(kecamatan)-2023.json")))
    }

    static func document(_ kecamatan: String) throws -> JSONValue {
        try JSONParser().parse(try bytes(kecamatan))
    }
}

extension JSONValue {
    /// The elements of an array (empty otherwise).
    var elements: [JSONValue] {
        if case .array(let elements) = self { return elements }
        return []
    }

    /// A string or number member as an exact decimal.
    func decimal(_ key: String) throws -> Decimal? {
        switch self[key] {
        case .string(let text)?, .number(let text)?: try DecimalText.parse(text)
        default: nil
        }
    }

    func text(_ key: String) -> String? {
        if case .string(let text)? = self[key] { return text }
        return nil
    }
}
