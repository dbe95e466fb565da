import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

@Suite(.dumaiDatabase) struct RegionRegistryTests {
    let dumai = RegionCode("14.72")!
    let dumaiTimur = RegionCode("14.72.02")!

    @Test func lookups() async throws {
        try await TestDatabase.withClient { client in
            let registry = RegionRegistry(client: client)
            let city = try await registry.region(dumai)
            #expect(city?.name == "Kota Dumai")
            #expect(city?.kind == "kota")
            #expect(try await registry.name(of: RegionCode("14.72.02.1004")!) == "Jaya Mukti")
            #expect(try await registry.region(RegionCode("14.72.02.1005")!) == nil)  // "Teluk Bayu" is no kelurahan
            let known = try await registry.known([dumai, RegionCode("14.72.02.1005")!, RegionCode("14")!])
            #expect(known == [dumai, RegionCode("14")!])
        }
    }

    @Test func codesUnderARegion() async throws {
        try await TestDatabase.withClient { client in
            let registry = RegionRegistry(client: client)
            let all = try await registry.codes(under: dumai)
            let kecamatan = try await registry.codes(under: dumai, level: .kecamatan)
            let kelurahan = try await registry.codes(under: dumai, level: .desaKelurahan)
            let riau = try await registry.codes(under: RegionCode("14")!)
            let none = try await registry.codes(under: RegionCode("14.72.02.1004")!)
            #expect(all.count == 43)
            #expect(kecamatan.map(\.text) == ["14.72.01", "14.72.02", "14.72.03", "14.72.04", "14.72.05", "14.72.06", "14.72.07"])
            #expect(kelurahan.count == 36)
            #expect(kelurahan.allSatisfy { $0.level == .desaKelurahan && $0.isWithin(dumai) })
            #expect(riau.count == 44)
            #expect(none.isEmpty)
        }
    }

    @Test func childrenAndTree() async throws {
        try await TestDatabase.withClient { client in
            let registry = RegionRegistry(client: client)
            let children = try await registry.children(of: dumaiTimur)
            #expect(children.map(\.name) == ["Teluk Binjai", "Tanjung Palas", "Jaya Mukti", "Buluh Kasap", "Bukit Batrem"])
            #expect(children.allSatisfy { $0.kind == "kelurahan" && $0.parentCode == dumaiTimur })

            let tree = try #require(try await registry.tree(under: dumai))
            #expect(tree.region.name == "Kota Dumai")
            #expect(tree.children.count == 7)
            #expect(tree.children.map { $0.children.count } == [4, 5, 7, 6, 4, 5, 5])
            #expect(tree.flattened.count == 44)
            #expect(tree.flattened.map(\.code) == tree.flattened.map(\.code).sorted())
            #expect(try await registry.tree(under: RegionCode("14.71")!) == nil)
        }
    }

    @Test func everythingUnderACityUsesTheGiSTIndex() async throws {
        let conn = try TestDatabase.connect()
        defer { conn.close() }
        try conn.execute("SET enable_seqscan = off")
        let plan = try conn.query(PGQuery("EXPLAIN ") + RegionRegistry.descendantsQuery(of: dumai, level: nil, columns: "code"))
            .map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
        #expect(plan.contains("region_path_idx"), "\(plan)")
    }
}
