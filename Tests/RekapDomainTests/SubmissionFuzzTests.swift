import Foundation
import RekapTestSupport
import Testing
@testable import RekapDomain

/// The submission parser and checker on mutated fixtures (``FuzzCampaign``): every case finishes,
/// nothing crashes, a rejection lists at most its cap of problems with a pointer and a reason, and
/// what is accepted holds only values the contract allows.
@Suite struct SubmissionFuzzTests {
    static func corpus() throws -> [[UInt8]] {
        var files: [[UInt8]] = []
        for folder in ["accepted", "rejected"] {
            let url = try Fixtures.url(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() where name.hasSuffix(".json") && name != "expected.json" {
                files.append(try Fixtures.bytes("\(folder)/\(name)"))
            }
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.demoSubmissions.path).sorted() where name.hasSuffix(".json") {
            files.append(Array(try Data(contentsOf: RepositoryFiles.demoSubmissions.appendingPathComponent(name))))
        }
        return files.filter { !$0.isEmpty }
    }

    static let dictionary = [
        "\"indicators\": [", "\"programs\": [", "\"kegiatan\": [", "\"sub_kegiatan\": [", "\"pbb\": [", "\"awards\": [",
        "\"target\": ", "\"pagu\": ", "\"name\": ", "\"region\": ", "\"kelurahan\": ", "\"as_of\": ", "\"place\": ",
        "\"0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000005\"",
        "1e999999999", "-0", "99999999999999999999999999999999999999999", "\"\\u0000\"", "\"\\ud800\"", "null", "true", "{}", "[]",
        "\"14.72.02.1004\"", "\"14.71.01.1002\"", "\"2023-02-29\"", ",", ":", "\"",
    ]

    @Test(.timeLimit(.minutes(2))) func mutatedSubmissionsNeverCrashAndStayWithinTheContract() throws {
        let campaign = FuzzCampaign(corpus: try Self.corpus(), dictionary: Self.dictionary, seed: 20_261_206, defaultIterations: 1_500)
        let checker = SubmissionChecker(knownRegion: DumaiRegions.known)
        var accepted = 0, rejected = 0
        campaign.run { input, number in
            let result = checker.check(input)
            switch result {
            case .rejected(let problems):
                rejected += 1
                #expect(!problems.isEmpty && problems.count <= SubmissionLimits.listedProblems + 1, "case \(number)")
                #expect(problems.allSatisfy { !$0.reason.isEmpty }, "case \(number)")
            case .accepted(let submission, _, _, _):
                accepted += 1
                for indicator in submission.indicators {
                    for value in [indicator.target, indicator.realisasi] {
                        #expect(DecimalText.parseResult(DecimalText.string(value), limits: .indicatorValue).isSuccess,
                                "case \(number): \(value)")
                    }
                    #expect(SubmissionDecoder.controlCharacterOffset(in: indicator.name) == nil, "case \(number)")
                }
            }
            // The answer renders and is JSON again.
            let text = JSONWriter.string(CheckReport.json(result))
            #expect((try? JSONParser().parse(text)) != nil, "case \(number)")
        }
        // The mutations reach both sides of the checker.
        #expect(accepted > 0 && rejected > 0, "accepted \(accepted), rejected \(rejected)")
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
