import Foundation
import PostgresLibPQ
import RekapDomain
import RekapTestSupport
import Testing

/// `POST /v1/pbb/ketetapan` and `POST /v1/pbb/pembayaran`: streamed into the CLI's loader.
@Suite(.timeLimit(.minutes(10))) struct PBBAPITests {
    @Test func revenueLoadsFeedsAndARepeatChangesNothing() async throws {
        try await APIServer.with { server in
            let files = try Fixtures.pbbFeeds(objects: 3000)
            let ketetapan = try await server.client.post(
                "/v1/pbb/ketetapan?name=ketetapan-2023.csv", token: server.tokens.revenue, body: files.ketetapan, contentType: "text/csv")
            #expect(ketetapan.status == 201, "\(ketetapan.text)")
            #expect(ketetapan.string("status") == "loaded")
            let feeds = try ketetapan.json["feeds"]
            guard case .array(let loaded)? = feeds, let feed = loaded.first else { throw ContractError("no feeds") }
            #expect(feed["name"] == .string("ketetapan-2023.csv") && feed["rows"] == .number("3000") && feed["added"] == .number("3000"))
            #expect(try ketetapan.json["cities"] == .array([.string("14.72")]))

            let pembayaran = try await server.client.post("/v1/pbb/pembayaran", token: server.tokens.revenue, body: files.pembayaran, contentType: "text/csv")
            #expect(pembayaran.status == 201, "\(pembayaran.text)")

            let again = try await server.client.post("/v1/pbb/pembayaran", token: server.tokens.revenue, body: files.pembayaran, contentType: "text/csv")
            #expect(again.status == 200 && again.string("status") == "already_loaded", "\(again.text)")

            let conn = try server.connect()
            defer { conn.close() }
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM pbb_ketetapan") == 3000)
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM pbb_load") == 2)
            let payments = try conn.queryValue(Int.self, "SELECT count(*) FROM pbb_pembayaran")
            #expect(payments == files.pembayaran.split(separator: UInt8(ascii: "\n")).count - 1)
        }
    }

    @Test func aFeedWithBadLinesIs422WithTheLinesAndNothingIsStored() async throws {
        try await APIServer.with { server in
            let body = """
                nop,tahun,kelurahan,pokok
                147202000200100010,2023,14.72.02.1002,1000000
                1472,2023,14.72.02.1002,5
                147202000200100030,2023,14.72.99.1001,5
                147202000200100040,2023,14.72.02.1002,-5

                """
            let response = try await server.client.post("/v1/pbb/ketetapan", token: server.tokens.revenue, body: Array(body.utf8), contentType: "text/csv")
            #expect(response.status == 422)
            #expect(response.string("status") == "rejected")
            let rejected = try response.json["files"]
            guard case .array(let files)? = rejected, case .array(let problems)? = files.first?["problems"] else {
                throw ContractError("no problems")
            }
            #expect(files.first?["total"] == .number("3"))
            #expect(problems.map { $0["line"] } == [.number("3"), .number("4"), .number("5")])
            let conn = try server.connect()
            defer { conn.close() }
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM pbb_load") == 0)
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM pbb_ketetapan") == 0)
        }
    }

    @Test func onlyRevenueLoadsAndOnlyItsOwnCity() async throws {
        try await APIServer.with { server in
            let header = Array("nop,tahun,kelurahan,pokok\n".utf8)
            for token in [server.tokens.bappeda, server.tokens.kecamatan, server.tokens.kelurahan] {
                for kind in ["ketetapan", "pembayaran"] {
                    let response = try await server.client.post("/v1/pbb/\(kind)", token: token, body: header, contentType: "text/csv")
                    #expect(response.status == 403 && response.errorCode == "forbidden")
                }
            }
            // A payment for an object of another city (14.71 in its NOP): row-level security refuses it.
            let foreign = "nop,tahun,tanggal,pokok,denda\n147101000100100010,2023,2023-05-01,5000,0\n"
            let response = try await server.client.post("/v1/pbb/pembayaran", token: server.tokens.revenue, body: Array(foreign.utf8), contentType: "text/csv")
            #expect(response.status == 403, "\(response.text)")
            let conn = try server.connect()
            defer { conn.close() }
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM pbb_pembayaran") == 0)
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM pbb_load") == 0)
        }
    }

    /// A feed far larger than the server's 1 MiB body buffer streams through in one piece.
    @Test func aLargeFeedStreamsThrough() async throws {
        try await APIServer.with { server in
            let feeds = try Fixtures.pbbFeeds(objects: 60_000, seed: 11)
            #expect(feeds.ketetapan.count > 2 << 20)
            let response = try await server.client.post("/v1/pbb/ketetapan", token: server.tokens.revenue, body: feeds.ketetapan, contentType: "text/csv")
            #expect(response.status == 201, "\(response.text)")
            let outcomes = try response.json["feeds"]
            guard case .array(let loaded)? = outcomes else { throw ContractError("no feeds") }
            #expect(loaded.first?["bytes"] == .number(String(feeds.ketetapan.count)))
            let conn = try server.connect()
            defer { conn.close() }
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM pbb_ketetapan") == 60_000)
        }
    }
}
