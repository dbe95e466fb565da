import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// Row-level security on its own: raw SQL run as `rekap_api` inside a scope, bypassing every Swift
/// check, is filtered and refused by PostgreSQL as `AccessScope` says.
@Suite(.accessDatabase)
struct RowLevelSecurityTests {
    typealias R = AccessRegions

    static let scopes = [
        R.scope(.kecamatan, R.dumaiTimur), R.scope(.kecamatan, R.sukajadi), R.scope(.kelurahan, R.jayaMukti),
        R.scope(.kelurahan, R.telukBinjai), R.scope(.bappeda, R.dumai), R.scope(.bappeda, R.pekanbaru),
        R.scope(.revenue, R.dumai),
    ]

    @Test(arguments: scopes)
    func visibleSubmissionsAreThoseTheScopeMayRead(scope: AccessScope) async throws {
        try await TestDatabase.withClient { client in
            let (headers, findings) = try await client.withTransaction(scope: scope) { conn in
                (try conn.query("SELECT region_code FROM submission WHERE format = 'test' AND year = 2023").map { try $0.decode(String.self, at: 0) },
                 try conn.query("SELECT message FROM submission_finding WHERE rule = 'seed'").map { try $0.decode(String.self, at: 0) })
            }
            let expected = R.submitting.filter { scope.mayRead(R.code($0)) }
            #expect(Set(headers) == Set(expected), "\(scope)")
            #expect(headers.count == expected.count)
            #expect(Set(findings) == Set(expected.map { "seeded for " + $0 }), "\(scope)")
        }
    }

    @Test(arguments: scopes)
    func submissionWritesAreThoseTheScopeMaySubmit(scope: AccessScope) async throws {
        try await TestDatabase.withClient { client in
            let seeded = try await Self.seededSubmissionIDs(client)
            let (headers, facts) = try await inScopeRolledBack(client, scope) { conn in
                var headers: [String] = [], facts: [String] = []
                for region in R.submitting {
                    if try isAllowed(conn, { try insertSubmission(region: region, year: 2024, on: $0) }) { headers.append(region) }
                    // A fact added to the region's existing submission.
                    let id = seeded[region]!
                    if try isAllowed(conn, { conn in
                        try conn.execute("""
                            INSERT INTO submission_finding (submission_id, position, severity, rule, pointer, message)
                            VALUES (\(id), 1, 'info', 'added', '', 'added')
                            """)
                    }) { facts.append(region) }
                }
                return (headers, facts)
            }
            let expected = R.submitting.filter { scope.maySubmit(for: R.code($0)) }
            #expect(headers == expected, "\(scope)")
            #expect(facts == expected, "\(scope)")
        }
    }

    @Test func writesForAnotherRegionAreRefusedWithInsufficientPrivilege() async throws {
        try await TestDatabase.withClient { client in
            let seeded = try await Self.seededSubmissionIDs(client)
            let scope = R.scope(.kecamatan, R.dumaiTimur)
            let refused: [(String, @Sendable (PGConnection) throws -> Void)] = [
                ("submission of another kecamatan", { try insertSubmission(region: R.dumaiBarat, year: 2024, on: $0) }),
                ("submission of another city", { try insertSubmission(region: R.jadirejo, year: 2024, on: $0) }),
                ("fact (submission_pbb) on another kecamatan's submission", { conn in
                    try conn.execute("""
                        INSERT INTO submission_pbb (submission_id, position, kelurahan_code, ketetapan, realisasi, as_of)
                        VALUES (\(seeded[R.purnama]!), 0, \(R.purnama), 1, 1, '2023-12-31')
                        """)
                }),
                ("ketetapan (revenue's)", { conn in
                    try conn.execute("""
                        INSERT INTO pbb_ketetapan (nop, tahun, kelurahan_code, pokok, load_id)
                        VALUES ('147202000100090010', 2024, \(R.jayaMukti), 1000, 0)
                        """)
                }),
                ("consolidation job (Bappeda's)", { conn in
                    try conn.execute("INSERT INTO consolidation_job (city_code, year, reason) VALUES (\(R.dumai), 2024, 'test')")
                }),
            ]
            for (what, statement) in refused {
                let error = await #expect(throws: PGError.self, "\(what)") {
                    try await client.withTransaction(scope: scope) { conn in try statement(conn) }
                }
                #expect(error?.isRefusal == true, "\(what): \(String(describing: error))")
                #expect(error?.message.contains("row-level security") == true, "\(what): \(String(describing: error))")
            }
            // Nothing of it was stored.
            #expect(try await client.query("SELECT 1 FROM submission WHERE year = 2024").count == 0)
        }
    }

    @Test func aKelurahanCannotSeeItsSibling() async throws {
        try await TestDatabase.withClient { client in
            let seeded = try await Self.seededSubmissionIDs(client)
            let sibling = seeded[R.telukBinjai]!
            let (header, findings, own) = try await client.withTransaction(scope: R.scope(.kelurahan, R.jayaMukti)) { conn in
                (try conn.query("SELECT id FROM submission WHERE id = \(sibling)").count,
                 try conn.query("SELECT 1 FROM submission_finding WHERE submission_id = \(sibling)").count,
                 try conn.query("SELECT region_code FROM submission WHERE format = 'test'").map { try $0.decode(String.self, at: 0) })
            }
            #expect(header == 0 && findings == 0)
            #expect(own == [R.jayaMukti])
        }
    }

    @Test func bappedaReadsItsCityAndRequestsItsConsolidationOnly() async throws {
        try await TestDatabase.withClient { client in
            let scope = R.scope(.bappeda, R.dumai)
            let seen = try await inScopeRolledBack(client, scope) { conn in
                func cities(_ sql: String) throws -> Set<String> {
                    Set(try conn.query(PGQuery(unsafeSQL: sql)).map { try $0.decode(String.self, at: 0) })
                }
                return [
                    "submission": try cities("SELECT city_code FROM submission"),
                    "agg_awards": try cities("SELECT city_code FROM agg_awards"),
                    "agg_pbb_region": try cities("SELECT city_code FROM agg_pbb_region"),
                    "consolidation_job": try cities("SELECT city_code FROM consolidation_job"),
                    "pbb_ketetapan": try cities("SELECT left(kelurahan_code, 5) FROM pbb_ketetapan"),
                    "pbb_orphan_payment": try cities("SELECT city_code FROM pbb_orphan_payment"),
                ]
            }
            for (table, cities) in seen {
                #expect(cities == [R.dumai], "\(table)")
            }
            let (own, other, submit) = try await inScopeRolledBack(client, scope) { conn in
                let queue = ConsolidationQueue(workerID: "test")
                return (try isAllowed(conn) { try queue.enqueue(try CityYear(city: R.dumai, year: 2024), reason: "api", on: $0) },
                        try isAllowed(conn) { try queue.enqueue(try CityYear(city: R.pekanbaru, year: 2024), reason: "api", on: $0) },
                        try isAllowed(conn) { try insertSubmission(region: R.dumaiTimur, year: 2024, on: $0) })
            }
            #expect(own && !other && !submit)
        }
    }

    @Test func revenueLoadsAndReadsPBBOfItsCityOnly() async throws {
        try await TestDatabase.withClient { client in
            let scope = R.scope(.revenue, R.dumai)
            let outcome = try await inScopeRolledBack(client, scope) { conn in
                func rows(_ sql: String) throws -> [String] {
                    try conn.query(PGQuery(unsafeSQL: sql)).map { try $0.decode(String.self, at: 0) }
                }
                // A load header names its city (0008): the scope's own only.
                let load = try isAllowed(conn) { conn in
                    try conn.execute("INSERT INTO pbb_load (kind, file_name, sha256, row_count, city_code) VALUES ('ketetapan', 'k.csv', sha256('k'), 1, \(R.dumai))")
                } && !(try isAllowed(conn) { conn in
                    try conn.execute("INSERT INTO pbb_load (kind, file_name, sha256, row_count, city_code) VALUES ('ketetapan', 'k.csv', sha256('k'), 1, \(R.pekanbaru))")
                }) && !(try isAllowed(conn) { conn in
                    try conn.execute("INSERT INTO pbb_load (kind, file_name, sha256, row_count) VALUES ('ketetapan', 'k.csv', sha256('k'), 1)")
                })
                let ownKetetapan = try isAllowed(conn) { conn in
                    try conn.execute("""
                        INSERT INTO pbb_ketetapan (nop, tahun, kelurahan_code, pokok, load_id)
                        VALUES ('147202000100090010', 2024, \(R.jayaMukti), 1000, 1)
                        """)
                }
                // A later ketetapan replaces the earlier one (the loader's ON CONFLICT ... DO UPDATE).
                let replaced = try isAllowed(conn) { conn in
                    let updated = try conn.execute("""
                        INSERT INTO pbb_ketetapan (nop, tahun, kelurahan_code, pokok, load_id)
                        VALUES ('147202000100010010', 2023, \(R.jayaMukti), 120000, 1)
                        ON CONFLICT (nop, tahun) DO UPDATE SET pokok = excluded.pokok, load_id = excluded.load_id
                        """)
                    guard updated == 1 else { throw PGError(kind: .usage, message: "updated \(updated) rows") }
                }
                let otherKetetapan = try isAllowed(conn) { conn in
                    try conn.execute("""
                        INSERT INTO pbb_ketetapan (nop, tahun, kelurahan_code, pokok, load_id)
                        VALUES ('147101000100090010', 2024, \(R.jadirejo), 1000, 1)
                        """)
                }
                let ownPayment = try isAllowed(conn) { conn in
                    try conn.execute("""
                        INSERT INTO pbb_pembayaran (nop, tahun, tanggal, pokok, denda, seq, load_id)
                        VALUES ('147202000100090010', 2024, '2024-02-01', 1000, 0, 1, 1)
                        """)
                }
                let otherPayment = try isAllowed(conn) { conn in
                    try conn.execute("""
                        INSERT INTO pbb_pembayaran (nop, tahun, tanggal, pokok, denda, seq, load_id)
                        VALUES ('147101000100090010', 2024, '2024-02-01', 1000, 0, 1, 1)
                        """)
                }
                // Another city's ketetapan cannot be replaced: it is not even visible.
                let otherUpdated = try conn.execute("UPDATE pbb_ketetapan SET pokok = 1 WHERE kelurahan_code = \(R.jadirejo)")
                return (load: load, ownKetetapan: ownKetetapan, replaced: replaced, otherKetetapan: otherKetetapan,
                        ownPayment: ownPayment, otherPayment: otherPayment, otherUpdated: otherUpdated,
                        ketetapan: try rows("SELECT DISTINCT left(kelurahan_code, 5) FROM pbb_ketetapan"),
                        payments: try rows("SELECT DISTINCT left(nop, 4) FROM pbb_pembayaran"),
                        ranking: try rows("SELECT city_code FROM agg_pbb_region"),
                        awards: try rows("SELECT city_code FROM agg_awards"),
                        submissions: try rows("SELECT region_code FROM submission"))
            }
            #expect(outcome.load && outcome.ownKetetapan && outcome.replaced && outcome.ownPayment)
            #expect(!outcome.otherKetetapan && !outcome.otherPayment && outcome.otherUpdated == 0)
            #expect(outcome.ketetapan == [R.dumai] && outcome.payments == ["1472"] && outcome.ranking == [R.dumai])
            // Revenue reads PBB-P2 only: no other aggregates, no submissions.
            #expect(outcome.awards.isEmpty && outcome.submissions.isEmpty)
        }
    }

    @Test func theAPIRoleWithoutAScopeSeesNothing() async throws {
        try await TestDatabase.withClient { client in
            let counts = try await client.withTransaction { conn in
                try conn.execute("SET LOCAL ROLE rekap_api")
                return try ["submission", "submission_finding", "pbb_ketetapan", "pbb_pembayaran", "consolidation_job", "agg_awards", "agg_pbb_region"]
                    .map { try conn.queryValue(Int.self, "SELECT count(*) FROM \(identifier: $0)") ?? -1 }
            }
            #expect(counts == [0, 0, 0, 0, 0, 0, 0])
            // The registry stays readable to every scope.
            let regions = try await client.withTransaction(scope: R.scope(.kelurahan, R.jayaMukti)) { conn in
                try conn.queryValue(Int.self, "SELECT count(*) FROM region")
            }
            #expect(regions == 48)
        }
    }

    /// The seeded submission of each region, read as the owner.
    static func seededSubmissionIDs(_ client: PGClient) async throws -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: try await client.query("SELECT region_code, id FROM submission WHERE format = 'test' AND year = 2023")
            .map { (try $0.decode(String.self, column: "region_code"), try $0.decode(Int64.self, column: "id")) })
    }
}
