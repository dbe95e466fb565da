import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore

/// Creates an API token of `role` for `region` and returns its secret (what a caller sends as
/// `Authorization: Bearer`).
public func createTestToken(_ role: AccessRole, _ region: String, label: String? = nil, expiresAt: Date? = nil,
                            on conn: PGConnection) throws -> String {
    let scope = try AccessScope(role: role, region: RegionCode(parsing: region))
    return try TokenStore.create(scope, label: label ?? "test \(role)", expiresAt: expiresAt, on: conn).secret
}
