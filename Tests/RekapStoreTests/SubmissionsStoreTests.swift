import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import Testing

/// Storing accepted submissions: the seed's facts, revisions, and the list and show queries.
@Suite
struct SubmissionsStoreTests {
    @Test func seedIsStoredWithExactFacts() async throws {
        try await withSubmissionStore { store in
            let stored = try #require(try await store.submit(bytes: SubmissionFixtures.seed()).stored)
            #expect(stored.revision.revision == 1)
            #expect(stored.revision.region.text == "14.72.02")
            #expect(stored.revision.city.text == "14.72")
            let id = stored.revision.id
            let client = store.client

            // The budget tree, with exact NUMERIC sums computed by PostgreSQL.
            #expect(try await client.value(Decimal.self, "SELECT sum(pagu) FROM budget_line WHERE submission_id = \(id) AND level = 'sub_kegiatan'")
                    == Decimal(string: "12763150960.00"))
            #expect(try await client.value(Decimal.self, "SELECT sum(realisasi) FROM budget_line WHERE submission_id = \(id) AND level = 'sub_kegiatan'")
                    == Decimal(string: "12572858329"))
            #expect(try await client.value(String.self, """
                SELECT round(sum(realisasi) * 100 / sum(pagu), 2)::text FROM budget_line WHERE submission_id = \(id) AND level = 'sub_kegiatan'
                """) == "98.51")
            let penyerapan = try await client.query("""
                SELECT code, round(realisasi * 100 / pagu, 2)::text AS penyerapan FROM budget_line
                WHERE submission_id = \(id) AND level = 'program' AND pagu > 0 ORDER BY position
                """).map { "\(try $0.decode(String.self, column: "code")) \(try $0.decode(String.self, column: "penyerapan"))" }
            #expect(penyerapan == ["7.01.01 98.51", "7.01.02 96.78", "7.01.03 98.62", "7.01.04 99.62"])

            // As many nodes as the document has, each under a parent of the level above.
            let submission = try #require(try Self.decodedSeed())
            let programs = submission.budget?.programs ?? []
            let levels = try await client.query("SELECT level, count(*) AS n FROM budget_line WHERE submission_id = \(id) GROUP BY level")
            let counts = Dictionary(uniqueKeysWithValues: try levels.map { (try $0.decode(String.self, column: "level"), try $0.decode(Int.self, column: "n")) })
            #expect(counts == ["program": programs.count,
                               "kegiatan": programs.reduce(0) { $0 + $1.kegiatan.count },
                               "sub_kegiatan": programs.reduce(0) { $0 + $1.kegiatan.reduce(0) { $0 + $1.subKegiatan.count } }])
            #expect(try await client.value(Int.self, """
                SELECT count(*) FROM budget_line c JOIN budget_line p ON p.id = c.parent_id
                WHERE c.submission_id = \(id) AND NOT ((c.level = 'kegiatan' AND p.level = 'program')
                                                   OR (c.level = 'sub_kegiatan' AND p.level = 'kegiatan'))
                """) == 0)
            // Every reported kegiatan amount equals the sum of its lines in the seed, and each line sits
            // under the kegiatan it was written under.
            #expect(try await client.value(Int.self, """
                SELECT count(*) FROM budget_line k WHERE k.submission_id = \(id) AND k.level = 'kegiatan'
                AND k.pagu IS DISTINCT FROM (SELECT coalesce(sum(l.pagu), 0) FROM budget_line l WHERE l.parent_id = k.id)
                """) == 0)
            #expect(try await client.value(String.self, """
                SELECT l.name FROM budget_line l JOIN budget_line k ON k.id = l.parent_id JOIN budget_line p ON p.id = k.parent_id
                WHERE l.submission_id = \(id) AND p.position = 1 AND k.position = 0 AND l.position = 0
                """) == programs[1].kegiatan[0].subKegiatan[0].name)
            // Program 7.01.05 existed only before the amendment: pagu 0, pagu_murni kept, no kegiatan.
            #expect(try await client.value(String.self, """
                SELECT pagu_murni::text || '/' || pagu::text FROM budget_line WHERE submission_id = \(id) AND level = 'program' AND code = '7.01.05'
                """) == "66910407/0")

            // Header: reported totals, signature, the original bytes.
            let header = try #require(try await client.query("""
                SELECT total_pagu_murni, total_pagu, total_realisasi, signed_by, signed_nip, signed_date::text AS signed_date, city_code,
                       format, document, document_sha256 = sha256(document) AS hashed
                FROM submission WHERE id = \(id)
                """).first)
            #expect(try header.decode(Decimal.self, column: "total_pagu_murni") == Decimal(string: "11371987993"))
            #expect(try header.decode(Decimal.self, column: "total_pagu") == Decimal(string: "12763150960"))
            #expect(try header.decode(Decimal.self, column: "total_realisasi") == Decimal(string: "12572858329"))
            #expect(try header.decode(String.self, column: "signed_by") == "ZAINUR, SH")
            #expect(try header.decode(String.self, column: "signed_nip") == "197001122002121003")
            #expect(try header.decode(String.self, column: "signed_date") == "2024-01-22")
            #expect(try header.decode(String.self, column: "city_code") == "14.72")
            #expect(try header.decode(String.self, column: "format") == "rekap.submission/v1")
            #expect(try header.decode([UInt8].self, column: "document") == (try SubmissionFixtures.seed()))
            #expect(try header.decode(Bool.self, column: "hashed"))

            // Indicators with capaian and predikat computed by rekap, next to what the office printed.
            let ikm = try #require(try await client.query("""
                SELECT target, realisasi, reported_capaian, renstra_target, round(capaian, 2)::text AS capaian, capaian AS exact, predikat, polarity
                FROM submission_indicator WHERE submission_id = \(id) AND code = 'IKM'
                """).first)
            #expect(try ikm.decode(Decimal.self, column: "target") == 87)
            #expect(try ikm.decode(Decimal.self, column: "realisasi") == Decimal(string: "91.72"))
            #expect(try ikm.decode(Decimal.self, column: "reported_capaian") == Decimal(string: "105.42"))
            #expect(try ikm.decode(Decimal.self, column: "renstra_target") == 88)  // Tabel 3.5 prints 88 (the Renstra matrix says 91)
            #expect(try ikm.decode(String.self, column: "capaian") == "105.43")
            // 91.72 × 100 / 87 = 105.425287356321839080459770114942528735…, kept to 20 decimals.
            #expect(try ikm.decode(String.self, column: "exact") == "105.42528735632183908046")
            #expect(try ikm.decode(String.self, column: "predikat") == "Sangat Berhasil")
            #expect(try ikm.decode(String.self, column: "polarity") == "higher")
            #expect(try await client.value(String.self, """
                SELECT string_agg(code, ',' ORDER BY position) FROM submission_indicator WHERE submission_id = \(id)
                """) == "IKM,PTPU,PPKC")

            // Belanja totals as reported, all four types.
            let belanja = try await client.query("""
                SELECT belanja || ' ' || pagu || ' ' || realisasi FROM submission_belanja WHERE submission_id = \(id) ORDER BY belanja
                """).map { try $0.decode(String.self, at: 0) }
            #expect(belanja == ["modal 1094412252 1089101944", "operasi 11668738708 11483756385", "tidak_terduga 0 0", "transfer 0 0"])

            // Awards, including one without a podium place.
            #expect(try await client.value(Int.self, "SELECT count(*) FROM submission_award WHERE submission_id = \(id)") == submission.awards.count)
            #expect(try await client.value(String.self, """
                SELECT region_code || ' ' || level || ' ' || coalesce(place::text, 'null') || ' ' || label FROM submission_award
                WHERE submission_id = \(id) AND title = 'Lomba Administrasi PKK'
                """) == "14.72.02.1003 provinsi null Juara Harapan 1")

            // Findings: stored in order, as the checker gave them.
            let findings = try await client.query("""
                SELECT severity, rule, pointer, message FROM submission_finding WHERE submission_id = \(id) ORDER BY position
                """).map { "\(try $0.decode(String.self, column: "severity")) \(try $0.decode(String.self, column: "rule")) \(try $0.decode(String.self, column: "pointer")) \(try $0.decode(String.self, column: "message"))" }
            #expect(findings == stored.findings.map { "\($0.severity.rawValue) \($0.rule) \($0.pointer) \($0.message)" })
            #expect(stored.findings.contains { $0.rule == FindingRule.paguMurniMismatch.rawValue && $0.pointer.description == "/budget/total/pagu_murni" })
            #expect(stored.findings.contains { $0.rule == FindingRule.capaianRounding.rawValue && $0.pointer.description == "/indicators/0/reported_capaian" })
        }
    }

    @Test func sameBytesAgainStoreNothingNew() async throws {
        try await withSubmissionStore { store in
            let first = try #require(try await store.submit(bytes: SubmissionFixtures.seed()).stored)
            let before = try await store.client.tableCounts()
            let again = try #require(try await store.submit(bytes: SubmissionFixtures.seed()).unchanged)
            #expect(again == first.revision)
            #expect(try await store.client.tableCounts() == before)
        }
    }

    @Test func changedDocumentBecomesRevisionTwoAndRevisionOneIsKept() async throws {
        try await withSubmissionStore { store in
            let seed = try SubmissionFixtures.seed()
            let first = try #require(try await store.submit(bytes: seed).stored)
            // A correction: one sub kegiatan's realisasi.
            let corrected = try SubmissionFixtures.seed(replacing: "\"realisasi\": \"13653900\"", with: "\"realisasi\": \"13653901\"")
            let second = try #require(try await store.submit(bytes: corrected).stored)
            #expect(second.revision.revision == 2)
            #expect(second.revision.id != first.revision.id)
            // The changed line no longer adds up to its kegiatan: the new revision carries the finding.
            #expect(second.findings.contains { $0.rule == FindingRule.parentSumMismatch.rawValue })

            #expect(try await store.document(id: first.revision.id) == seed)
            #expect(try await store.document(id: second.revision.id) == corrected)
            let sums = try await store.client.query("""
                SELECT s.revision, sum(l.realisasi) AS realisasi FROM submission s JOIN budget_line l ON l.submission_id = s.id
                WHERE l.level = 'sub_kegiatan' GROUP BY s.revision ORDER BY s.revision
                """).map { "\(try $0.decode(Int.self, column: "revision")):\(try $0.decode(Decimal.self, column: "realisasi"))" }
            #expect(sums == ["1:12572858329", "2:12572858330"])

            // The corrected document again is the latest revision: recognised, not stored a third time.
            #expect(try await store.submit(bytes: corrected).unchanged == second.revision)
            #expect(try await store.client.value(Int.self, "SELECT count(*) FROM submission") == 2)
        }
    }

    /// Contract §1: only the latest revision's bytes are "unchanged". Sending back an earlier revision's
    /// exact bytes is a revert, stored as a new revision with its own facts and findings.
    @Test func aRevertToAnEarlierRevisionIsANewRevision() async throws {
        try await withSubmissionStore { store in
            let seed = try SubmissionFixtures.seed()
            let first = try #require(try await store.submit(bytes: seed).stored)
            let corrected = try SubmissionFixtures.seedVariant(1)
            #expect(try await store.submit(bytes: corrected).stored?.revision.revision == 2)

            let revert = try #require(try await store.submit(bytes: seed).stored, "a revert answered unchanged")
            #expect(revert.revision.revision == 3)
            #expect(revert.revision.id != first.revision.id)
            #expect(revert.findings.map(\.rule) == first.findings.map(\.rule))
            #expect(try await store.document(id: revert.revision.id) == seed)
            #expect(try await store.client.value(Int.self, """
                SELECT count(*) FROM budget_line WHERE submission_id = \(revert.revision.id)
                """) == store.client.value(Int.self, "SELECT count(*) FROM budget_line WHERE submission_id = \(first.revision.id)"))
            // Now the reverted bytes are the latest: the same again is unchanged, revision 3.
            #expect(try await store.submit(bytes: seed).unchanged == revert.revision)
            #expect(try await store.client.value(Int.self, "SELECT count(*) FROM submission") == 3)
        }
    }

    @Test func revisionsAreCountedPerRegionYearAndPeriod() async throws {
        try await withSubmissionStore { store in
            let fy = try #require(try await store.submit(bytes: SubmissionFixtures.seed()).stored)
            let q3 = try #require(try await store.submit(bytes: SubmissionFixtures.bytes("accepted/dumai-timur-2023-q3.json")).stored)
            let kelurahan = try #require(try await store.submit(bytes: SubmissionFixtures.bytes("accepted/jaya-mukti-pbb-2023.json")).stored)
            let year2022 = try #require(try await store.submit(bytes: SubmissionFixtures.seed2022()).stored)
            #expect([fy, q3, kelurahan, year2022].map(\.revision.revision) == [1, 1, 1, 1])
            #expect(q3.revision.period == .q3)
            #expect(kelurahan.revision.region.text == "14.72.02.1004")
            #expect(kelurahan.revision.city.text == "14.72")
            // The kelurahan's PBB rows, two as_of dates for itself.
            let pbb = try await store.client.query("""
                SELECT kelurahan_code || ' ' || as_of || ' ' || ketetapan || ' ' || realisasi FROM submission_pbb
                WHERE submission_id = \(kelurahan.revision.id) ORDER BY position
                """).map { try $0.decode(String.self, at: 0) }
            let document = try #require(SubmissionChecker().check(try SubmissionFixtures.bytes("accepted/jaya-mukti-pbb-2023.json")).acceptedSubmission)
            #expect(pbb == document.pbb.map { "\($0.kelurahan) \($0.asOf) \($0.ketetapan) \($0.realisasi)" })
        }
    }

    @Test func minimalAndNumberAmountDocumentsAreStored() async throws {
        try await withSubmissionStore { store in
            let minimal = try #require(try await store.submit(bytes: SubmissionFixtures.bytes("accepted/minimal-2023.json")).stored)
            let counts = try await store.client.tableCounts()
            #expect(counts.counts["submission"] == 1)
            for table in SubmissionTableCounts.tables where !["submission", "region", "submission_finding"].contains(table) {
                #expect(counts.counts[table] == 0, "\(table)")
            }
            #expect(try await store.client.value(Int.self, "SELECT count(*) FROM submission_finding WHERE submission_id = \(minimal.revision.id)") == minimal.findings.count)

            // Amounts written as JSON numbers are read from their text: 99620900.50 stays exact.
            let numbers = try #require(try await store.submit(bytes: SubmissionFixtures.bytes("accepted/json-number-amounts.json")).stored)
            #expect(try await store.client.value(Int.self, """
                SELECT count(*) FROM budget_line WHERE submission_id = \(numbers.revision.id) AND realisasi = 99620900.50
                """) ?? 0 >= 1)
        }
    }

    @Test func listShowsRevisionsWithFindingCounts() async throws {
        try await withSubmissionStore { store in
            let first = try #require(try await store.submit(bytes: SubmissionFixtures.seed()).stored)
            let second = try #require(try await store.submit(bytes: SubmissionFixtures.seedVariant(2)).stored)
            let kelurahan = try #require(try await store.submit(bytes: SubmissionFixtures.bytes("accepted/jaya-mukti-pbb-2023.json")).stored)

            let listed = try await store.list(region: try RegionCode(parsing: "14.72.02"), year: 2023)
            #expect(listed.map(\.revision) == [first.revision, second.revision, kelurahan.revision])
            func counts(_ findings: [Finding]) -> FindingCounts {
                FindingCounts(errors: findings.count { $0.severity == .error }, warnings: findings.count { $0.severity == .warning },
                              infos: findings.count { $0.severity == .info })
            }
            #expect(listed.map(\.findings) == [counts(first.findings), counts(second.findings), counts(kelurahan.findings)])
            #expect(listed[0].findings.total == first.findings.count)
            #expect(listed[0].submittedAt <= listed[1].submittedAt)
            #expect(abs(listed[0].submittedAt.timeIntervalSinceNow) < 600)

            #expect(try await store.list(region: try RegionCode(parsing: "14.72")).count == 3)
            #expect(try await store.list(region: try RegionCode(parsing: "14.72.02.1004")).map(\.revision) == [kelurahan.revision])
            #expect(try await store.list(region: try RegionCode(parsing: "14.72.03")).isEmpty)
            #expect(try await store.list(region: try RegionCode(parsing: "14.72.02"), year: 2022).isEmpty)
        }
    }

    @Test func showGivesMetadataFindingsFiguresAndTheDocument() async throws {
        try await withSubmissionStore { store in
            let seed = try SubmissionFixtures.seed()
            let stored = try #require(try await store.submit(bytes: seed).stored)
            let shown = try #require(try await store.show(id: stored.revision.id))
            #expect(shown.revision == stored.revision)
            #expect(shown.document == seed)
            #expect(shown.documentSHA256 == (try await store.client.value(String.self, "SELECT encode(sha256(\(seed)::bytea), 'hex')")))
            #expect(shown.documentSHA256.count == 64)
            #expect(shown.findings == stored.findings)
            #expect(shown.summary == stored.summary)
            #expect(shown.submission.signed?.by == "ZAINUR, SH")
            #expect(shown.summary.total?.penyerapan.map(DecimalText.percent) == "98.51")
            #expect(try await store.show(id: stored.revision.id + 1000) == nil)
            #expect(try await store.document(id: stored.revision.id + 1000) == nil)
        }
    }

    static func decodedSeed() throws -> Submission? {
        SubmissionChecker().check(try SubmissionFixtures.seed()).acceptedSubmission
    }
}

extension CheckResult {
    var acceptedSubmission: Submission? {
        if case .accepted(let submission, _, _, _) = self { return submission }
        return nil
    }
}
