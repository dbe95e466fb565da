import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport

/// A migrated database holding Kota Dumai's regions; the client is closed afterwards.
func withReportDatabase<T: Sendable>(label: String = #function, _ body: (PGClient) async throws -> T) async throws -> T {
    try await withTestDatabase(regions: .dumai, label: label, body)
}

/// The demo submissions: Kota Dumai's seven kecamatan, FY 2023.
enum DemoSubmissions {
    static let folder = RepositoryFiles.demoSubmissions
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
