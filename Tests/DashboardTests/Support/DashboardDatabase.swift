import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport

/// A fresh database for a dashboard test: migrated, Kota Dumai's regions (and Kota Pekanbaru, 14.71,
/// as another city), the demo reports of `kecamatan` stored and consolidated, and one token per role
/// the tests use. Dropped afterwards.
struct DashboardDatabase: Sendable {
    let configuration: PGConfiguration
    let client: PGClient
    /// Bappeda of Kota Dumai: may read the dashboard.
    let bappeda: String
    /// Bappeda of Kota Pekanbaru: may read its own city only.
    let otherBappeda: String
    /// Kecamatan Dumai Selatan (14.72.07): may submit its report, not read the dashboard.
    let kecamatan: String
    /// Revenue of Kota Dumai: not the dashboard's reader either.
    let revenue: String
    /// A Dumai Bappeda token that was revoked.
    let revoked: String

    static let city = RegionCode("14.72")!
    static let allKecamatan = ["14.72.01", "14.72.02", "14.72.03", "14.72.04", "14.72.05", "14.72.06", "14.72.07"]

    static func demoSubmission(_ kecamatan: String) throws -> [UInt8] {
        Array(try Data(contentsOf: RepositoryFiles.demoSubmissions.appendingPathComponent("\(kecamatan)-2023.json")))
    }

    static func with<T: Sendable>(kecamatan: [String], label: String = #function,
                                  _ body: (DashboardDatabase) async throws -> T) async throws -> T {
        try await withScratchDatabase(label: label) { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            try Migrator().migrate(on: conn)
            _ = try RegionImporter().importFile(at: RepositoryFiles.dumaiCSV.path, on: conn)
            try conn.execute("INSERT INTO region (code, name, level, parent_code) VALUES ('14.71', 'Kota Pekanbaru', 2, '14')")
            func token(_ role: AccessRole, _ region: String) throws -> String {
                let scope = try AccessScope(role: role, region: RegionCode(region)!)
                return try TokenStore.create(scope, label: "test \(role)", expiresAt: nil, on: conn).secret
            }
            let revoked = try TokenStore.create(AccessScope(role: .bappeda, region: city), label: "revoked", expiresAt: nil, on: conn)
            _ = try TokenStore.revoke(id: revoked.token.id, at: Date(), on: conn)
            let client = PGClient(configuration: configuration)
            let database = DashboardDatabase(
                configuration: configuration, client: client, bappeda: try token(.bappeda, "14.72"),
                otherBappeda: try token(.bappeda, "14.71"), kecamatan: try token(.kecamatan, "14.72.07"),
                revenue: try token(.revenue, "14.72"), revoked: revoked.secret)
            do {
                let store = SubmissionStore(client: client)
                for code in kecamatan {
                    guard case .stored = try await store.submit(bytes: demoSubmission(code)) else {
                        throw DashboardTestFailure(description: "the demo report of \(code) was not stored")
                    }
                }
                try await client.withTransaction { try Consolidator.recompute(city: city, year: 2023, on: $0) }
                let value = try await body(database)
                await client.close()
                return value
            } catch {
                await client.close()
                throw error
            }
        }
    }
}

struct DashboardTestFailure: Error, CustomStringConvertible {
    let description: String
}
