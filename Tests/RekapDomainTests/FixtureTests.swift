import Foundation
import Testing
@testable import RekapDomain

/// The transcribed seed report and the rejected corpus from the fixtures branch.
@Suite struct FixtureTests {
    let checker = SubmissionChecker(knownRegion: DumaiRegions.known)

    /// Rules about the budget tree itself (the lines and their parents); the seed must have none.
    static let treeRules: Set<String> = [
        FindingRule.parentSumMismatch, .realisasiExceedsPagu, .totalMismatch, .belanjaMismatch, .belanjaTotalMismatch,
    ].map(\.rawValue).reduce(into: []) { $0.insert($1) }

    func seed() throws -> JSONValue {
        try JSONParser().parse(Fixtures.bytes("accepted/dumai-timur-2023.json"))
    }

    @Test func seedIsAcceptedWithTheReportsFigures() throws {
        let result = checker.check(try Fixtures.bytes("accepted/dumai-timur-2023.json"))
        #expect(result.isAccepted, "problems: \(result.problems)")
        let summary = try #require(result.summary)
        #expect(summary.total.flatMap(\.penyerapan).map(DecimalText.percent) == "98.51")
        let programs = summary.programs.filter { !$0.pagu.isZero }.map { $0.penyerapan.map(DecimalText.percent) ?? "-" }
        #expect(programs == ["98.51", "96.78", "98.62", "99.62"])
        #expect(summary.total?.pagu == Decimal(string: "12763150960"))
        #expect(summary.total?.realisasi == Decimal(string: "12572858329"))
        let ikm = try #require(summary.indicators.first { $0.code == "IKM" })
        #expect(ikm.capaian.percent.map(DecimalText.percent) == "105.43")
        #expect(ikm.predikat == "Sangat Berhasil")
        #expect(ikm.peringkat == "Sangat Tinggi")
        // Efisiensi as the report defines it: 105.4252… ÷ 98.5090… = 1.07.
        #expect(ikm.efisiensi.value.map(DecimalText.percent) == "1.07")
        #expect(ikm.efisiensi.label == "efisien")
    }

    @Test func seedFindings() throws {
        let findings = checker.check(try Fixtures.bytes("accepted/dumai-timur-2023.json")).findings
        // The report prints 105.42 for 105.4252…: truncated, an info finding.
        // So does Tabel 3.4's 103.44 for 2022 (90 / 87 = 103.448…).
        let ikm = findings.filter { $0.rule == FindingRule.capaianRounding.rawValue }
        #expect(ikm.map(\.pointer.description) == ["/indicators/0/reported_capaian", "/indicators/0/previous/reported_capaian"])
        #expect(ikm.allSatisfy { $0.severity == .info })
        #expect(ikm.first?.message.contains("105.43") == true)
        #expect(!findings.contains { $0.rule == FindingRule.capaianMismatch.rawValue })
        #expect(findings.filter { Self.treeRules.contains($0.rule) }.isEmpty, "\(findings)")
        // Tabel 2.5 adds up to 11173987993 but prints 11371987993: a real slip of the report.
        let murni = findings.filter { $0.rule == FindingRule.paguMurniMismatch.rawValue }
        #expect(murni.map(\.pointer.description) == ["/budget/total/pagu_murni"])
        #expect(murni.first?.message.contains("198000000") == true)
    }

    @Test func otherAcceptedFixturesAreAccepted() throws {
        let folder = try Fixtures.url("accepted")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 2)
        for file in files {
            let result = checker.check(try Fixtures.bytes("accepted/\(file)"))
            #expect(result.isAccepted, "\(file): \(result.problems)")
            #expect(result.findings.filter { $0.severity == .error }.isEmpty || file != "dumai-timur-2023.json")
        }
    }

    @Test func parentDisagreeingWithItsLines() throws {
        let document = replacing(try seed(), at: "/budget/programs/1/kegiatan/0/pagu", with: .string("143512800"))
        let findings = checker.check(document).findings.filter { $0.rule == FindingRule.parentSumMismatch.rawValue }
        #expect(findings.map(\.pointer.description).contains("/budget/programs/1/kegiatan/0/pagu"))
        #expect(findings.first?.message.contains("143512800") == true)
        #expect(findings.first?.message.contains("143512700") == true)
        #expect(findings.first?.severity == .error)
    }

    @Test func realisasiAbovePagu() throws {
        let document = replacing(try seed(), at: "/budget/programs/0/kegiatan/0/sub_kegiatan/0/realisasi", with: .string("99999999"))
        let findings = checker.check(document).findings
        let overspent = findings.filter { $0.rule == FindingRule.realisasiExceedsPagu.rawValue }
        #expect(overspent.map(\.pointer.description).contains("/budget/programs/0/kegiatan/0/sub_kegiatan/0/realisasi"))
        // The line no longer adds up to its kegiatan either.
        #expect(findings.contains { $0.rule == FindingRule.parentSumMismatch.rawValue && $0.pointer.description == "/budget/programs/0/kegiatan/0/realisasi" })
    }

    @Test func wrongReportedTotal() throws {
        let document = replacing(try seed(), at: "/budget/total/pagu", with: .number("12763150961"))
        let findings = checker.check(document).findings
        let total = findings.filter { $0.rule == FindingRule.totalMismatch.rawValue }
        #expect(total.map(\.pointer.description) == ["/budget/total/pagu"])
        #expect(total.first?.message.contains("12763150961") == true)
        #expect(total.first?.message.contains("difference 1") == true)
        #expect(findings.contains { $0.rule == FindingRule.belanjaTotalMismatch.rawValue })
    }

    @Test func wrongBelanjaTotalAgainstTotal() throws {
        let document = replacing(try seed(), at: "/budget/belanja/modal/realisasi", with: .string("1089101945"))
        let findings = checker.check(document).findings
        #expect(findings.contains { $0.rule == FindingRule.belanjaTotalMismatch.rawValue && $0.pointer.description == "/budget/belanja" })
    }

    @Test func wrongReportedCapaian() throws {
        let document = replacing(try seed(), at: "/indicators/0/reported_capaian", with: .string("104.42"))
        let findings = checker.check(document).findings.filter { $0.rule == FindingRule.capaianMismatch.rawValue }
        #expect(findings.map(\.pointer.description) == ["/indicators/0/reported_capaian"])
        #expect(findings.first?.message.contains("105.43") == true)
    }

    @Test func everyRejectedFixtureHasItsProblem() throws {
        let expectations = try Fixtures.expectations()
        let files = try Fixtures.rejectedFiles()
        #expect(files.count >= 25)
        #expect(Set(expectations.map(\.file)) == Set(files))
        for expectation in expectations {
            let result = checker.check(try Fixtures.bytes("rejected/\(expectation.file)"))
            let problems = result.problems
            #expect(!result.isAccepted, "\(expectation.file) was accepted")
            let atPointer = problems.filter { $0.pointer.description == expectation.pointer }
            #expect(!atPointer.isEmpty, "\(expectation.file): expected a problem at \"\(expectation.pointer)\", got \(problems)")
            let kinds = Self.kinds[expectation.reason] ?? []
            #expect(atPointer.contains { kinds.contains($0.kind) }, "\(expectation.file): \(expectation.reason) vs \(atPointer.map(\.kind))")
        }
    }

    /// The fixture author's reason keywords and the problem kinds that express them.
    static let kinds: [String: Set<Problem.Kind>] = [
        "utf8": [.notUTF8], "json": [.syntax, .empty], "not-object": [.notObject], "format": [.unknownFormat],
        "required": [.missing], "type": [.wrongType], "enum": [.notAllowed], "date": [.invalidDate],
        "amount": [.invalidAmount, .invalidNumber], "decimals": [.invalidAmount], "range": [.invalidAmount],
        "duplicate": [.duplicateCode], "region": [.invalidRegion, .unknownRegion, .outOfScope], "scope": [.outOfScope],
    ]

    @Test func rejectionsWithoutARegistryStillCatchShapeAndScope() throws {
        let plain = SubmissionChecker()
        for file in ["40-pbb-kelurahan-outside.json", "43-kelurahan-for-other-kelurahan.json", "45-malformed-region.json", "47-region-is-kota.json"] {
            #expect(!plain.check(try Fixtures.bytes("rejected/\(file)")).isAccepted, "\(file)")
        }
        // Unknown but well-formed codes need the registry.
        #expect(plain.check(try Fixtures.bytes("rejected/44-award-region-unknown.json")).isAccepted)
        #expect(!plain.check(try Fixtures.bytes("rejected/46-unknown-region.json")).problems.contains { $0.kind == .unknownRegion })
    }
}
