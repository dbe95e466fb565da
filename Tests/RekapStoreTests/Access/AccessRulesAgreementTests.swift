import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// The SQL rules of `sql/0006_access.sql` (`rekap_may_*`) give the same answers as `AccessScope`, for
/// every scope a Dumai or Pekanbaru region can have and every region of the registry.
@Suite(.freshDatabase(prepare: prepareAccessDatabase))
struct AccessRulesAgreementTests {
    @Test func sqlRulesAgreeWithAccessScope() async throws {
        try await TestDatabase.withClient { client in
            let regions = try await client.query("SELECT code FROM region ORDER BY code").map { try RegionCode(parsing: try $0.decode(String.self, at: 0)) }
            let scopes = regions.flatMap { region in AccessRole.allCases.compactMap { try? AccessScope(role: $0, region: region) } }
            // Dumai's 7 kecamatan and 36 kelurahan, two cities × two roles, Sukajadi, Jadirejo.
            let expectedScopes: Int = 7 + 36 + 4 + 2
            #expect(scopes.count == expectedScopes)
            var disagreements: [String] = []
            for scope in scopes {
                // As a request runs them: as rekap_api, inside the scope (enterAccessScope).
                let rows = try await client.withTransaction(scope: scope) { conn in
                    try conn.query("""
                        SELECT code, rekap_may_submit(code) AS submit, rekap_may_read(code) AS read, rekap_may_read_city(code) AS read_city,
                               rekap_may_read_pbb_ranking(code) AS pbb_ranking, rekap_may_load_pbb(code) AS load_pbb,
                               rekap_may_consolidate(code) AS consolidate
                        FROM region ORDER BY code
                        """)
                }
                for row in rows {
                    let code = try RegionCode(parsing: try row.decode(String.self, column: "code"))
                    let swift = [scope.maySubmit(for: code), scope.mayRead(code), scope.mayReadCity(code),
                                 scope.mayReadPBBRanking(city: code), scope.mayLoadPBB(city: code), scope.mayConsolidate(city: code)]
                    let sql = try ["submit", "read", "read_city", "pbb_ranking", "load_pbb", "consolidate"].map { try row.decode(Bool.self, column: $0) }
                    if swift != sql { disagreements.append("\(scope) on \(code): Swift \(swift), SQL \(sql)") }
                }
            }
            #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
        }
    }

    @Test func anUnsetScopeAllowsNothing() async throws {
        try await TestDatabase.withClient { client in
            let allowed = try await client.value(Int.self, """
                SELECT count(*) FROM region
                WHERE rekap_may_submit(code) OR rekap_may_read(code) OR rekap_may_read_city(code)
                   OR rekap_may_read_pbb_ranking(code) OR rekap_may_load_pbb(code) OR rekap_may_consolidate(code)
                """)
            #expect(allowed == 0)
        }
    }
}
