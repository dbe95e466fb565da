import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// The PBB-P2 loader in a token's scope (what the API's revenue upload does): the revenue agency of
/// the city loads its feeds through the policies; another city's revenue agency, Bappeda or a
/// kecamatan is refused and nothing is stored.
@Suite(.freshDatabase(prepare: prepareAccessDatabase))
struct ScopedPBBLoadTests {
    typealias R = AccessRegions

    static func loader(_ scope: AccessScope) -> PBBFeedLoader {
        PBBFeedLoader(prepareTransaction: { conn in try conn.enterAccessScope(scope) })
    }

    @Test func revenueLoadsItsCitysFeedsAndOthersAreRefused() throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        let feeds = GeneratedFeeds(objects: 200, seed: 5)
        func load(_ scope: AccessScope, _ name: String) throws -> PBBLoadResult {
            try Self.loader(scope).load([memoryFeed(.ketetapan, "k-\(name).csv", feeds.ketetapan),
                                         memoryFeed(.pembayaran, "p-\(name).csv", feeds.pembayaran)], on: conn)
        }
        for scope in [R.scope(.revenue, R.pekanbaru), R.scope(.bappeda, R.dumai), R.scope(.kecamatan, R.dumaiTimur)] {
            let error = #expect(throws: PGError.self, "\(scope)") { try load(scope, scope.role.rawValue) }
            #expect(error?.isRefusal == true, "\(scope): \(String(describing: error))")
            #expect(try conn.queryValue(Int.self, "SELECT (SELECT count(*) FROM pbb_load) + (SELECT count(*) FROM pbb_ketetapan)") == 0)
        }
        let result = try load(R.scope(.revenue, R.dumai), "revenue")
        // (Refused attempts used up load ids: identity values are not rolled back.)
        let added = result.feeds.map { status -> Int? in
            if case .loaded(_, let added, let replaced, let unchanged) = status.status, replaced == 0, unchanged == 0 { return added }
            return nil
        }
        #expect(added == [200, feeds.pembayaran.count - 1], "\(result)")
        #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM pbb_ketetapan") == 200)
        // Loading the same files again is recognised through the policies.
        let again = try load(R.scope(.revenue, R.dumai), "revenue")
        #expect(again.feeds.allSatisfy { $0.status.loadedAt != nil }, "\(again)")
    }
}
