import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// A city's revenue agency cannot reach into another city's PBB-P2 figures (migration 0008): a
/// ketetapan's NOP must lie in its kelurahan's city, and load headers are per city.
@Suite(.freshDatabase(prepare: prepareAccessDatabase))
struct PBBCityBoundsTests {
    typealias R = AccessRegions

    /// Raw SQL as `rekap_api` in Dumai's revenue scope, bypassing the feed checker: an object of
    /// Pekanbaru (NOP 1471…) under a Dumai kelurahan is refused by the policy, inserted or updated.
    @Test func revenueCannotStoreAKetetapanWhoseNOPLiesInAnotherCity() async throws {
        try await TestDatabase.withClient { client in
            let (own, foreign, moved) = try await inScopeRolledBack(client, R.scope(.revenue, R.dumai)) { conn in
                let own = try isAllowed(conn) { conn in
                    try conn.execute("""
                        INSERT INTO pbb_ketetapan (nop, tahun, kelurahan_code, pokok, load_id)
                        VALUES ('147202000100090010', 2024, \(R.jayaMukti), 1000, 0)
                        """)
                }
                let foreign = try isAllowed(conn) { conn in
                    try conn.execute("""
                        INSERT INTO pbb_ketetapan (nop, tahun, kelurahan_code, pokok, load_id)
                        VALUES ('147101000100090010', 2024, \(R.jayaMukti), 1000, 0)
                        """)
                }
                let moved = try isAllowed(conn) { conn in
                    try conn.execute("UPDATE pbb_ketetapan SET nop = '147101000100090020' WHERE nop = '147202000100090010'")
                }
                return (own, foreign, moved)
            }
            #expect(own)
            #expect(!foreign)
            #expect(!moved)
        }
    }

    /// The same bytes loaded by Dumai's revenue agency are new to Pekanbaru's: no "already loaded"
    /// naming Dumai's load, and neither sees the other's load headers.
    @Test func loadHeadersArePerCity() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        func load(_ city: String) throws -> PBBFeedOutcome.Status {
            let loader = PBBFeedLoader(prepareTransaction: { conn in try conn.enterAccessScope(R.scope(.revenue, city)) })
            // A header alone: no row of either city, so only the header tells the loads apart.
            return try loader.load([memoryFeed(.ketetapan, "ketetapan.csv", [PBBFeedKind.ketetapan.header], canReopen: false)],
                                   on: conn).feeds[0].status
        }
        guard case .loaded(let dumaiLoad, _, _, _) = try load(R.dumai) else {
            Issue.record("Dumai's first load was not loaded")
            return
        }
        let pekanbaru = try load(R.pekanbaru)
        guard case .loaded(let pekanbaruLoad, _, _, _) = pekanbaru else {
            Issue.record("Pekanbaru was told: \(pekanbaru)")
            return
        }
        #expect(pekanbaruLoad != dumaiLoad)
        let again = try load(R.dumai)
        #expect(again == .alreadyLoaded(loadID: dumaiLoad, loadedAt: again.loadedAt ?? ""))
        for (city, own) in [(R.dumai, dumaiLoad), (R.pekanbaru, pekanbaruLoad)] {
            try conn.transaction { conn in
                try conn.enterAccessScope(R.scope(.revenue, city))
                let visible = try conn.query("SELECT id FROM pbb_load ORDER BY id").map { try $0.decode(Int64.self, at: 0) }
                #expect(visible == [own], "\(city)")
            }
        }
        #expect(try conn.query("SELECT city_code FROM pbb_load ORDER BY id").map { try $0.decode(String?.self, at: 0) }
                == [R.dumai, R.pekanbaru])
    }
}
