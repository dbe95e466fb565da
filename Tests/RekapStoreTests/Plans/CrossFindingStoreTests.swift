import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// Findings across documents as the store keeps them: recomputed in the transaction that stores any
/// involved document, whatever the order of arrival, cleared by a corrected revision.
@Suite(.timeLimit(.minutes(10)))
struct CrossFindingStoreTests {
    typealias F = PlanFixtures

    /// The seed's four documents, by name.
    static func seedDocuments() throws -> [(name: String, bytes: [UInt8])] {
        [("renstra", try F.bytes(F.renstra)), ("pk murni", try F.bytes(F.pkMurni)),
         ("pk perubahan", try F.bytes(F.pkPerubahan)), ("report", try SubmissionFixtures.seed())]
    }

    static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[T]] in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }

    func cityFindings(_ store: SubmissionStore) async throws -> [StoredCrossFinding] {
        try await PlanStore(client: store.client).cityPlans(city: F.dumai, year: 2023).findings
    }

    @Test func everyArrivalOrderOfTheSeedsDocumentsGivesTheSameFindingsNamingBothDocuments() async throws {
        try await withSubmissionStore { store in
            let documents = try Self.seedDocuments()
            let orders = Self.permutations(Array(documents.indices))
            #expect(orders.count == 24)
            for order in orders {
                // Their facts and findings go with them (ON DELETE CASCADE).
                for table in ["cross_finding", "plan_document", "submission"] {
                    try await store.client.execute(PGQuery(unsafeSQL: "DELETE FROM \(table)"))
                }
                for index in order {
                    let outcome = try await store.submitDocument(bytes: documents[index].bytes)
                    #expect(outcome.id != nil && outcome.problems.isEmpty, "\(documents[index].name): \(outcome.problems)")
                }
                let found = try await cityFindings(store)
                let described = Set(found.map(F.described))
                let names = order.map { documents[$0].name }
                #expect(described == F.seedCrossFindings,
                        "\(names): missing \(F.seedCrossFindings.subtracting(described)), extra \(described.subtracting(F.seedCrossFindings))")
                #expect(found.count == F.seedCrossFindings.count, "\(names)")
                // A PK stored after the report added findings to the report without a new report revision.
                #expect(try await store.client.value(Int.self, "SELECT max(revision) FROM submission") == 1)
                // Both sides name a stored document of Dumai Timur, by id and revision.
                let ids = Set(try await store.client.query("SELECT id FROM submission UNION ALL SELECT id FROM plan_document").map { try $0.decode(Int64.self, at: 0) })
                #expect(found.allSatisfy { ids.contains($0.subject.id) && ids.contains($0.against.id) && $0.subject.revision == 1 && $0.against.revision == 1 })
                #expect(found.allSatisfy { $0.finding.subject.document.region == F.dumaiTimur && $0.finding.against.document.region == F.dumaiTimur })
            }
        }
    }

    @Test func findingsReadBackCarryBothLanguagesAsComputed() async throws {
        try await withSubmissionStore { store in
            _ = try await store.submitDocument(bytes: SubmissionFixtures.seed())
            let murni = try await store.submitDocument(bytes: F.bytes(F.pkMurni))
            let read = try await cityFindings(store)
            #expect(!read.isEmpty)
            #expect(read.map(\.finding.text) == murni.crossFindings.map(\.finding.text))
            let target = try #require(read.first { $0.finding.rule == CrossDocumentRule.pkTargetVsReport.rawValue })
            #expect(target.finding.text.id.contains("laporan mengukur terhadap target 87, padahal PK murni 2023 14.72.02 yang ditandatangani menetapkan 92"), "\(target.finding.text.id)")
            #expect(target.finding.message.contains("the report measures against target 87"), "\(target.finding.message)")
            // The PK's own finding (its printed total) is read back in both languages too.
            let murniID = try #require(murni.id)
            let shown = try #require(try await PlanStore(client: store.client).show(id: murniID))
            guard case .plan(.stored(_, _, let own, _)) = murni else { throw PlanTestError("not stored") }
            #expect(shown.findings.map(\.text) == own.map(\.text))
            #expect(shown.findings.first?.text.id.contains("total yang tercetak pada PK") == true, "\(shown.findings)")
        }
    }

    @Test func theSeedsInconsistenciesComeBackWithTheDocumentThatCompletesThem() async throws {
        try await withSubmissionStore { store in
            // The report first: nothing to compare with yet.
            let report = try await store.submitDocument(bytes: SubmissionFixtures.seed())
            let reportID = try #require(report.storedReport?.id)
            #expect(report.crossFindings.isEmpty)
            // The PK murni names the report: IKM 92 against 87, and its program amounts.
            let murni = try await store.submitDocument(bytes: F.bytes(F.pkMurni))
            let murniRevision = try #require(murni.storedPlan)
            let target = try #require(murni.crossFindings.first { $0.finding.rule == CrossDocumentRule.pkTargetVsReport.rawValue })
            #expect(target.subject.id == reportID && target.against.id == murniRevision.id)
            #expect(target.finding.message.contains("87") && target.finding.message.contains("92"), "\(target)")
            #expect(target.finding.against.document.description == "PK murni 2023 14.72.02")
            #expect(target.finding.subject.document.description == "LKjIP 2023 14.72.02")
            let budget = murni.crossFindings.filter { $0.finding.rule == CrossDocumentRule.pkVsBudget.rawValue }
            #expect(budget.map(\.finding.message).contains { $0.contains("higher by 100000000") }, "\(budget)")
            // Its own finding: the attachment's total is Rp3 juta more than its lines.
            guard case .plan(.stored(_, _, let own, _)) = murni else { throw PlanTestError("not stored") }
            #expect(own.map(\.rule) == [FindingRule.pkTotalMismatch.rawValue] && own.first?.message.contains("3000000") == true, "\(own)")
            // The perubahan PK: 100 juta below pagu, and three indicators the report never mentions.
            let perubahan = try await store.submitDocument(bytes: F.bytes(F.pkPerubahan))
            #expect(perubahan.crossFindings.map(\.finding.message).contains { $0.contains("lower by 100000000") })
            #expect(perubahan.crossFindings.filter { $0.finding.rule == CrossDocumentRule.pkIndicatorNotInReport.rawValue }.count == 3)
            // The Renstra: its end target 91 against the report's 88.
            let renstra = try await store.submitDocument(bytes: F.bytes(F.renstra))
            let end = try #require(renstra.crossFindings.first { $0.finding.rule == CrossDocumentRule.renstraEndVsReport.rawValue })
            #expect(end.finding.message.contains("88") && end.finding.message.contains("91"))
            #expect(end.finding.against.document.description == "Renstra 2022–2026 14.72.02")
            // The report is shown with every finding naming it, without a new revision.
            let involving = try await PlanStore(client: store.client).crossFindings(involving: reportID)
            // Every seed finding but the PK against the Renstra names the report.
            #expect(Set(involving.map(F.described)) == F.seedCrossFindings.filter { $0.contains("FY/") })
            #expect(involving.count == F.seedCrossFindings.count - 1)
            // The efficiency table divides by the IKM value: the report's own findings say so.
            let shown = try #require(try await store.show(id: reportID))
            #expect(shown.findings.contains { $0.rule == FindingRule.penyerapanMismatch.rawValue && $0.message.contains("91.72") })
        }
    }

    @Test func aCorrectedRevisionOfEachDocumentClearsItsFindingsAndARevertBringsThemBack() async throws {
        try await withSubmissionStore { store in
            for document in try Self.seedDocuments() { _ = try await store.submitDocument(bytes: document.bytes) }
            func rules() async throws -> [String] { try await cityFindings(store).map(\.finding.rule) }
            func count(_ rule: CrossDocumentRule) async throws -> Int { try await rules().filter { $0 == rule.rawValue }.count }
            #expect(try await count(.renstraEndVsReport) == 1)

            // The report corrected: Tabel 3.5 states the Renstra's end target.
            let corrected = try SubmissionFixtures.seed(replacing: "\"renstra_target\": \"88\"", with: "\"renstra_target\": \"91\"")
            let revision = try await store.submitDocument(bytes: corrected)
            #expect(revision.storedReport?.revision == 2)
            #expect(try await count(.renstraEndVsReport) == 0)
            #expect(try await count(.pkTargetVsReport) == 1)
            // Reverted: a new revision, and the finding is back, naming revision 3.
            let reverted = try await store.submitDocument(bytes: SubmissionFixtures.seed())
            #expect(reverted.storedReport?.revision == 3)
            let back = try await cityFindings(store).filter { $0.finding.rule == CrossDocumentRule.renstraEndVsReport.rawValue }
            #expect(back.map(\.subject.revision) == [3])

            // The PK murni corrected to the report's and the Renstra's 87: both target findings go.
            let murni = try F.bytes(F.pkMurni, replacing: "\"unit\": \"indeks\", \"target\": \"92\"", with: "\"unit\": \"indeks\", \"target\": \"87\"")
            #expect(try await store.submitDocument(bytes: murni).storedPlan?.revision == 2)
            #expect(try await count(.pkTargetVsReport) == 0)
            #expect(try await count(.pkVsRenstra) == 0)

            // The Renstra corrected to end at 88, as the report says.
            let renstra = try F.bytes(F.renstra, replacing: "\"2025\": \"90\", \"2026\": \"91\"", with: "\"2025\": \"90\", \"2026\": \"88\"")
            #expect(try await store.submitDocument(bytes: renstra).storedPlan?.revision == 2)
            #expect(try await count(.renstraEndVsReport) == 0)

            // The PK perubahan corrected: its program amount equals the report's pagu.
            let before = try await count(.pkVsBudget)
            let perubahan = try F.bytes(F.pkPerubahan)
            let decoded = try #require(Self.pk(perubahan))
            let program = decoded.programs[1]
            let anggaran = try #require(program.anggaran?.value)
            let pagu = anggaran + 100_000_000
            let fixed = try F.bytes(F.pkPerubahan, replacing: "\"anggaran\": \"\(anggaran)\"", with: "\"anggaran\": \"\(pagu)\"")
            #expect(try await store.submitDocument(bytes: fixed).storedPlan?.revision == 2)
            #expect(try await count(.pkVsBudget) == before - 1)

            // Byte-identical to the latest: unchanged, findings as they were.
            let findings = try await rules()
            guard case .plan(.unchanged(let same)) = try await store.submitDocument(bytes: fixed) else { throw PlanTestError("not unchanged") }
            #expect(same.revision == 2)
            #expect(try await rules() == findings)
        }
    }

    static func pk(_ bytes: [UInt8]) -> PerjanjianKinerja? {
        if case .planAccepted(.pk(let pk), _, _) = DocumentChecker().check(bytes) { return pk }
        return nil
    }

    @Test func indicatorsAndProgramsMatchByNameWhereACodeIsMissing() async throws {
        try await withSubmissionStore { store in
            let report = try #require(SubmissionChecker().check(try SubmissionFixtures.seed()).submission)
            let program = try #require(report.budget?.programs[1])
            let murni = try #require(program.paguMurni?.value)
            // No codes; names in other case and spacing than the report's.
            let indicatorName = "  " + report.indicators[0].name.uppercased().replacingOccurrences(of: " ", with: "   ") + " "
            let programName = program.name.lowercased().replacingOccurrences(of: " ", with: "  ")
            let pk = """
                {"format": "rekap.pk/v1", "region": "14.72.02", "year": 2023, "kind": "murni",
                 "indicators": [{"name": "\(indicatorName)", "target": "90"}],
                 "programs": [{"name": "\(programName)", "anggaran": "\(murni + 1)"}]}
                """
            _ = try await store.submitDocument(bytes: SubmissionFixtures.seed())
            let stored = try await store.submitDocument(bytes: Array(pk.utf8))
            #expect(stored.storedPlan != nil, "\(stored.problems)")
            let described = Set(stored.crossFindings.map(F.described))
            #expect(described.contains("plan.pk-target-vs-report FY/indicators/0/target ↔ pk_murni/indicators/0/target"), "\(described)")
            #expect(described.contains("plan.pk-vs-budget pk_murni/programs/0/anggaran ↔ FY/budget/programs/1/pagu_murni"), "\(described)")
            // The report's other indicators are not in this PK (matched by name, they differ).
            #expect(described.contains("plan.iku-not-in-pk FY/indicators/1 ↔ pk_murni/indicators"))
            #expect(!described.contains("plan.iku-not-in-pk FY/indicators/0 ↔ pk_murni/indicators"))
        }
    }

    @Test func lastYearsStoredReportChecksPreviousInEitherOrder() async throws {
        for reportFirst in [true, false] {
            try await withSubmissionStore(label: "previous \(reportFirst)") { store in
                // 2022's stored FY report says IKM realisasi 91.72; the 2023 report restates 2022 differently.
                let previous = try SubmissionFixtures.seed2022()
                let current = try SubmissionFixtures.seed()
                let order = reportFirst ? [current, previous] : [previous, current]
                for bytes in order { #expect(try await store.submitDocument(bytes: bytes).id != nil) }
                let found = try await PlanStore(client: store.client).cityPlans(city: F.dumai, year: 2023).findings
                    .filter { $0.finding.rule == CrossDocumentRule.previousYear.rawValue }
                #expect(!found.isEmpty, "reportFirst \(reportFirst)")
                #expect(found.allSatisfy { $0.finding.subject.document.year == 2023 && $0.finding.against.document.year == 2022 })
                #expect(found.allSatisfy { $0.finding.subject.pointer.description.contains("/previous/") })
            }
        }
    }

    @Test func aQuarterlyReportIsMeasuredAgainstThePKsQuarterTarget() async throws {
        try await withSubmissionStore { store in
            let pk = """
                {"format": "rekap.pk/v1", "region": "14.72.02", "year": 2023, "kind": "murni",
                 "indicators": [{"code": "IKM", "name": "Indeks Kepuasan Masyarakat", "target": "92", "quarters": {"Q2": "46"}}]}
                """
            let q2 = """
                {"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "Q2",
                 "indicators": [{"code": "IKM", "name": "Indeks Kepuasan Masyarakat", "target": "40", "realisasi": "46"}]}
                """
            let report = try await store.submitDocument(bytes: Array(q2.utf8))
            #expect(report.storedReport != nil, "\(report.problems)")
            let stored = try await store.submitDocument(bytes: Array(pk.utf8))
            let described = stored.crossFindings.map(F.described)
            #expect(described == ["plan.quarter-target Q2/indicators/0/target ↔ pk_murni/indicators/0/quarters/Q2"])
            #expect(stored.crossFindings.first?.finding.message.contains("100") == true, "\(stored.crossFindings)")
            // The read API gives what PlanCapaian needs: the Q2 report beside the PK.
            let documents = try await PlanStore(client: store.client).documents(region: F.dumaiTimur, year: 2023)
            let capaian = PlanCapaian.figures(documents.documents(for: .q2))
            #expect(capaian.map(\.target) == [46])
            #expect(capaian.first?.capaian.percent == 100)
        }
    }

    @Test func planFactsAreStoredExactly() async throws {
        try await withSubmissionStore { store in
            let murni = try #require(try await store.submitDocument(bytes: F.bytes(F.pkMurni)).storedPlan)
            let renstra = try #require(try await store.submitDocument(bytes: F.bytes(F.renstra)).storedPlan)
            let client = store.client
            #expect(try await client.value(String.self, "SELECT total::text FROM plan_document WHERE id = \(murni.id)") == "1618029707")
            #expect(try await client.value(String.self, "SELECT sum(anggaran)::text FROM pk_program WHERE plan_id = \(murni.id)") == "1615029707")
            #expect(try await client.value(Int.self, "SELECT count(*) FROM pk_line WHERE plan_id = \(murni.id)") == 9)
            #expect(try await client.value(String.self, "SELECT target::text FROM pk_indicator WHERE plan_id = \(murni.id) AND code = 'IKM'") == "92")
            #expect(try await client.value(String.self, """
                SELECT t.target::text FROM renstra_target t JOIN renstra_indicator i ON i.plan_id = t.plan_id AND i.position = t.indicator_position
                WHERE t.plan_id = \(renstra.id) AND i.code = 'IKM' AND t.year = 2026
                """) == "91")
            #expect(renstra.from == 2022 && renstra.to == 2026)
            // Plan ids and submission ids never collide: `submissions show ID` names one document.
            let report = try #require(try await store.submitDocument(bytes: SubmissionFixtures.seed()).storedReport)
            #expect(Set([murni.id, renstra.id, report.id]).count == 3)
            let shown = try #require(try await PlanStore(client: client).show(id: murni.id))
            #expect(shown.revision == murni)
            #expect(shown.crossFindings.contains { $0.finding.rule == CrossDocumentRule.pkTargetVsReport.rawValue })
            #expect(try await PlanStore(client: client).show(id: report.id) == nil)
            #expect(try await PlanStore(client: client).list(region: F.dumaiTimur, year: 2024).map(\.revision) == [renstra])
        }
    }

    @Test func concurrentArrivalsStillGiveTheWholeSet() async throws {
        try await withSubmissionStore(maxConnections: 4) { store in
            let documents = try Self.seedDocuments()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for document in documents {
                    group.addTask { _ = try await store.submitDocument(bytes: document.bytes) }
                }
                try await group.waitForAll()
            }
            let described = Set(try await cityFindings(store).map(F.described))
            #expect(described == F.seedCrossFindings)
        }
    }
}

struct PlanTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
