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
    /// People: a Bappeda officer of Kota Dumai (logs in to the dashboard), a kecamatan operator of
    /// Dumai Selatan and a kelurahan operator of Bukit Timah (neither may read it).
    let accounts: Accounts

    struct Accounts: Sendable {
        let bappeda: TestAccount
        let kecamatan: TestAccount
        let kelurahan: TestAccount
    }

    static let city = RegionCode("14.72")!
    static let allKecamatan = ["14.72.01", "14.72.02", "14.72.03", "14.72.04", "14.72.05", "14.72.06", "14.72.07"]

    static func demoSubmission(_ kecamatan: String) throws -> [UInt8] { try DemoSubmissions.bytes(kecamatan) }

    static func with<T: Sendable>(kecamatan: [String], label: String = #function,
                                  _ body: (DashboardDatabase) async throws -> T) async throws -> T {
        try await withMigratedDatabase(regions: .dumaiAndPekanbaru, label: label) { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            let revoked = try TokenStore.create(AccessScope(role: .bappeda, region: city), label: "revoked", expiresAt: nil, on: conn)
            _ = try TokenStore.revoke(id: revoked.token.id, at: Date(), on: conn)
            let tokens = (bappeda: try createTestToken(.bappeda, "14.72", on: conn), otherBappeda: try createTestToken(.bappeda, "14.71", on: conn),
                          kecamatan: try createTestToken(.kecamatan, "14.72.07", on: conn), revenue: try createTestToken(.revenue, "14.72", on: conn))
            let accounts = Accounts(bappeda: try createTestAccount(.bappeda, "14.72", login: "bappeda.dumai", on: conn),
                                    kecamatan: try createTestAccount(.kecamatan, "14.72.07", login: "operator.dumai-selatan", on: conn),
                                    kelurahan: try createTestAccount(.kelurahan, "14.72.02.1004", login: "operator.bukit-timah", on: conn))
            return try await withClient(on: configuration) { client in
                let database = DashboardDatabase(
                    configuration: configuration, client: client, bappeda: tokens.bappeda, otherBappeda: tokens.otherBappeda,
                    kecamatan: tokens.kecamatan, revenue: tokens.revenue, revoked: revoked.secret, accounts: accounts)
                try await DemoSubmissions.submit(kecamatan, client: client)
                try await client.withTransaction { try Consolidator.recompute(city: city, year: 2023, on: $0) }
                return try await body(database)
            }
        }
    }
}
