import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore

/// The demo submissions (`Sources/RekapCLI/DemoData/submissions`): Kota Dumai's seven kecamatan, FY 2023.
public enum DemoSubmissions {
    public static let folder = RepositoryFiles.demoSubmissions
    public static let kecamatan = ["14.72.01", "14.72.02", "14.72.03", "14.72.04", "14.72.05", "14.72.06", "14.72.07"]

    /// The document of `kecamatan` as stored in the repository.
    public static func bytes(_ kecamatan: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent("\(kecamatan)-2023.json")))
    }

    public static func document(_ kecamatan: String) throws -> JSONValue {
        try JSONParser().parse(try bytes(kecamatan))
    }

    /// Stores the reports of `kecamatan` through the SubmissionStore; throws when one is not stored.
    public static func submit(_ kecamatan: [String] = kecamatan, client: PGClient) async throws {
        let store = SubmissionStore(client: client)
        for code in kecamatan {
            guard case .stored = try await store.submit(bytes: bytes(code)) else {
                throw DemoSubmissionNotStored(kecamatan: code)
            }
        }
    }
}

/// A demo report was rejected or already stored.
public struct DemoSubmissionNotStored: Error, CustomStringConvertible {
    public let kecamatan: String
    public var description: String { "the demo report of \(kecamatan) was not stored" }
}

extension JSONValue {
    /// The elements of an array (empty otherwise).
    public var elements: [JSONValue] {
        if case .array(let elements) = self { return elements }
        return []
    }

    /// A string or number member as an exact decimal.
    public func decimal(_ key: String) throws -> Decimal? {
        switch self[key] {
        case .string(let text)?, .number(let text)?: try DecimalText.parse(text)
        default: nil
        }
    }

    /// A string member.
    public func text(_ key: String) -> String? {
        if case .string(let text)? = self[key] { return text }
        return nil
    }
}
