import Foundation
import HTTPTypes
import PostgresLibPQ
import RekapDomain
@testable import RekapServer
import RekapStore
import RekapTestSupport
import Testing

/// Plan documents (Renstra, PK) through `POST /v1/submissions` under a token's scope: refused at their
/// pointer with nothing stored, kept to the token's region by row-level security, shown with the
/// findings across documents naming both documents.
@Suite(.timeLimit(.minutes(10))) struct PlanDocumentAPITests {
    static func renstra(region: String = #""14.72.02""#, from: String = "2022", to: String = "2026",
                        indicators: String = #"[{"code": "IKM", "name": "Indeks Kepuasan Masyarakat", "targets": {"2023": "87", "2026": "91"}}]"#) -> String {
        #"{"format": "rekap.renstra/v1", "region": \#(region), "from": \#(from), "to": \#(to), "indicators": \#(indicators)}"#
    }

    static func pk(region: String = #""14.72.02""#, year: String = "2023", kind: String = #""murni""#, signed: String = #"{"date": "2023-01-16"}"#,
                   indicators: String = #"[{"code": "IKM", "name": "Indeks Kepuasan Masyarakat", "target": "92", "quarters": {"Q4": "92"}}]"#,
                   programs: String = #"[{"code": "7.01.02", "name": "P", "anggaran": "150000000", "lines": [{"name": "L", "anggaran": "150000000"}]}]"#,
                   total: String = #""150000000""#) -> String {
        #"{"format": "rekap.pk/v1", "region": \#(region), "year": \#(year), "kind": \#(kind), "signed": \#(signed), "indicators": \#(indicators), "programs": \#(programs), "total": \#(total)}"#
    }

    /// (document, pointer) refused with 422 by a kecamatan token of 14.72.02.
    static let rejected: [(String, String)] = [
        (pk(kind: #""tahunan""#), "/kind"),                                                            // wrong kind
        (#"{"format": "rekap.pk/v1", "region": "14.72.02", "year": 2023}"#, "/kind"),                  // kind missing
        (renstra(indicators: #"[{"name": "I", "targets": {"2027": "1"}}]"#), "/indicators/0/targets/2027"), // after `to`
        (renstra(indicators: #"[{"name": "I", "targets": {"2021": "1"}}]"#), "/indicators/0/targets/2021"), // before `from`
        (renstra(to: "2028"), "/to"),                                                                  // six years
        (renstra(from: "2026", to: "2022"), "/to"),                                                    // backwards
        (pk(programs: #"[{"name": "P", "anggaran": "-150000000"}]"#), "/programs/0/anggaran"),         // negative
        (pk(programs: #"[{"name": "P", "anggaran": "150000000.005"}]"#), "/programs/0/anggaran"),      // 3 decimals
        (pk(programs: #"[{"name": "P", "lines": [{"name": "L", "anggaran": "1.125"}]}]"#), "/programs/0/lines/0/anggaran"),
        (pk(total: #""-5""#), "/total"),
        (pk(programs: #"[{"code": "7.01.02", "name": "A"}, {"code": "7.01.02", "name": "B"}]"#), "/programs/1/code"), // duplicate codes
        (pk(programs: #"[{"name": "P", "lines": [{"code": "L", "name": "A"}, {"code": "L", "name": "B"}]}]"#), "/programs/0/lines/1/code"),
        (pk(indicators: #"[{"code": "IKM", "name": "A", "target": "1"}, {"code": "IKM", "name": "B", "target": "2"}]"#), "/indicators/1/code"),
        (renstra(indicators: #"[{"code": "IKM", "name": "A"}, {"code": "IKM", "name": "B"}]"#), "/indicators/1/code"),
        (#"{"format": "rekap.pk/v2", "region": "14.72.02", "year": 2023, "kind": "murni"}"#, "/format"), // unknown version
        (#"{"format": "rekap.renstra/v9", "region": "14.72.02", "from": 2022, "to": 2026}"#, "/format"),
        (#"{"format": "rekap.renstra/v1", "region": "14.72.02", "to": 2026}"#, "/from"),              // missing required
        (#"{"format": "rekap.pk/v1", "region": "14.72.02", "kind": "murni"}"#, "/year"),
        (#"{"format": "rekap.pk/v1", "year": 2023, "kind": "murni"}"#, "/region"),
        (pk(indicators: #"[{"name": "A"}]"#), "/indicators/0/target"),
        (renstra(indicators: #"[{"code": "IKM"}]"#), "/indicators/0/name"),
        (pk(signed: #"{"date": "2023-02-30"}"#), "/signed/date"),                                      // bad date
        (pk(signed: #"{"date": "16 Januari 2023"}"#), "/signed/date"),
        (pk(region: #""14.72.02.9999""#), "/region"),                                                  // no such kelurahan
        (renstra(region: #""14.72""#), "/region"),                                                     // a city files no Renstra
        (pk(indicators: #"[{"name": "A", "target": "92", "quarters": {"Q5": "92"}}]"#), "/indicators/0/quarters/Q5"),
        (pk(indicators: #"[{"name": "A", "target": "9,2"}]"#), "/indicators/0/target"),
        (renstra(from: #""2022""#), "/from"),
    ]

    static func pointers(_ answer: InProcessAPI.Answer) -> [String] {
        guard case .array(let problems)? = answer.json?["problems"] else { return [] }
        return problems.compactMap { if case .string(let pointer)? = $0["pointer"] { pointer } else { nil } }
    }

    static func counts(_ api: InProcessAPI) async throws -> PlanRowCounts {
        try await api.dependencies.client.withConnection { conn in try PlanRowCounts.read(conn) }
    }

    @Test func atLeastTwentyFiveRefusalsEachAtItsPointerWithNothingStored() async throws {
        #expect(Self.rejected.count >= 25)
        try await InProcessAPI.with { api in
            for (index, (document, pointer)) in Self.rejected.enumerated() {
                let answer = try await api.send(.post, "/v1/submissions", token: api.tokens.kecamatan, body: document)
                #expect(answer.status == 422, "case \(index): \(answer.status) \(answer.text)")
                #expect(Self.pointers(answer).contains(pointer), "case \(index): expected \(pointer), got \(answer.text)")
            }
            let counts = try await Self.counts(api)
            #expect(counts.isEmpty, "\(counts)")
        }
    }

    @Test func anotherRegionsDocumentIsForbiddenAndNothingIsStored() async throws {
        try await InProcessAPI.with { api in
            // Another kecamatan's, a kelurahan outside the token's kecamatan, another city's kecamatan.
            for region in ["14.72.01", "14.72.01.1001", "14.71.01"] {
                for document in [Self.pk(region: "\"\(region)\""), Self.renstra(region: "\"\(region)\"")] {
                    let answer = try await api.send(.post, "/v1/submissions", token: api.tokens.kecamatan, body: document)
                    #expect(answer.status == 403 || answer.status == 422, "\(region): \(answer.status) \(answer.text)")
                    if answer.status == 422 { #expect(Self.pointers(answer).contains("/region"), "\(answer.text)") }
                }
            }
            // A kelurahan token files only its own: not its kecamatan's PK.
            let up = try await api.send(.post, "/v1/submissions", token: api.tokens.kelurahan, body: Self.pk())
            #expect(up.status == 403, "\(up.text)")
            // Bappeda and revenue never file.
            for token in [api.tokens.bappeda, api.tokens.revenue] {
                #expect(try await api.send(.post, "/v1/submissions", token: token, body: Self.pk()).status == 403)
            }
            let counts = try await Self.counts(api)
            #expect(counts.isEmpty, "\(counts)")
            // The kecamatan files its kelurahan's PK.
            let kelurahan = try await api.send(.post, "/v1/submissions", token: api.tokens.kecamatan, body: Self.pk(region: #""14.72.02.1002""#))
            #expect(kelurahan.status == 201, "\(kelurahan.text)")
        }
    }

    @Test func aPlanDocumentIsStoredShownAndListedWithItsCrossFindings() async throws {
        try await InProcessAPI.with { api in
            let report = try await api.send(.post, "/v1/submissions", token: api.tokens.kecamatan,
                                            body: String(decoding: try RepositoryFiles.submissionFixture("accepted/dumai-timur-2023.json"), as: UTF8.self))
            #expect(report.status == 201)
            let pk = String(decoding: try RepositoryFiles.submissionFixture("plans/14.72.02-pk-murni-2023.json"), as: UTF8.self)
            let stored = try await api.send(.post, "/v1/submissions", token: api.tokens.kecamatan, body: pk)
            #expect(stored.status == 201, "\(stored.text)")
            guard case .string("stored")? = stored.json?["status"], case .string("pk_murni")? = stored.json?["kind"],
                  case .number(let id)? = stored.json?["id"] else { throw PlanAPIError("unexpected answer \(stored.text)") }
            #expect(stored.headers[.location] == "/v1/submissions/\(id)")
            guard case .array(let cross)? = stored.json?["cross_findings"] else { throw PlanAPIError("no cross_findings: \(stored.text)") }
            let target = try #require(cross.first { $0["rule"] == .string(CrossDocumentRule.pkTargetVsReport.rawValue) })
            // Both documents named: kind, region, year, id, revision, pointer.
            #expect(target["subject"]?["kind"] == .string("report") && target["subject"]?["period"] == .string("FY"))
            #expect(target["subject"]?["pointer"] == .string("/indicators/0/target") && target["subject"]?["revision"] == .number("1"))
            #expect(target["against"]?["kind"] == .string("pk_murni") && target["against"]?["id"] == .number(id))
            #expect(target["against"]?["document"] == .string("PK murni 2023 14.72.02"))
            // The English message as always, and the Indonesian one beside it.
            #expect(target["message"] == .string("IKM: the report measures against target 87 but the signed PK murni 2023 14.72.02 sets 92"))
            #expect(target["message_id"] == .string("IKM: laporan mengukur terhadap target 87, padahal PK murni 2023 14.72.02 yang ditandatangani menetapkan 92"))
            let repeated = try await api.send(.post, "/v1/submissions", token: api.tokens.kecamatan, body: pk)
            #expect(repeated.status == 200 && repeated.json?["status"] == .string("unchanged"))

            // Shown to its kecamatan and to Bappeda; another kecamatan's token sees nothing.
            for token in [api.tokens.kecamatan, api.tokens.bappeda] {
                let shown = try await api.get("/v1/submissions/\(id)", token: token)
                #expect(shown.status == 200 && shown.json?["kind"] == .string("pk_murni"), "\(shown.text)")
            }
            let reportID = try #require(report.json?["id"])
            let shownReport = try await api.get("/v1/submissions/\(reportID.numberText ?? "")", token: api.tokens.kecamatan)
            guard case .array(let reportCross)? = shownReport.json?["cross_findings"] else { throw PlanAPIError("report without cross_findings") }
            #expect(!reportCross.isEmpty)
            let other = try await api.dependencies.client.withConnection { conn in try createTestToken(.kecamatan, "14.72.01", on: conn) }
            #expect(try await api.get("/v1/submissions/\(id)", token: other).status == 404)
            #expect(try await api.get("/v1/submissions/\(id)", token: api.tokens.kelurahan).status == 404)
            #expect(try await api.get("/v1/submissions/\(id)", token: api.tokens.otherCityBappeda).status == 404)
            let listed = try await api.get("/v1/submissions?region=14.72.02", token: api.tokens.kecamatan)
            guard case .array(let items)? = listed.json else { throw PlanAPIError("no list") }
            #expect(items.contains { $0["kind"] == .string("pk_murni") && $0["id"] == .number(id) })
        }
    }
}

/// Rows in the tables plan documents and cross findings write.
struct PlanRowCounts: CustomStringConvertible {
    static let tables = ["plan_document", "renstra_indicator", "renstra_target", "pk_indicator", "pk_program", "pk_line", "plan_finding", "cross_finding"]
    let counts: [String: Int]

    static func read(_ conn: PGConnection) throws -> PlanRowCounts {
        let sql = "SELECT " + tables.map { "(SELECT count(*) FROM \($0)) AS \($0)" }.joined(separator: ", ")
        let row = try conn.query(PGQuery(unsafeSQL: sql))[0]
        return PlanRowCounts(counts: Dictionary(uniqueKeysWithValues: try tables.map { ($0, try row.decode(Int.self, column: $0)) }))
    }

    var isEmpty: Bool { counts.values.allSatisfy { $0 == 0 } }
    var description: String { Self.tables.map { "\($0)=\(counts[$0] ?? -1)" }.joined(separator: " ") }
}

struct PlanAPIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension JSONValue {
    var numberText: String? {
        if case .number(let text) = self { return text }
        return nil
    }
}
