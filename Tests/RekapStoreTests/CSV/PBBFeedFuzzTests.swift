import Foundation
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// The PBB-P2 feed reader and line checker on mutated feeds (``FuzzCampaign``): every case is read
/// to its end without a crash, lines come in order, and every line is either a row or a bad line
/// with a reason. (A few mutated feeds also go through the API: see `InputHardeningAPITests`.)
@Suite struct PBBFeedFuzzTests {
    static func corpus() -> [[UInt8]] {
        let feeds = GeneratedFeeds(objects: 40, seed: 3)
        let bad = PBBFeedLoaderTests.badKetetapan.map { PBBFeedKind.ketetapan.header + "\n" + $0.line + "\n" }
        return [feeds.ketetapan, feeds.pembayaran].map { Array(($0.joined(separator: "\n") + "\n").utf8) }
            + bad.map { Array($0.utf8) }
    }

    static let dictionary = [
        ",", "\"", "\"\"", "\r\n", "\n", "147202000100010010", "147101000100010010", "14.72.02.1004", "14.71.01.1002",
        "2023", "2023-02-29", "1000000000000000000", "-5", "1.5", "1e3", "\u{FEFF}", "nop,tahun,kelurahan,pokok",
    ]

    @Test(.timeLimit(.minutes(2))) func mutatedFeedsAreReadToTheirEndWithoutACrash() throws {
        let campaign = FuzzCampaign(corpus: Self.corpus(), dictionary: Self.dictionary, seed: 14_72, defaultIterations: 3_000)
        let known = Set(GeneratedFeeds.dumaiKelurahan.map(\.text))
        let reader = CSVReader(chunkSize: 4096, maxRecordBytes: 64 * 1024)
        var rows = 0, badLines = 0
        try campaign.run { input, number in
            for kind in [PBBFeedKind.ketetapan, .pembayaran] {
                var checker = PBBFeedRowChecker(kind: kind, knownKelurahan: known)
                var source = MemorySource(input, maxRead: 1000)
                var lastLine = 0
                do {
                    try reader.forEachRecord(from: &source) { record in
                        #expect(record.line > lastLine, "case \(number)")
                        lastLine = record.line
                        if record.line == 1 { return }
                        switch checker.check(record) {
                        case .success(let row):
                            rows += 1
                            #expect(PBBFeedRowChecker.years.contains(row.tahun), "case \(number)")
                        case .failure(let problem):
                            badLines += 1
                            #expect(!problem.reason.isEmpty, "case \(number)")
                        }
                    }
                } catch let error as CSVError {
                    #expect(error.line > 0, "case \(number)")
                }
            }
        }
        #expect(rows > 0 && badLines > 0, "rows \(rows), bad lines \(badLines)")
    }
}
