import Foundation
import Testing
@testable import RekapDomain

@Suite struct RankingTests {
    func code(_ text: String) -> RegionCode { RegionCode(text)! }

    func entry(_ code: String, _ numerator: Decimal, _ denominator: Decimal) -> RankingEntry {
        RankingEntry(region: self.code(code), name: code, value: .ratio(numerator: numerator, denominator: denominator))
    }

    @Test func sharedRanksSkipTheNext() {
        let ranked = Ranking.rank([
            entry("14.72.02.1006", 1, 2), entry("14.72.02.1002", 3, 4), entry("14.72.02.1003", 2, 4),
            entry("14.72.02.1004", 1, 4), entry("14.72.02.1009", 5, 0),
        ])
        #expect(ranked.map(\.rank) == [1, 2, 2, 4, nil])
        #expect(ranked.map(\.entry.region.text) == ["14.72.02.1002", "14.72.02.1003", "14.72.02.1006", "14.72.02.1004", "14.72.02.1009"])
        #expect(ranked.map(\.valueText) == ["75.00", "50.00", "50.00", "25.00", nil])
    }

    @Test func lowestFirst() {
        let ranked = Ranking.rank([entry("14.72.01.1003", 9, 10), entry("14.72.01.1006", 1, 10), entry("14.72.01.1008", 1, 10)], lowest: true)
        #expect(ranked.map(\.rank) == [1, 1, 3])
        #expect(ranked.map(\.entry.region.text) == ["14.72.01.1006", "14.72.01.1008", "14.72.01.1003"])
    }

    @Test func exactValuesNotRoundedOnesDecideRanks() throws {
        // Both print 98.51, but they differ.
        let a = entry("14.72.02.1002", try DecimalText.parse("98514"), 100_000)
        let b = entry("14.72.02.1003", try DecimalText.parse("98505"), 100_000)
        let ranked = Ranking.rank([b, a])
        #expect(ranked.map(\.rank) == [1, 2])
        #expect(ranked.map(\.valueText) == ["98.51", "98.51"])
        // Beyond Decimal's 38 digits: 1/3 against 333…3/10^37 must not tie.
        let third = entry("14.72.02.1004", 1, 3)
        let almost = RankingEntry(region: code("14.72.02.1006"), name: "x",
                                  value: .exact(try DecimalText.parse("33.33333333333333333333333333333333333")))
        #expect(Ranking.rank([almost, third]).map(\.rank) == [1, 2])
        #expect(Ranking.rank([almost, third]).first?.entry.region.text == "14.72.02.1004")
    }

    @Test func bigAmountsCompareExactly() throws {
        let n1 = try DecimalText.parse("999999999999999999.99"), d1 = try DecimalText.parse("999999999999999999.98")
        let n2 = try DecimalText.parse("999999999999999999.98"), d2 = try DecimalText.parse("999999999999999999.97")
        // n1/d1 < n2/d2 (closer to 1), though Decimal division rounds both to the same 38 digits.
        let ranked = Ranking.rank([entry("14.72.02.1002", n1, d1), entry("14.72.02.1003", n2, d2)])
        #expect(ranked.map(\.entry.region.text) == ["14.72.02.1003", "14.72.02.1002"])
        #expect(ranked.map(\.rank) == [1, 2])
    }

    /// Ranks equal 1 + the number of strictly better entries, computed naively in integers.
    @Test func generatedAgainstNaiveCount() {
        var random = SplitMix64(seed: 0x2A_4B)
        for round in 0..<400 {
            let count = Int.random(in: 0...25, using: &random)
            let raw: [(String, Int64, Int64)] = (0..<count).map { index in
                ("14.72.0\(index % 7 + 1).\(1000 + index)", Int64.random(in: 0...12, using: &random), Int64.random(in: 0...6, using: &random))
            }
            let lowest = round % 2 == 1
            let ranked = Ranking.rank(raw.map { entry($0.0, Decimal($0.1), Decimal($0.2)) }, lowest: lowest)
            #expect(ranked.count == count)
            for item in ranked {
                let mine = raw.first { $0.0 == item.entry.region.text }!
                if mine.2 == 0 {
                    #expect(item.rank == nil)
                    continue
                }
                // a/b better than c/d  ⇔  a·d > c·b (denominators positive)
                let better = raw.filter { other in
                    other.2 != 0 && (lowest ? other.1 * mine.2 < mine.1 * other.2 : other.1 * mine.2 > mine.1 * other.2)
                }.count
                #expect(item.rank == better + 1, "\(raw) lowest=\(lowest)")
            }
            // Order: by rank, then code; undefined last by code.
            for (previous, next) in zip(ranked, ranked.dropFirst()) {
                switch (previous.rank, next.rank) {
                case let (p?, n?): #expect(p < n || (p == n && previous.entry.region < next.entry.region))
                case (nil, _?): Issue.record("an unranked entry before a ranked one")
                case (nil, nil): #expect(previous.entry.region < next.entry.region)
                case (_?, nil): break
                }
            }
        }
    }

    @Test func medalTable() {
        func award(_ region: String, _ place: Int?) -> Award {
            Award(region: code(region), title: "t", place: place, label: nil, level: .kota, givenBy: nil, date: nil)
        }
        let awards = [
            award("14.72.02.1003", 2), award("14.72.02.1004", 3), award("14.72.02.1002", 2), award("14.72.02.1002", 1),
            award("14.72.02.1002", 1), award("14.72.02.1004", 2), award("14.72.02.1009", 2), award("14.72.02.1006", 1),
            award("14.72.02.1004", 2), award("14.72.02.1003", nil),
        ]
        let table = MedalTable.rank(MedalTable.tally(awards))
        #expect(table.map(\.tally.region.text) == ["14.72.02.1002", "14.72.02.1006", "14.72.02.1004", "14.72.02.1003", "14.72.02.1009"])
        #expect(table.map(\.rank) == [1, 2, 3, 4, 4])
        #expect(table.first.map { [$0.tally.first, $0.tally.second, $0.tally.third] } == [2, 1, 0])
    }

    /// Ties are ordered by code whatever order the tallies arrive in (`tally` returns a dictionary's
    /// values, whose order changes from one process to the next).
    @Test func medalTableOrderDoesNotDependOnArrival() {
        let tallies = [
            MedalTally(region: code("14.72.02.1009"), name: "i", first: 1), MedalTally(region: code("14.72.02.1001"), name: "a", first: 1),
            MedalTally(region: code("14.72.02.2001"), name: "d", first: 1), MedalTally(region: code("14.72.02.1004"), name: "b", second: 2),
            MedalTally(region: code("14.72.02.1003"), name: "c", second: 2), MedalTally(region: code("14.72.01.1005"), name: "e", first: 1),
        ]
        let expected = ["1 14.72.01.1005", "1 14.72.02.1001", "1 14.72.02.1009", "1 14.72.02.2001", "5 14.72.02.1003", "5 14.72.02.1004"]
        for rotation in tallies.indices {
            let arrived = Array(tallies[rotation...] + tallies[..<rotation])
            for input in [arrived, arrived.reversed()] {
                #expect(MedalTable.rank(input).map { "\($0.rank) \($0.tally.region.text)" } == expected)
            }
        }
    }
}
