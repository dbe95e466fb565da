import Foundation
import Testing
@testable import RekapDomain

/// What a small hostile or careless document can no longer do: grow its rejection without bound
/// (item 3), carry a decimal the figures cannot keep (item 6), or put control characters in text
/// (item 7).
@Suite struct SubmissionHardeningTests {
    let checker = SubmissionChecker(knownRegion: DumaiRegions.known)

    /// A minimal document with `members` added to its top level (JSON text).
    static func document(_ members: String...) -> [UInt8] {
        let head = #"{"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "FY""#
        return Array((head + members.map { ", " + $0 }.joined() + "}").utf8)
    }

    static func indicator(name: String = "Indeks", target: String = "\"87\"") -> String {
        #"{"code": "IKM", "name": "\#(name)", "target": \#(target), "realisasi": "91.72"}"#
    }

    // MARK: - Item 3: caps

    /// `"indicators": [0,0,0,…]` of 5,000 items was 5,000 problems; now one, at the array.
    @Test func anOverLongArrayIsOneProblemAtItsPointer() {
        let zeros = Array(repeating: "0", count: 5_000).joined(separator: ",")
        let problems = checker.check(Self.document(#""indicators": [\#(zeros)]"#)).problems
        #expect(problems.count == 1, "\(problems.prefix(3))")
        #expect(problems.first?.kind == .tooMany)
        #expect(problems.first?.pointer.description == "/indicators")
        #expect(problems.first?.reason.contains("at most \(SubmissionLimits.indicators)") == true)
    }

    @Test(arguments: [
        ("budget/programs", SubmissionLimits.programs, #""budget": {"programs": [%@]}"#, "{\"name\": \"P\"}"),
        ("pbb", SubmissionLimits.pbbRows, #""pbb": [%@]"#, "1"),
        ("awards", SubmissionLimits.awards, #""awards": [%@]"#, "1"),
        ("budget/programs/0/kegiatan", SubmissionLimits.kegiatanPerProgram, #""budget": {"programs": [{"name": "P", "kegiatan": [%@]}]}"#, "1"),
        ("budget/programs/0/kegiatan/0/sub_kegiatan", SubmissionLimits.subKegiatanPerKegiatan,
         #""budget": {"programs": [{"name": "P", "kegiatan": [{"name": "K", "sub_kegiatan": [%@]}]}]}"#, "1"),
    ])
    func everySectionHasItsCap(path: String, cap: Int, template: String, item: String) {
        let items = Array(repeating: item, count: cap + 1).joined(separator: ",")
        let problems = checker.check(Self.document(template.replacingOccurrences(of: "%@", with: items))).problems
        #expect(problems.map(\.pointer.description) == ["/" + path], "\(problems.prefix(3))")
        #expect(problems.map(\.kind) == [.tooMany])
        // At the cap, the items are walked (and each bad one reported, up to the listed cap).
        let atCap = Array(repeating: item, count: cap).joined(separator: ",")
        #expect(!checker.check(Self.document(template.replacingOccurrences(of: "%@", with: atCap))).problems.contains { $0.kind == .tooMany })
    }

    /// The parser stops at an array beyond any cap instead of building millions of values.
    @Test func theParserStopsAtAnArrayBeyondItsItemLimit() {
        let zeros = Array(repeating: "0", count: 200_000).joined(separator: ",")
        let problems = checker.check(Self.document(#""indicators": [\#(zeros)]"#)).problems
        #expect(problems.count == 1)
        #expect(problems.first?.kind == .tooMany)
        #expect(problems.first?.pointer.description == "/indicators")
        let members = (0..<20_000).map { "\"k\($0)\": 0" }.joined(separator: ",")
        let objectProblems = checker.check(Self.document(#""signed": {\#(members)}"#)).problems
        #expect(objectProblems.map(\.kind) == [.tooMany])
        #expect(objectProblems.first?.pointer.description == "/signed")
    }

    /// 400 bad indicators: the first 100 problems, then one that counts the other 300.
    @Test func aRejectionListsTheFirstProblemsAndCountsTheRest() {
        let items = Array(repeating: "1", count: 400).joined(separator: ",")
        let problems = checker.check(Self.document(#""indicators": [\#(items)]"#)).problems
        #expect(problems.count == SubmissionLimits.listedProblems + 1)
        #expect(problems.prefix(SubmissionLimits.listedProblems).map(\.pointer.description)
                == (0..<SubmissionLimits.listedProblems).map { "/indicators/\($0)" })
        let last = problems.last
        #expect(last?.kind == .moreProblems)
        #expect(last?.pointer.description == "")
        #expect(last?.reason.hasPrefix("dan 300 masalah lain") == true, "\(String(describing: last))")
        #expect(problems.total == 400)
        // The JSON answer is the capped list too.
        guard case .object(let members) = CheckReport.json(.rejected(problems)),
              case .array(let listed)? = members.first(where: { $0.key == "problems" })?.value
        else { Issue.record("no problems member"); return }
        #expect(listed.count == SubmissionLimits.listedProblems + 1)
    }

    @Test func unknownKeysAreListedUpToTheirCap() {
        let members = (0..<300).map { "\"extra\($0)\": 0" }.joined(separator: ",")
        let result = checker.check(Self.document(members))
        #expect(result.isAccepted)
        let unknown = result.findings.filter { $0.rule == FindingRule.unknownKey.rawValue }
        #expect(unknown.count == SubmissionLimits.listedUnknownKeys + 1)
        #expect(unknown.last?.message.contains("200 more keys") == true)
    }

    @Test func largeNumbersAreShownTheIndonesianWay() {
        #expect(Problem.grouped(1_999_900) == "1.999.900")
        #expect(Problem.grouped(100) == "100")
        #expect(Problem.grouped(1_000) == "1.000")
    }

    // MARK: - Item 6: decimals that cannot be kept

    static let longZeros = [100, 127, 128, 200]

    /// `"0." + 100 zeros + "5"` passed; with 128+ zeros it became 0. Now refused at its pointer.
    @Test(arguments: longZeros)
    func anIndicatorValueWithTooManyDecimalsIsRefused(zeros: Int) {
        let text = "0." + String(repeating: "0", count: zeros) + "5"
        for target in ["\"\(text)\"", text] {  // as a JSON string and as a JSON number
            let problems = checker.check(Self.document(#""indicators": [\#(Self.indicator(target: target))]"#)).problems
            #expect(problems.map(\.pointer.description) == ["/indicators/0/target"], "\(problems)")
            #expect(problems.first?.kind == .invalidNumber)
            #expect(problems.first?.reason.contains("indicator values have at most 6") == true, "\(problems)")
        }
    }

    @Test(arguments: longZeros)
    func anAmountWithTooManyDecimalsIsRefused(zeros: Int) {
        let text = "0." + String(repeating: "0", count: zeros) + "5"
        let problems = checker.check(Self.document(#""budget": {"total": {"pagu": "\#(text)", "realisasi": "1"}}"#)).problems
        #expect(problems.map(\.pointer.description) == ["/budget/total/pagu"], "\(problems)")
        #expect(problems.first?.reason.contains("rupiah amounts have at most 2") == true)
    }

    @Test(arguments: [
        ("999999999999999.999999", true), ("-999999999999999.999999", true), ("0.000001", true), ("1.5000000000", true),
        ("1000000000000000", false), ("-1000000000000000", false), ("0.0000001", false), ("1e3", false),
    ])
    func indicatorValueLimits(text: String, accepted: Bool) {
        let result = checker.check(Self.document(#""indicators": [\#(Self.indicator(target: "\"\(text)\""))]"#))
        #expect(result.isAccepted == accepted, "\(text): \(result.problems)")
        if !accepted, !text.contains("e") {
            #expect(result.problems.first?.reason.contains("indicator values") == true, "\(result.problems)")
        }
    }

    // MARK: - Item 7: control characters in text

    @Test(arguments: ["\\u0000", "\\u0001", "\\r", "\\u001F", "\\u007F", "\\b"])
    func controlCharactersInTextAreRefusedAtTheirPointer(escape: String) {
        let name = "abc\(escape)def"
        let problems = checker.check(Self.document(
            #""signed": {"by": "\#(name)"}"#, #""indicators": [\#(Self.indicator(name: name))]"#)).problems
        #expect(problems.map(\.pointer.description) == ["/signed/by", "/indicators/0/name"], "\(problems)")
        #expect(problems.allSatisfy { $0.kind == .controlCharacter })
        // The value is not echoed.
        #expect(problems.allSatisfy { !$0.reason.contains("abc") }, "\(problems)")
    }

    @Test func tabAndNewlineAreKept() {
        let result = checker.check(Self.document(#""indicators": [\#(Self.indicator(name: "Indeks\\tKepuasan\\nMasyarakat"))]"#))
        guard case .accepted(let submission, _, _, _) = result else {
            Issue.record("\(result.problems)")
            return
        }
        #expect(submission.indicators.first?.name == "Indeks\tKepuasan\nMasyarakat")
    }
}

extension SubmissionHardeningTests {
    /// An unknown key would be stored as a finding's pointer: one with a control character is refused.
    @Test func aKeyWithAControlCharacterIsRefusedAtItsObject() {
        let problems = checker.check(Self.document(#""signed": {"by": "A", "x\u0000y": 1}"#)).problems
        #expect(problems.map(\.pointer.description) == ["/signed"], "\(problems)")
        #expect(problems.map(\.kind) == [.controlCharacter])
        let top = checker.check(Self.document(#""x\u0001": 1"#)).problems
        #expect(top.map(\.pointer.description) == [""], "\(top)")
    }
}
