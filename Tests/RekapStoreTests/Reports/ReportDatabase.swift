import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore

/// A migrated database holding Kota Dumai's regions (the demo CSV); the client is closed afterwards.
func withReportDatabase<T: Sendable>(label: String = #function, _ body: (PGClient) async throws -> T) async throws -> T {
    try await withTestDatabase(label: label) { client in
        let regions = try Data(contentsOf: DemoSubmissions.folder.deletingLastPathComponent().appendingPathComponent("dumai.csv"))
        _ = try await client.copyIn("COPY region (code, name, level, parent_code) FROM STDIN (FORMAT csv, HEADER true)") { writer in
            try writer.write(regions)
        }
        return try await body(client)
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
