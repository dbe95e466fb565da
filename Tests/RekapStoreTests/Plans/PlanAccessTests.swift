import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// Row-level security on plan documents and cross findings, as on submissions: a kecamatan files and
/// reads its own (and its kelurahan's), Bappeda reads its city, nobody writes outside its scope.
@Suite(.timeLimit(.minutes(10)))
struct PlanAccessTests {
    typealias F = PlanFixtures

    static func scope(_ role: AccessRole, _ region: String) throws -> AccessScope {
        try AccessScope(role: role, region: RegionCode(parsing: region))
    }

    @Test func aKecamatanNeitherReadsNorWritesAnotherKecamatansPlanDocuments() async throws {
        try await withSubmissionStore { owner in
            var dumaiTimur = owner
            dumaiTimur.scope = try Self.scope(.kecamatan, "14.72.02")
            for document in [try F.bytes(F.renstra), try F.bytes(F.pkMurni), try SubmissionFixtures.seed()] {
                #expect(try await dumaiTimur.submitDocument(bytes: document).id != nil)
            }
            let murniID = try #require(try await owner.client.value(Int64.self, "SELECT id FROM plan_document WHERE kind = 'pk_murni'"))

            // Dumai Barat (14.72.01) sees none of it, through any read.
            let other = PlanStore(client: owner.client, scope: try Self.scope(.kecamatan, "14.72.01"))
            #expect(try await other.show(id: murniID) == nil)
            #expect(try await other.document(id: murniID) == nil)
            #expect(try await other.list(region: F.dumai).isEmpty)
            let city = try await other.cityPlans(city: F.dumai, year: 2023)
            #expect(city.regions.isEmpty && city.findings.isEmpty)
            #expect(try await other.crossFindings(involving: murniID).isEmpty)

            // ... and cannot file for Dumai Timur: refused, nothing stored, its findings untouched.
            var dumaiBarat = owner
            dumaiBarat.scope = try Self.scope(.kecamatan, "14.72.01")
            let before = try await owner.client.planTableCounts()
            let revised = try F.bytes(F.pkMurni, replacing: "\"total\": \"1618029707\"", with: "\"total\": \"1615029707\"")
            await #expect(throws: SubmissionStoreError.self) { try await dumaiBarat.submitDocument(bytes: revised) }
            let kelurahanPK = try F.bytes(F.pkMurni, replacing: "\"region\": \"14.72.02\"", with: "\"region\": \"14.72.02.1002\"")
            await #expect(throws: SubmissionStoreError.self) { try await dumaiBarat.submitDocument(bytes: kelurahanPK) }
            #expect(try await owner.client.planTableCounts() == before)

            // A kelurahan reads its own only; Bappeda reads the city; revenue reads no plan documents.
            let kelurahan = PlanStore(client: owner.client, scope: try Self.scope(.kelurahan, "14.72.02.1002"))
            #expect(try await kelurahan.show(id: murniID) == nil)
            let bappeda = PlanStore(client: owner.client, scope: try Self.scope(.bappeda, "14.72"))
            let seen = try await bappeda.cityPlans(city: F.dumai, year: 2023)
            #expect(seen.regions[F.dumaiTimur]?.pkMurni != nil && seen.regions[F.dumaiTimur]?.renstra != nil)
            #expect(seen.regions[F.dumaiTimur]?.reports[.fy] != nil)
            #expect(Set(seen.findings.map(\.finding.rule)).contains(CrossDocumentRule.pkTargetVsReport.rawValue))
            let pekanbaru = PlanStore(client: owner.client, scope: try Self.scope(.bappeda, "14.71"))
            #expect(try await pekanbaru.cityPlans(city: F.dumai, year: 2023).findings.isEmpty)
        }
    }

    @Test func rekapAPIMayNotTouchCrossFindingsOutsideItsScope() async throws {
        try await withSubmissionStore { owner in
            _ = try await owner.submitDocument(bytes: F.bytes(F.pkMurni))
            _ = try await owner.submitDocument(bytes: SubmissionFixtures.seed())
            let before = try await owner.client.planTableCounts()
            // Straight SQL as rekap_api in Dumai Barat's scope: the rows are invisible, so nothing is deleted,
            // and an insert for Dumai Timur is refused.
            let deleted = try await owner.client.withTransaction(scope: try Self.scope(.kecamatan, "14.72.01")) { conn in
                try conn.execute("DELETE FROM cross_finding")
            }
            #expect(deleted == 0)
            await #expect(throws: PGError.self) {
                try await owner.client.withTransaction(scope: try Self.scope(.kecamatan, "14.72.01")) { conn in
                    try conn.execute("""
                        INSERT INTO plan_document (region_code, kind, year_from, year_to, revision, format, document, document_sha256, city_code)
                        VALUES ('14.72.02', 'pk_murni', 2023, 2023, 9, 'rekap.pk/v1', '\\x7b7d', sha256('\\x7b7d'), '14.72')
                        """)
                }
            }
            #expect(try await owner.client.planTableCounts() == before)
        }
    }
}
